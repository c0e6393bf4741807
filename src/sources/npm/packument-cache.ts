/**
 * Packuments in the store are gzip-compressed (they are JSON and shrink 5–10×; a few popular ones
 * are tens of MB). The entry's meta says so; entries written before compression read as they are.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { CacheEntry, Store } from '../../store/types.js';

const KIND = 'packument';

export function readPackumentCache(store: Pick<Store, 'getCache'>, key: string): CacheEntry | undefined {
  const e = store.getCache(KIND, key);
  if (!e || e.meta?.encoding !== 'gzip') return e;
  const { encoding: _encoding, ...meta } = e.meta;
  try {
    return { ...e, body: gunzipSync(e.body), meta };
  } catch {
    return undefined; // a damaged entry is treated as absent and fetched again
  }
}

export function writePackumentCache(store: Pick<Store, 'putCache'>, key: string, entry: CacheEntry): void {
  store.putCache(KIND, key, { ...entry, body: gzipSync(entry.body, { level: 1 }), meta: { ...entry.meta, encoding: 'gzip' } });
}
