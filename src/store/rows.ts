/**
 * What both store backends do to rows on the way in and out: JSON is redacted before it is written;
 * scan results are gzipped; a row that no longer parses is a cache miss, counted per table and
 * reported once as a problem.
 */
import { gunzipSync } from 'node:zlib';
import { packScanBody } from './scan-body.js';
import { redact } from '../core/redact.js';
import type { Problem } from '../core/types.js';
import type { ScanResult } from '../core/result.js';
import type { CacheEntry } from './types.js';

export function encodeJson(value: unknown): string {
  return redact(JSON.stringify(value));
}

/** A scan result as stored: redacted, gzip-compressed JSON, built in pieces (scan-body.ts) so no size is too large for one string. */
export function encodeScan(result: ScanResult): Buffer {
  return packScanBody(result, redact);
}

/** A stored scan row (gzip-compressed JSON; older SQLite stores: JSON text). Throws when it does not parse. */
export function decodeScan(raw: string | Buffer): ScanResult {
  return JSON.parse(typeof raw === 'string' ? raw : gunzipSync(raw).toString('utf8')) as ScanResult;
}

/** A cache row as both backends store it. */
export interface CacheRow {
  body: Buffer;
  fetched_at: string;
  etag: string | null;
  last_modified: string | null;
  meta: string | null;
}

export class UnreadableRows {
  private readonly counts = new Map<string, number>();
  constructor(private readonly where: string) {}

  /** JSON of a row (text, or gzip-compressed bytes), or undefined (counted) when it does not parse. */
  parse<T>(table: string, raw: string | Buffer): T | undefined {
    try {
      return JSON.parse(typeof raw === 'string' ? raw : gunzipSync(raw).toString('utf8')) as T;
    } catch {
      this.count(table);
      return undefined;
    }
  }

  /** Counts one unreadable row of `table` (read by the caller itself). */
  count(table: string): void {
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
  }

  /** The entry of a cache row, or undefined (counted) when its metadata does not parse. */
  cacheEntry(row: CacheRow): CacheEntry | undefined {
    const entry: CacheEntry = { body: row.body, fetchedAt: row.fetched_at };
    if (row.etag !== null) entry.etag = row.etag;
    if (row.last_modified !== null) entry.lastModified = row.last_modified;
    if (row.meta !== null) {
      const meta = this.parse<Record<string, unknown>>('cache', row.meta);
      if (meta === undefined) return undefined;
      entry.meta = meta;
    }
    return entry;
  }

  /** Unreadable rows met since the last call, one problem per table (then forgotten). */
  problems(): Problem[] {
    const out: Problem[] = [...this.counts].map(([table, n]) => ({
      code: 'E_STORE',
      subject: this.where,
      file: this.where,
      message: `store ${this.where}: ${n} unreadable row${n === 1 ? '' : 's'} in table ${table} ignored (treated as not cached)`,
      hint: 'the rows are rewritten as the data is fetched again; delete the store if this keeps happening',
    }));
    this.counts.clear();
    return out;
  }
}
