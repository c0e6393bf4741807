/**
 * The one cache for analysis results derived from fixed inputs (a release's bytes). A key names the
 * producer — id, version and the content hash of its code and rules — and the input (a tarball
 * integrity, or purl + integrity), so an entry is only ever served to the same code on the same
 * bytes: changing a rule without touching a version string misses the cache. Backed by the store's
 * analysis table; nothing else builds analysis keys.
 */
import { codeHash as defaultCodeHash } from '../core/code-hash.js';
import type { Store } from './types.js';

/** Who computed a cached value: the code paths (relative to src/) whose hash is part of the key. */
export interface Producer {
  id: string;
  version: string;
  code: readonly string[];
}

export interface FactsCache {
  get(producer: Producer, input: string): unknown;
  put(producer: Producer, input: string, value: unknown): void;
}

export interface FactsCacheOptions {
  /** Hash of code paths; tests inject one to simulate an upgraded rule set. */
  codeHash?: (paths: readonly string[]) => string;
}

export function createFactsCache(store: Pick<Store, 'getAnalysis' | 'putAnalysis'>, opts: FactsCacheOptions = {}): FactsCache {
  const hash = opts.codeHash ?? ((p: readonly string[]) => defaultCodeHash(p));
  const producers = new Map<Producer, string>();
  const keyOf = (p: Producer, input: string): string => {
    let k = producers.get(p);
    if (k === undefined) {
      k = `${p.id}@${p.version}#${hash(p.code)}`;
      producers.set(p, k);
    }
    return `facts|${k}|${input}`;
  };
  return {
    get: (p, input) => store.getAnalysis(keyOf(p, input)),
    put: (p, input, value) => store.putAnalysis(keyOf(p, input), value),
  };
}
