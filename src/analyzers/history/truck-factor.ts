/**
 * Truck factor by degree of authorship (Avelino, Passos, Hora, Valente, "A novel approach for
 * estimating truck factors", ICPC 2016):
 *   DOA(d, f) = 3.293 + 1.098·FA + 0.164·DL − 0.321·ln(1 + AC)
 * FA = 1 if d created f; DL = d's changes to f; AC = changes to f by others. Authors of f are the
 * developers with normalized DOA > 0.75 and absolute DOA ≥ 3.293. Remove the top author (most files)
 * repeatedly until more than half of the files have no author left; the number removed is the TF.
 */
import type { HistoryModel } from './model.js';

export interface TruckFactor {
  value: number;
  /** People removed, in order, with the number of files each authored. */
  removed: { person: string; name: string; files: number }[];
  filesConsidered: number;
}

const VENDORED = /(^|\/)(node_modules|vendor|third[_-]?party|external|deps)\//i;

export function doa(fa: number, dl: number, ac: number): number {
  return 3.293 + 1.098 * fa + 0.164 * dl - 0.321 * Math.log(1 + ac);
}

export function truckFactor(model: HistoryModel, headFiles: string[]): TruckFactor {
  const files = new Set(headFiles.filter((f) => !VENDORED.test(f)));
  const creator = new Map<string, string>();
  const changes = new Map<string, Map<string, number>>();
  for (const rc of model.commits) {
    if (model.activity.get(rc.author)?.person.bot) continue;
    for (const fc of rc.commit.files) {
      if (!files.has(fc.path)) continue;
      if (fc.status === 'A' && !creator.has(fc.path)) creator.set(fc.path, rc.author);
      let m = changes.get(fc.path);
      if (!m) changes.set(fc.path, (m = new Map()));
      m.set(rc.author, (m.get(rc.author) ?? 0) + 1);
    }
  }
  const authorsOf = new Map<string, Set<string>>();
  for (const [file, byDev] of changes) {
    let total = 0;
    for (const n of byDev.values()) total += n;
    const scores = [...byDev].map(([dev, dl]) => [dev, doa(creator.get(file) === dev ? 1 : 0, dl, total - dl)] as const);
    const max = Math.max(...scores.map(([, s]) => s));
    const authors = new Set(scores.filter(([, s]) => s / max > 0.75 && s >= 3.293).map(([d]) => d));
    if (authors.size) authorsOf.set(file, authors);
  }
  const considered = changes.size;
  const removed: TruckFactor['removed'] = [];
  const gone = new Set<string>();
  const orphans = () => considered - [...authorsOf.values()].filter((a) => [...a].some((d) => !gone.has(d))).length;
  while (considered > 0 && orphans() <= considered / 2) {
    const count = new Map<string, number>();
    for (const a of authorsOf.values()) for (const d of a) if (!gone.has(d)) count.set(d, (count.get(d) ?? 0) + 1);
    const top = [...count].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0];
    if (!top) break;
    gone.add(top[0]);
    removed.push({ person: top[0], name: model.activity.get(top[0])?.person.name ?? top[0], files: top[1] });
  }
  return { value: removed.length, removed, filesConsidered: considered };
}
