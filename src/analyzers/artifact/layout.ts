/**
 * Align the artifact with the repository: the artifact may be a sub-folder of the repository (an npm
 * package inside a monorepo) or carry an extra top folder the archive reader did not strip.
 * The alignment that maps the most artifact files onto repository paths wins; ties keep no prefix.
 */
export interface Alignment {
  /** Prefix added to an artifact path to get the repository path (`packages/foo/`). */
  repoPrefix: string;
  /** Leading artifact folder dropped before matching (`xz-5.6.1/`). */
  artifactStrip: string;
  matched: number;
}

const SAMPLE = 400;

export function alignLayout(artifactPaths: string[], repoPaths: Set<string>): Alignment {
  const sample =
    artifactPaths.length > SAMPLE ? artifactPaths.filter((_, i) => i % Math.ceil(artifactPaths.length / SAMPLE) === 0) : artifactPaths;
  const score = (repoPrefix: string, artifactStrip: string): number => {
    let n = 0;
    for (const p of sample) {
      if (artifactStrip && !p.startsWith(artifactStrip)) continue;
      if (repoPaths.has(repoPrefix + p.slice(artifactStrip.length))) n++;
    }
    return n;
  };
  const candidates = new Map<string, { repoPrefix: string; artifactStrip: string }>();
  candidates.set('|', { repoPrefix: '', artifactStrip: '' });
  const byBase = new Map<string, string[]>();
  for (const r of repoPaths) {
    const b = r.slice(r.lastIndexOf('/') + 1);
    const l = byBase.get(b);
    if (l) {
      if (l.length < 50) l.push(r);
    } else byBase.set(b, [r]);
  }
  for (const p of sample.slice(0, 100)) {
    const first = p.indexOf('/');
    if (first > 0) candidates.set(`|${p.slice(0, first + 1)}`, { repoPrefix: '', artifactStrip: p.slice(0, first + 1) });
    for (const r of byBase.get(p.slice(p.lastIndexOf('/') + 1)) ?? []) {
      if (r.length > p.length && r.endsWith('/' + p)) {
        const repoPrefix = r.slice(0, r.length - p.length);
        candidates.set(`${repoPrefix}|`, { repoPrefix, artifactStrip: '' });
      }
    }
  }
  let best: Alignment = { repoPrefix: '', artifactStrip: '', matched: score('', '') };
  for (const c of candidates.values()) {
    const m = score(c.repoPrefix, c.artifactStrip);
    if (m > best.matched) best = { ...c, matched: m };
  }
  return best;
}
