/**
 * PostgreSQL implementation of Store, for several machines sharing one store (`--store
 * postgres://…`). Same tables and row encodings as the SQLite store; every write is one upsert or
 * runs inside `transaction()`, so concurrent workers filling the content-addressed caches (facts by
 * integrity, packuments by ETag) write the same row, never two. `path` is the connection string with
 * its password masked: it is what messages show.
 */
import { VigilError } from '../../core/errors.js';
import { redact } from '../../core/redact.js';
import type { Problem } from '../../core/types.js';
import type { ScanResult } from '../../core/result.js';
import { decodeScan, encodeJson, encodeScan, UnreadableRows, type CacheRow } from '../rows.js';
import { encodeDigest, rowDigest, type DigestRow, type ScanDigest } from '../scan-digest.js';
import type { CacheEntry, PruneOptions, PruneReport, SaveScanOptions, Store, StoreMaintenance, StoredScan, StoreStats } from '../types.js';
import { pgPrune, pgStats, pgTrimScans } from './maintenance.js';
import { SyncPgError, type SyncPgClient } from './sync-client.js';

interface ScanRow {
  id: string;
  target_key: string;
  at: string;
  result: Buffer;
}

export class PostgresStore implements Store, StoreMaintenance {
  readonly path: string;
  private readonly unreadable: UnreadableRows;
  private depth = 0;

  /** `db` must already be connected and migrated (see open.ts). */
  constructor(
    private readonly db: SyncPgClient,
    maskedUrl: string,
  ) {
    this.path = maskedUrl;
    this.unreadable = new UnreadableRows(maskedUrl);
  }

  getCache(kind: string, key: string): CacheEntry | undefined {
    const [row] = this.guard(() =>
      this.db.query<CacheRow>('SELECT body, fetched_at, etag, last_modified, meta FROM cache WHERE kind = $1 AND key = $2', [kind, key]),
    );
    return row ? this.unreadable.cacheEntry(row) : undefined;
  }

  putCache(kind: string, key: string, entry: CacheEntry): void {
    const meta = entry.meta === undefined ? null : encodeJson(entry.meta);
    this.guard(() =>
      this.db.run(
        `INSERT INTO cache (kind, key, body, fetched_at, etag, last_modified, meta) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (kind, key) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at,
           etag = excluded.etag, last_modified = excluded.last_modified, meta = excluded.meta`,
        [kind, key, entry.body, entry.fetchedAt, entry.etag ?? null, entry.lastModified ?? null, meta],
      ),
    );
  }

  getAnalysis(key: string): unknown | undefined {
    const [row] = this.guard(() => this.db.query<{ value: string }>('SELECT value FROM analysis WHERE key = $1', [key]));
    return row ? this.unreadable.parse('analysis', row.value) : undefined;
  }

  putAnalysis(key: string, value: unknown): void {
    const v = encodeJson(value);
    this.guard(() =>
      this.db.run(
        `INSERT INTO analysis (key, value, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at`,
        [key, v, new Date().toISOString()],
      ),
    );
  }

  saveScan(result: ScanResult, opts: SaveScanOptions = {}): number {
    const body = encodeScan(result);
    const digest = encodeDigest(result);
    return this.transaction(() => {
      const [row] = this.guard(() =>
        this.db.query<{ id: string }>(
          'INSERT INTO scans (target_key, at, result, job_key, digest) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (job_key) DO NOTHING RETURNING id',
          [result.target.key, result.finishedAt || new Date().toISOString(), body, opts.jobKey ?? null, digest],
        ),
      );
      if (!row && opts.jobKey !== undefined) {
        return Number(this.guard(() => this.db.query<{ id: string }>('SELECT id FROM scans WHERE job_key = $1', [opts.jobKey]))[0]!.id);
      }
      if (opts.keep !== undefined) this.guard(() => pgTrimScans(this.db, opts.keep!, result.target.key));
      return Number(row!.id);
    });
  }

  lastScan(targetKey: string): StoredScan | undefined {
    return this.scanHistory(targetKey, 1)[0];
  }

  lastScanDigest(targetKey: string): ScanDigest | undefined {
    const [row] = this.guard(() =>
      this.db.query<DigestRow>('SELECT id, target_key, at, digest FROM scans WHERE target_key = $1 ORDER BY id DESC LIMIT 1', [targetKey]),
    );
    if (!row) return undefined;
    return rowDigest(
      row,
      () => this.scanById(Number(row.id))?.result,
      () => this.unreadable.count('scans'),
    );
  }

