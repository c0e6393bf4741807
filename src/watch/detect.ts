/**
 * What changed in a packument since it was last seen: new versions, dist-tag moves, new
 * deprecations, versions that disappeared (unpublished or yanked), new maintainers. Pure.
 * The first sighting of a package is a baseline, not a change.
 */
import semver from 'semver';
import type { Packument } from '../sources/npm/types.js';
import type { SeenPackage } from './types.js';

export type Change =
  | { kind: 'new-version'; version: string; previous?: string }
  | { kind: 'dist-tag'; tag: string; from?: string; to: string }
  | { kind: 'deprecated'; version: string; message: string }
  | { kind: 'yanked'; version: string }
  | { kind: 'maintainer-added'; name: string };

export function snapshot(p: Packument, at: string): SeenPackage {
  const deprecated: Record<string, string> = {};
  for (const [v, m] of Object.entries(p.versions)) if (m.deprecated) deprecated[v] = m.deprecated;
  return {
    name: p.name,
    versions: Object.keys(p.versions),
    distTags: { ...p.distTags },
    deprecated,
    ...(p.available.maintainers && p.maintainers ? { maintainers: p.maintainers.map((m) => m.name ?? m.email ?? '?') } : {}),
    seenAt: at,
  };
}

/** The highest earlier stable version, to compare a new release with. */
export function previousOf(versions: readonly string[], v: string): string | undefined {
  const older = versions.filter((x) => semver.valid(x) && semver.lt(x, v) && !semver.prerelease(x));
  return older.sort(semver.rcompare)[0];
}

export function detectChanges(before: SeenPackage | undefined, now: SeenPackage): Change[] {
  if (!before) return [];
  const out: Change[] = [];
  const had = new Set(before.versions);
  const has = new Set(now.versions);
  for (const v of now.versions) if (!had.has(v)) out.push({ kind: 'new-version', version: v, previous: previousOf(before.versions, v) });
  for (const v of before.versions) if (!has.has(v)) out.push({ kind: 'yanked', version: v });
  for (const [tag, to] of Object.entries(now.distTags)) {
    const from = before.distTags[tag];
    if (from !== to) out.push({ kind: 'dist-tag', tag, ...(from ? { from } : {}), to });
  }
  for (const [v, message] of Object.entries(now.deprecated))
    if (!before.deprecated[v]) out.push({ kind: 'deprecated', version: v, message });
  if (before.maintainers && now.maintainers) {
    const known = new Set(before.maintainers);
    for (const m of now.maintainers) if (!known.has(m)) out.push({ kind: 'maintainer-added', name: m });
  }
  return out;
}
