/**
 * Nearest safe version in each direction: among the versions known to exist, the greatest below the
 * installed one and the smallest above it that no record of the advisory group affects.
 * npm prereleases are candidates only when the installed version is itself a prerelease.
 */
import semver from 'semver';
import type { Advisory, AffectedPackage } from '../../sources/osv/index.js';
import { packageAffects } from '../../sources/osv/ranges.js';
import { comparatorFor, isValidVersion } from '../../sources/osv/versions.js';
import { packageKey } from '../../sources/osv/db.js';

export interface SafeVersions {
  downgrade?: string;
  upgrade?: string;
  /** Where candidate versions came from (`registry`, `index`, `fleet`, `advisory`). */
  sources: string[];
  /** How many distinct candidate versions were considered. */
  candidates: number;
}

/** Entries of these advisories that name the package `kind:name`. */
export function entriesFor(advisories: Advisory[], kind: string, name: string): AffectedPackage[] {
  const key = packageKey(kind, name);
  return advisories.flatMap((a) => a.affected.filter((p) => packageKey(p.kind, p.name) === key));
}

/** Versions the advisory entries themselves name as safe: `fixed` events. */
export function fixedVersions(entries: AffectedPackage[]): string[] {
  return entries.flatMap((p) =>
    p.ranges.filter((r) => r.type !== 'GIT').flatMap((r) => r.events.filter((e) => e.kind === 'fixed').map((e) => e.version)),
  );
}

export function nearestSafe(entries: AffectedPackage[], current: string, candidates: Map<string, string>): SafeVersions {
  const scheme = entries[0]?.scheme ?? 'other';
  const cmp = comparatorFor(scheme);
  const sources = [...new Set(candidates.values())].sort();
  if (!cmp || !isValidVersion(scheme, current)) return { sources, candidates: candidates.size };
  const pre = scheme === 'semver' && semver.prerelease(current) !== null;
  let downgrade: string | undefined;
  let upgrade: string | undefined;
  for (const v of candidates.keys()) {
    if (!isValidVersion(scheme, v)) continue;
    if (scheme === 'semver' && !pre && semver.prerelease(v) !== null) continue;
    const c = cmp(v, current);
    if (c === 0) continue;
    if (entries.some((p) => packageAffects(p, v))) continue;
    if (c < 0 && (downgrade === undefined || cmp(v, downgrade) > 0)) downgrade = v;
    if (c > 0 && (upgrade === undefined || cmp(v, upgrade) < 0)) upgrade = v;
  }
  return { downgrade, upgrade, sources, candidates: candidates.size };
}