  scanHistory(targetKey: string, limit: number): StoredScan[] {
    const rows = this.guard(() =>
      this.db.query<ScanRow>('SELECT id, target_key, at, result FROM scans WHERE target_key = $1 ORDER BY id DESC LIMIT $2', [
        targetKey,
        Math.max(1, Math.floor(limit)),
      ]),
    );
    return rows.map((r) => this.storedScan(r)).filter((s): s is StoredScan => s !== undefined);
  }

  scanById(id: number): StoredScan | undefined {
    const [row] = this.guard(() => this.db.query<ScanRow>('SELECT id, target_key, at, result FROM scans WHERE id = $1', [id]));
    return row ? this.storedScan(row) : undefined;
  }

  cacheEntries(kind: string): { key: string; entry: CacheEntry }[] {
    const rows = this.guard(() =>
      this.db.query<CacheRow & { key: string }>(
        'SELECT key, body, fetched_at, etag, last_modified, meta FROM cache WHERE kind = $1 ORDER BY key',
        [kind],
      ),
    );
    const out: { key: string; entry: CacheEntry }[] = [];
    for (const row of rows) {
      const entry = this.unreadable.cacheEntry(row);
      if (entry) out.push({ key: row.key, entry });
    }
    return out;
  }

  private storedScan(row: ScanRow): StoredScan | undefined {
    const result = this.unreadable.parse<ScanResult>('scans', row.result);
    return result === undefined ? undefined : { id: Number(row.id), targetKey: row.target_key, at: row.at, result };
  }

  latestScans(): StoredScan[] {
    const rows = this.guard(() =>
      this.db.query<ScanRow>('SELECT DISTINCT ON (target_key) id, target_key, at, result FROM scans ORDER BY target_key, id DESC'),
    );
    const out: StoredScan[] = [];
    for (const row of rows.sort((a, b) => Number(a.id) - Number(b.id))) {
      try {
        out.push({ id: Number(row.id), targetKey: row.target_key, at: row.at, result: decodeScan(row.result) });
      } catch {
        // An unreadable row is skipped: the target is simply not watched until it is scanned again.
      }
    }
    return out;
  }

  stats(): StoreStats {
    return this.guard(() => pgStats(this.db, this.path));
  }

  prune(opts: PruneOptions): PruneReport {
    return this.guard(() => pgPrune(this.db, opts, (fn) => this.transaction(fn)));
  }

  vacuum(): void {
    this.guard(() => this.db.run('VACUUM'));
  }

  problems(): Problem[] {
    return this.unreadable.problems();
  }

  /** All or nothing; nested calls become savepoints (as better-sqlite3 does). */
  transaction<T>(fn: () => T): T {
    const sp = `vigil_sp_${this.depth}`;
    this.guard(() => this.db.run(this.depth === 0 ? 'BEGIN' : `SAVEPOINT ${sp}`));
    this.depth++;
    try {
      const out = fn();
      this.depth--;
      this.guard(() => this.db.run(this.depth === 0 ? 'COMMIT' : `RELEASE SAVEPOINT ${sp}`));
      return out;
    } catch (e) {
      this.depth--;
      try {
        this.db.run(this.depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${sp}`);
      } catch {
        // the original error is the one to report
      }
      throw e;
    }
  }

  close(): void {
    this.db.close();
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof VigilError) throw e;
      throw pgStoreError(e, this.path);
    }
  }
}

/** PostgreSQL failures become E_STORE naming the database (password masked); VigilErrors pass through. */
export function pgStoreError(e: unknown, where: string): VigilError {
  const code = e instanceof SyncPgError ? (e.code ?? '') : '';
  const msg = redact(e instanceof Error ? e.message : String(e));
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === '57P01' || code === '08006' || code === '08001') {
    return new VigilError('E_STORE', `store ${where} cannot be reached (${msg})`, {
      file: where,
      cause: e,
      hint: 'check that PostgreSQL is running and the host, port and database in --store / VIGIL_STORE are right',
    });
  }
  if (code === '28P01' || code === '28000' || code === '3D000' || code === '42501') {
    return new VigilError('E_STORE', `store ${where} refused the connection (${msg})`, {
      file: where,
      cause: e,
      hint: 'check the user, password and database name in the connection string, and that the user may create tables',
    });
  }
  return new VigilError('E_STORE', `store ${where}: ${msg}`, { file: where, cause: e });
}
