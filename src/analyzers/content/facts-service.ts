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
  /**
   * Facts of `files`: the copy this scan already has, else from the worker pool, else computed here.
   * An origin whose analysis already gave up in the pool (E_ANALYZER_LIMIT) rejects with that
   * failure again rather than repeating the analysis.
   */
  of(files: PackageFiles): Promise<ContentFacts>;
  /** Compute the facts in the worker pool ahead of need; nothing without a pool. */
  warm(files: PackageFiles): Promise<void>;
  /** Facts already known for an origin (computed or seeded). */
  peek(origin: string): ContentFacts | undefined;
  /** Facts obtained elsewhere (a stored analysis) for an origin. */
  seed(origin: string, facts: ContentFacts): void;
}

export function createContentFactsService(pool?: ContentPool): ContentFactsService {
  const known = new Map<string, ContentFacts>();
  const failed = new Map<string, unknown>();
  const here = (files: PackageFiles): ContentFacts => {
    const hit = known.get(files.origin);
    if (hit) return hit;
    const facts = contentFacts(files);
    known.set(files.origin, facts);
    return facts;
  };
  const inPool = async (p: ContentPool, files: PackageFiles): Promise<ContentFacts> => {
    try {
      const facts = await p.facts(files);
      known.set(files.origin, facts);
      return facts;
    } catch (e) {
      failed.set(files.origin, e);
      throw e;
    }
  };
  return {
    async of(files) {
      const hit = known.get(files.origin);
      if (hit) return hit;
      if (failed.has(files.origin)) throw failed.get(files.origin);
      return pool ? inPool(pool, files) : here(files);
    },
    async warm(files) {
      if (pool && !known.has(files.origin) && !failed.has(files.origin)) await inPool(pool, files);
    },
    peek: (origin) => known.get(origin),
    seed: (origin, facts) => void known.set(origin, facts),
  };
}
