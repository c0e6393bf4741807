/** Resolve a semver range against the registry the way npm does (dist-tags.latest first if it satisfies). */
import semver from 'semver';
import type { NpmSource } from './types.js';

export function pickVersion(versions: string[], latest: string | undefined, range: string): string | undefined {
  if (range === '' || range === '*' || range === 'latest') return latest ?? semver.maxSatisfying(versions, '*') ?? undefined;
  if (latest && semver.valid(latest) && semver.satisfies(latest, range)) return latest;
  return semver.maxSatisfying(versions, range) ?? undefined;
}

export function resolveRangeWith(npm: Pick<NpmSource, 'getPackument'>) {
  return async (name: string, range: string): Promise<string | undefined> => {
    const p = await npm.getPackument(name);
    return pickVersion(Object.keys(p.versions), p.distTags.latest, range);
  };
}
