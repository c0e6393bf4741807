/**
 * Content facts of a release's files, computed once per scan for each origin (`name@version`) and
 * shared by every analyzer that reads them (content, release-diff). With a worker pool they are
 * computed off the main thread; facts read back from the store can be handed in with `seed`.
 */
import type { PackageFiles } from '../../sources/archive/types.js';
import { contentFacts } from './facts.js';
import type { ContentPool } from './pool.js';
import type { ContentFacts } from './types.js';

export interface ContentFactsService {
  /** Facts of `files`: the copy this scan already has, else from the worker pool, else computed here. */
  of(files: PackageFiles): Promise<ContentFacts>;
  /** The same, always on this thread when not already known (release-diff compares two releases at once). */
  ofSync(files: PackageFiles): ContentFacts;
  /** Compute the facts in the worker pool ahead of need; nothing without a pool. */
  warm(files: PackageFiles): Promise<void>;
  /** Facts already known for an origin (computed or seeded). */
  peek(origin: string): ContentFacts | undefined;
  /** Facts obtained elsewhere (a stored analysis) for an origin. */
  seed(origin: string, facts: ContentFacts): void;
}

export function createContentFactsService(pool?: ContentPool): ContentFactsService {
  const known = new Map<string, ContentFacts>();
  const ofSync = (files: PackageFiles): ContentFacts => {
    const hit = known.get(files.origin);
    if (hit) return hit;
    const facts = contentFacts(files);
    known.set(files.origin, facts);
    return facts;
  };
  return {
    async of(files) {
      const hit = known.get(files.origin);
      if (hit) return hit;
      if (!pool) return ofSync(files);
      const facts = await pool.facts(files);
      known.set(files.origin, facts);
      return facts;
    },
    ofSync,
    async warm(files) {
      if (pool && !known.has(files.origin)) known.set(files.origin, await pool.facts(files));
    },
    peek: (origin) => known.get(origin),
    seed: (origin, facts) => void known.set(origin, facts),
  };
}
