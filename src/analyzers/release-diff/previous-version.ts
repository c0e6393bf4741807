/**
 * Which release to compare a release with, and in which order releases were published.
 *
 * `previousVersion` picks the semver predecessor: the highest published non-prerelease version
 * lower than `version`. Semver, not publish time, because (1) it is the release users upgrade
 * from through `^`/`~` ranges, (2) backports (1.2.9 published after 2.0.0) then compare with
 * 1.2.8, not with an unrelated major line, and (3) publish times may be rewritten by a mirror
 * (`packument.available.time === false`) while version numbers cannot be. Publisher history
 * ("never published before", dormancy) uses publish ORDER instead: see `publishOrder`.
 */
import semver from 'semver';
import type { Packument } from '../../sources/npm/types.js';

export function previousVersion(packument: Packument, version: string): string | undefined {
  const target = semver.parse(version);
  if (!target) return undefined;
  let best: semver.SemVer | undefined;
  for (const v of Object.keys(packument.versions)) {
    const p = semver.parse(v);
    if (!p || p.prerelease.length > 0 || p.compare(target) >= 0) continue;
    if (!best || p.compare(best) > 0) best = p;
  }
  return best?.version === undefined ? undefined : findKey(packument, best);
}

/** The packument key of a parsed version (keys may carry a leading `v` or build metadata). */
function findKey(p: Packument, v: semver.SemVer): string {
  if (p.versions[v.version]) return v.version;
  for (const k of Object.keys(p.versions)) if (semver.parse(k)?.compare(v) === 0) return k;
  return v.version;
}

export interface PublishOrder {
  /** Versions in publish order (by time when times are real, else by semver). */
  order: string[];
  indexOf: Map<string, number>;
  byTime: boolean;
  /** Publish time in ms, when real. */
  timeOf(version: string): number | undefined;
}

/** Publish order of every version in the packument; O(n log n), fine for 50,000 versions. */
export function publishOrder(p: Packument): PublishOrder {
  const byTime = p.available.time && p.time !== undefined;
  const stamps = new Map<string, number>();
  if (byTime) {
    for (const v of Object.keys(p.versions)) {
      const t = Date.parse(p.time?.[v] ?? '');
      if (!Number.isNaN(t)) stamps.set(v, t);
    }
  }
  const parsed = new Map<string, semver.SemVer | null>();
  for (const v of Object.keys(p.versions)) parsed.set(v, semver.parse(v));
  const semverCmp = (a: string, b: string): number => {
    const pa = parsed.get(a);
    const pb = parsed.get(b);
    if (pa && pb) return pa.compare(pb);
    return pa ? 1 : pb ? -1 : a.localeCompare(b);
  };
  const order = Object.keys(p.versions).sort((a, b) => {
    if (byTime) {
      const ta = stamps.get(a);
      const tb = stamps.get(b);
      if (ta !== undefined && tb !== undefined && ta !== tb) return ta - tb;
    }
    return semverCmp(a, b);
  });
  return {
    order,
    indexOf: new Map(order.map((v, i) => [v, i])),
    byTime,
    timeOf: (v) => (byTime ? stamps.get(v) : undefined),
  };
}

export type Bump = 'major' | 'minor' | 'patch' | 'prerelease' | 'downgrade' | 'same';

export function bumpKind(from: string | undefined, to: string): Bump | undefined {
  const a = from ? semver.parse(from) : null;
  const b = semver.parse(to);
  if (!a || !b) return undefined;
  const c = b.compare(a);
  if (c === 0) return 'same';
  if (c < 0) return 'downgrade';
  if (b.major !== a.major) return 'major';
  if (b.minor !== a.minor) return 'minor';
  if (b.patch !== a.patch) return 'patch';
  return 'prerelease';
}
