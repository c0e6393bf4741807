/**
 * history/newcomer-takeover: trust transfer in the source history, beyond release tags. A person
 * who first appears in a dormant, single-maintainer project (the top author wrote ≥ 75% of the
 * previous three years' commits, and the last year before them was under 35% of the project's
 * peak year) and then, within two years:
 *  - becomes the dominant committer (most commits, ≥ 50% and ≥ 20, in some 12-month window), or
 *  - tags releases, when earlier releases were tagged by others, or
 *  - within 180 days of pushing their first commit themselves, changes dependency manifests, build,
 *    CI or release files.
 * Medium with one of these, more confident with several. It is the "who" half of a takeover story:
 * on its own it also describes healthy successions, so it is never high here; the correlation
 * layer (src/correlate/) joins it with payload signals.
 */
import type { Evidence, Finding } from '../../../core/types.js';
import { DAY, month, type HistoryModel, type PersonActivity, type ResolvedCommit } from '../model.js';
import * as P from '../paths.js';
import { commitEvidence, finding, iso, selfLanded, type SignalContext } from './context.js';

const YEAR = 365 * DAY;
const WINDOW = 2 * YEAR;
const EARLY_PUSH = 180 * DAY;
const SINGLE_SHARE = 0.75;
const DORMANT_SHARE = 0.35;
const MIN_PEAK = 20;
const DOMINANT_SHARE = 0.5;
const DOMINANT_MIN = 20;

const DEPENDENCY_FILE =
  /^(package\.json|package-lock\.json|go\.mod|cargo\.toml|requirements[\w.-]*\.txt|setup\.py|setup\.cfg|pyproject\.toml|gemfile|\.gitmodules)$/i;
const RELEASE_FILE = /(^|\/)(release[\w.-]*|dist[\w.-]*\.sh|\.npmignore|publish[\w.-]*|version\.[\w]+)$/i;
export const isSensitivePath = (p: string): boolean =>
  P.isBuildFile(p) || P.isCiConfig(p) || DEPENDENCY_FILE.test(P.basename(p)) || RELEASE_FILE.test(p) || /(^|\/)build-aux\//.test(p);

interface Context {
  top: string;
  topShare: number;
  lastYear: number;
  peak: number;
  peakYear: string;
}

/**
 * The commits in model order as typed columns (author time, author, calendar year; bots as -1),
 * built once per analysis: the "before" context is asked for every later arrival, and each ask
 * walks the history up to the arrival, so the walk must not allocate or format dates.
 */
class CommitTable {
  readonly time: Float64Array;
  readonly author: Int32Array;
  readonly year: Int32Array;
  readonly people: string[] = [];
  readonly years: string[] = [];
  readonly personIndex = new Map<string, number>();
  /** Scratch counters, zero between asks. */
  private readonly perPerson: Int32Array;
  private readonly perYear: Int32Array;

  constructor(model: HistoryModel) {
    const n = model.commits.length;
    this.time = new Float64Array(n);
    this.author = new Int32Array(n);
    this.year = new Int32Array(n);
    const yearIndex = new Map<string, number>();
    model.commits.forEach((rc, i) => {
      const t = rc.commit.author.time;
      const y = month(t).slice(0, 4);
      let yi = yearIndex.get(y);
      if (yi === undefined) yearIndex.set(y, (yi = this.years.push(y) - 1));
      let pi = this.personIndex.get(rc.author);
      if (pi === undefined) this.personIndex.set(rc.author, (pi = this.people.push(rc.author) - 1));
      this.time[i] = t;
      this.year[i] = yi;
      this.author[i] = model.activity.get(rc.author)?.person.bot ? -1 : pi;
    });
    this.perPerson = new Int32Array(this.people.length);
    this.perYear = new Int32Array(this.years.length);
  }

  /** Was the project single-maintainer and dormant just before `t` (commits by `who` and bots left out)? */
  contextBefore(t: number, who: string): Context | undefined {
    const w = this.personIndex.get(who) ?? -2;
    const { time, author, year, perPerson, perYear } = this;
    // Counters in order of first appearance: ties go to the first seen, as a Map's order would.
    const seenP: number[] = [];
    const seenY: number[] = [];
    let lastYear = 0;
    let total = 0;
    for (let i = 0; i < time.length; i++) {
      const ct = time[i]!;
      if (ct >= t) break;
      const a = author[i]!;
      if (a === w || a < 0) continue;
      const y = year[i]!;
      const cy = perYear[y]!;
      perYear[y] = cy + 1;
      if (cy === 0) seenY.push(y);
      if (ct >= t - 3 * YEAR) {
        const cp = perPerson[a]!;
        perPerson[a] = cp + 1;
        if (cp === 0) seenP.push(a);
        total++;
      }
      if (ct >= t - YEAR) lastYear++;
    }
    const top = firstMax(seenP, perPerson);
    const peak = firstMax(seenY, perYear);
    const topCount = top === undefined ? 0 : perPerson[top]!;
    const peakCount = peak === undefined ? 0 : perYear[peak]!;
    for (const p of seenP) perPerson[p] = 0;
    for (const y of seenY) perYear[y] = 0;
    if (top === undefined || peak === undefined || total < 5 || topCount / total < SINGLE_SHARE) return undefined;
    if (peakCount < MIN_PEAK || lastYear >= peakCount * DORMANT_SHARE) return undefined;
    return { top: this.people[top]!, topShare: topCount / total, lastYear, peak: peakCount, peakYear: this.years[peak]! };
  }
}

