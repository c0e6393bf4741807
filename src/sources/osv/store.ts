/**
 * Imported advisories in the store (kind `osv`): an index entry (key `advisories`) and the records in
 * gzip'd JSON chunks (`advisories/0`, `advisories/1`...), all replaced in ONE transaction, so an
 * import lands whole or not at all and nothing else in the store is touched. Chunks keep every
 * string far below V8's maximum string length even for full ecosystem dumps.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { VigilError } from '../../core/errors.js';
import type { Store } from '../../store/types.js';
import { mergeById } from './db.js';
import type { Advisory, ImportStats } from './model.js';

export const OSV_CACHE_KIND = 'osv';
export const OSV_CACHE_KEY = 'advisories';
const FORMAT = 2;
const CHUNK = 5_000;

interface IndexEntry {
  format: number;
  updatedAt: string;
  chunks: number;
  count: number;
  sources: { from: string; at: string; stats: ImportStats }[];
}

function unreadable(store: Store, cause: unknown): VigilError {
  return new VigilError('E_STORE', `stored advisories in ${store.path} are unreadable: ${(cause as Error).message}`, {
    cause,
    hint: 'run `vigil advisories update --from PATH` to rebuild them',
  });
}

function readIndex(store: Store): IndexEntry | undefined {
  const e = store.getCache(OSV_CACHE_KIND, OSV_CACHE_KEY);
  if (!e) return undefined;
  try {
    const idx = JSON.parse(e.body.toString('utf8')) as IndexEntry;
    if (idx.format !== FORMAT || !Number.isInteger(idx.chunks)) throw new Error(`unknown format ${String(idx.format)}`);
    return idx;
  } catch (cause) {
    throw unreadable(store, cause);
  }
}

/** Advisories imported earlier (empty when none). */
export function loadStoredAdvisories(store: Store): Advisory[] {
  const idx = readIndex(store);
  if (!idx) return [];
  const out: Advisory[] = [];
  for (let i = 0; i < idx.chunks; i++) {
    const e = store.getCache(OSV_CACHE_KIND, `${OSV_CACHE_KEY}/${i}`);
    if (!e) throw unreadable(store, new Error(`chunk ${i} of ${idx.chunks} is missing`));
    try {
      out.push(...(JSON.parse(gunzipSync(e.body).toString('utf8')) as Advisory[]));
    } catch (cause) {
      throw unreadable(store, cause);
    }
  }
  return out;
}

/** Import history recorded with the stored set. */
export function storedImportHistory(store: Store): IndexEntry['sources'] {
  return readIndex(store)?.sources ?? [];
}

/** Large free-form parts are trimmed before storing: matching and reports never need them whole. */
function slim(a: Advisory): Advisory {
  const details = a.details && a.details.length > 4000 ? `${a.details.slice(0, 4000)}…` : a.details;
  const dbs =
    a.databaseSpecific && JSON.stringify(a.databaseSpecific).length > 2000
      ? Object.fromEntries(Object.entries(a.databaseSpecific).filter(([k]) => k === 'severity' || k === 'cwe_ids'))
      : a.databaseSpecific;
  return details === a.details && dbs === a.databaseSpecific ? a : { ...a, details, databaseSpecific: dbs };
}

/**
 * Merge `incoming` into the stored set (newer `modified` wins per id; withdrawn records replace
 * their earlier copies) and write it back atomically. Returns the number of stored advisories.
 */
export function saveAdvisories(store: Store, incoming: Advisory[], from: string, stats: ImportStats): number {
  return store.transaction(() => {
    const prev = readIndex(store);
    const merged = [...mergeById(prev ? loadStoredAdvisories(store) : [], incoming.map(slim)).values()];
    const at = new Date().toISOString();
    const chunks = Math.ceil(merged.length / CHUNK);
    for (let i = 0; i < chunks; i++) {
      const body = gzipSync(Buffer.from(JSON.stringify(merged.slice(i * CHUNK, (i + 1) * CHUNK))));
      store.putCache(OSV_CACHE_KIND, `${OSV_CACHE_KEY}/${i}`, { body, fetchedAt: at, meta: { contentType: 'application/json+gzip' } });
    }
    // Free chunks an earlier, larger set left behind.
    for (let i = chunks; i < (prev?.chunks ?? 0); i++) {
      store.putCache(OSV_CACHE_KIND, `${OSV_CACHE_KEY}/${i}`, { body: gzipSync(Buffer.from('[]')), fetchedAt: at });
    }
    const idx: IndexEntry = {
      format: FORMAT,
      updatedAt: at,
      chunks,
      count: merged.length,
      sources: [...(prev?.sources ?? []).slice(-49), { from, at, stats }],
    };
    store.putCache(OSV_CACHE_KIND, OSV_CACHE_KEY, {
      body: Buffer.from(JSON.stringify(idx)),
      fetchedAt: at,
      meta: { count: merged.length },
    });
    return merged.length;
  });
}
