/**
 * Imported advisories in the store: one gzip'd JSON blob (kind `osv`, key `advisories`), replaced in a
 * single transaction, so an import either lands whole or not at all and nothing else is touched.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { VigilError } from '../../core/errors.js';
import type { Store } from '../../store/types.js';
import { mergeById } from './db.js';
import type { Advisory, ImportStats } from './model.js';

export const OSV_CACHE_KIND = 'osv';
export const OSV_CACHE_KEY = 'advisories';
const FORMAT = 1;

interface Blob {
  format: number;
  updatedAt: string;
  sources: { from: string; at: string; stats: ImportStats }[];
  advisories: Advisory[];
}

function readBlob(store: Store): Blob | undefined {
  const e = store.getCache(OSV_CACHE_KIND, OSV_CACHE_KEY);
  if (!e) return undefined;
  try {
    const blob = JSON.parse(gunzipSync(e.body).toString('utf8')) as Blob;
    if (blob.format !== FORMAT || !Array.isArray(blob.advisories)) throw new Error(`unknown format ${String(blob.format)}`);
    return blob;
  } catch (cause) {
    throw new VigilError('E_STORE', `stored advisories in ${store.path} are unreadable: ${(cause as Error).message}`, {
      cause, hint: 'run `vigil advisories update --from PATH` to rebuild them',
    });
  }
}

/** Advisories imported earlier (empty when none). */
export function loadStoredAdvisories(store: Store): Advisory[] {
  return readBlob(store)?.advisories ?? [];
}

/** Import history recorded with the stored set. */
export function storedImportHistory(store: Store): Blob['sources'] {
  return readBlob(store)?.sources ?? [];
}

/**
 * Merge `incoming` into the stored set (newer `modified` wins per id; withdrawn records replace
 * their earlier copies) and write it back atomically. Returns the number of stored advisories.
 */
export function saveAdvisories(store: Store, incoming: Advisory[], from: string, stats: ImportStats): number {
  return store.transaction(() => {
    const prev = readBlob(store);
    const merged = mergeById(prev?.advisories ?? [], incoming);
    const at = new Date().toISOString();
    const blob: Blob = {
      format: FORMAT, updatedAt: at,
      sources: [...(prev?.sources ?? []).slice(-49), { from, at, stats }],
      advisories: [...merged.values()],
    };
    store.putCache(OSV_CACHE_KIND, OSV_CACHE_KEY, {
      body: gzipSync(Buffer.from(JSON.stringify(blob))),
      fetchedAt: at,
      meta: { count: blob.advisories.length, contentType: 'application/json+gzip' },
    });
    return blob.advisories.length;
  });
}
