/**
 * The packuments parsed most recently, bounded by count and by the size of the documents they came
 * from: a scan asks for the same name several times (each locked version, new-dependency checks),
 * but a few packages with thousands of releases must not keep hundreds of megabytes alive.
 */
import type { Packument } from './types.js';

export interface PackumentLru {
  get(key: string): Packument | undefined;
  /** Whether `key` is kept (without making it the most recent). */
  has(key: string): boolean;
  /** Keeps `p` (parsed from a body of `bytes` bytes) unless it alone exceeds the byte bound. */
  set(key: string, p: Packument, bytes: number): Packument;
  readonly bytes: number;
  readonly size: number;
}

export const LRU_MAX_ENTRIES = 64;
export const LRU_MAX_BYTES = 32 * 1024 * 1024;

export function createPackumentLru(maxEntries = LRU_MAX_ENTRIES, maxBytes = LRU_MAX_BYTES): PackumentLru {
  const entries = new Map<string, { p: Packument; bytes: number }>();
  let total = 0;
  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    total -= e.bytes;
  };
  return {
    get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      entries.delete(key);
      entries.set(key, e);
      return e.p;
    },
    has(key) {
      return entries.has(key);
    },
    set(key, p, bytes) {
      drop(key);
      if (bytes > maxBytes) return p;
      entries.set(key, { p, bytes });
      total += bytes;
      while (entries.size > maxEntries || total > maxBytes) drop(entries.keys().next().value as string);
      return p;
    },
    get bytes() {
      return total;
    },
    get size() {
      return entries.size;
    },
  };
}