function firstMax(keys: readonly number[], counts: Int32Array): number | undefined {
  let best: number | undefined;
  for (const k of keys) if (best === undefined || counts[k]! > counts[best]!) best = k;
  return best;
}

/** A 12-month window (by calendar month) where `a` made most commits. */
function dominantWindow(
  model: HistoryModel,
  a: PersonActivity,
  from: number,
  to: number,
): { start: string; mine: number; all: number } | undefined {
  const all = new Map<string, number>();
  for (const rc of model.commits) {
    const t = rc.commit.author.time;
    if (t < from || t > to + YEAR || model.activity.get(rc.author)?.person.bot) continue;
    const m = month(t);
    all.set(m, (all.get(m) ?? 0) + 1);
  }
  const months = [...all.keys()].sort();
  for (const start of months) {
    const end = `${Number(start.slice(0, 4)) + 1}${start.slice(4)}`;
    let mine = 0;
    let sum = 0;
    for (const m of months)
      if (m >= start && m < end) {
        sum += all.get(m)!;
        mine += a.months.get(m) ?? 0;
      }
    if (mine >= DOMINANT_MIN && mine / sum >= DOMINANT_SHARE && Date.parse(`${start}-01T00:00:00Z`) / 1000 <= to)
      return { start, mine, all: sum };
  }
  return undefined;
}

export function newcomerTakeovers(ctx: SignalContext): Finding[] {
  const { model } = ctx;
  const out: Finding[] = [];
  const table = new CommitTable(model);
  for (const a of model.activity.values()) {
    if (a.person.bot || !a.firstAuthored || a.firstActivity - model.start < YEAR) continue;
    const t0 = a.firstActivity;
    const c = table.contextBefore(t0, a.person.id);
    if (!c) continue;
    const until = t0 + WINDOW;
    const reasons: string[] = [];
    const evidence: Evidence[] = [commitEvidence(a.firstAuthored, 'first authored commit')];
    const dom = dominantWindow(model, a, t0, until);
    if (dom) {
      reasons.push(`became the dominant committer (${dom.mine} of ${dom.all} commits in the 12 months from ${dom.start})`);
      evidence.push({ kind: 'metadata', label: 'dominant committer', field: 'commits per 12 months', value: dom });
    }
    const ft = a.firstTag;
    if (ft?.time && ft.time <= until && model.tags.some((t) => t.tagger && t.tagger !== a.person.id && (t.time ?? 0) < ft.time!)) {
      reasons.push(`tagged release ${ft.tag.name} on ${iso(ft.time)}`);
      evidence.push({
        kind: 'metadata',
        label: 'first release tag',
        field: `refs/tags/${ft.tag.name}`,
        commit: ft.tag.commit,
        date: iso(ft.time),
      });
    }
    // Pushed themselves: their own commit on the branch's first-parent line (a pull request's
    // commits, merged by someone else, are not).
    const direct = (rc: ResolvedCommit) => rc.author === a.person.id && selfLanded(ctx, rc);
    const pushed = model.commits.find((rc) => direct(rc) && rc.commit.author.time <= until);
    if (pushed) {
      const p0 = pushed.commit.committer.time;
      const early: ResolvedCommit[] = model.commits.filter(
        (rc) =>
          direct(rc) &&
          rc.commit.committer.time >= p0 &&
          rc.commit.committer.time <= p0 + EARLY_PUSH &&
          rc.commit.files.some((f) => isSensitivePath(f.path)),
      );
      if (early.length) {
        const files = [...new Set(early.flatMap((rc) => rc.commit.files.map((f) => f.path).filter(isSensitivePath)))];
        reasons.push(
          `within 180 days of pushing their first commit (${iso(p0)}), changed ${files.slice(0, 4).join(', ')}${files.length > 4 ? ` and ${files.length - 4} more` : ''} in ${early.length} commit(s) they pushed themselves`,
        );
        evidence.push(
          commitEvidence(pushed, 'first commit pushed themselves'),
          ...early
            .slice(0, 3)
            .map((rc) =>
              commitEvidence(rc, 'build/CI/release/dependency change', rc.commit.files.find((f) => isSensitivePath(f.path))?.path),
            ),
        );
      }
    }
    if (!reasons.length) continue;
    const prev = model.activity.get(c.top)?.person.name ?? c.top;
    out.push(
      finding(
        ctx,
        'history/newcomer-takeover',
        'medium',
        reasons.length >= 2 ? 'high' : 'medium',
        `${a.person.name} arrived in a dormant single-maintainer project and ${reasons.length >= 2 ? 'took over' : reasons[0]!.split(' (')[0]}`,
        evidence,
        `${a.person.name} first appears on ${iso(t0)}. Before that, ${prev} wrote ${Math.round(c.topShare * 100)}% of the previous three years' commits and the project had ${c.lastYear} commit(s) in the last year (peak ${c.peak} in ${c.peakYear}). Within two years ${a.person.name} ${reasons.join('; ')}. Healthy successions look like this too; it matters together with what the newcomer changed (see correlate/takeover-story).`,
        `Check how ${a.person.name} was given rights (a public discussion, a known organization) and review their build, CI and release changes with ${prev}.`,
      ),
    );
  }
  return out;
}
