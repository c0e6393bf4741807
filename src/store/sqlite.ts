/**
 * SQLite implementation of Store (better-sqlite3 v12). WAL mode, busy timeout, foreign keys,
 * prepared statements. Every write is a single statement or runs inside `transaction()`, so a process
 * killed mid-write leaves the file consistent (SQLite's journal rolls the partial transaction back).
 */
import Database from 'better-sqlite3';
import type { ScanResult } from '../core/result.js';
import { VigilError } from '../core/errors.js';
import type { Problem } from '../core/types.js';
import type { CacheEntry, PruneOptions, PruneReport, SaveScanOptions, Store, StoreMaintenance, StoredScan, StoreStats } from './types.js';
import { pruneStore, storeStats, trimScans, vacuum } from './maintenance.js';
import { decodeScan, encodeJson, encodeScan, UnreadableRows, type CacheRow } from './rows.js';
import { encodeDigest, rowDigest, type DigestRow, type ScanDigest } from './scan-digest.js';

interface ScanRow {
  id: number;
  target_key: string;
  at: string;
  /** gzip-compressed JSON (older stores: JSON text). */
  result: string | Buffer;
}

export class SqliteStore implements Store, StoreMaintenance {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly stmts: ReturnType<SqliteStore['prepare']>;
  /** Rows that no longer parse, by table: served as misses and reported once (see `problems`). */
  private readonly unreadable: UnreadableRows;

  /** `db` must already be open and migrated (see open.ts). */
  constructor(db: Database.Database, path: string) {
    this.db = db;
    this.path = path;
    this.unreadable = new UnreadableRows(path);
    this.stmts = this.prepare();
  }

  private prepare() {
    const db = this.db;
    return {
      getCache: db.prepare<[string, string], CacheRow>(
        'SELECT body, fetched_at, etag, last_modified, meta FROM cache WHERE kind = ? AND key = ?',
      ),
      putCache: db.prepare(
        `INSERT INTO cache (kind, key, body, fetched_at, etag, last_modified, meta)
         VALUES (@kind, @key, @body, @fetchedAt, @etag, @lastModified, @meta)
         ON CONFLICT (kind, key) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at,
           etag = excluded.etag, last_modified = excluded.last_modified, meta = excluded.meta`,
      ),
      getAnalysis: db.prepare<[string], { value: string }>('SELECT value FROM analysis WHERE key = ?'),
      putAnalysis: db.prepare(
        `INSERT INTO analysis (key, value, created_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at`,
      ),
      saveScan: db.prepare(
        'INSERT INTO scans (target_key, at, result, job_key, digest) VALUES (?, ?, ?, ?, ?) ON CONFLICT (job_key) WHERE job_key IS NOT NULL DO NOTHING',
      ),
      scanOfJob: db.prepare<[string], { id: number }>('SELECT id FROM scans WHERE job_key = ?'),
      lastScan: db.prepare<[string], ScanRow>('SELECT id, target_key, at, result FROM scans WHERE target_key = ? ORDER BY id DESC LIMIT 1'),
      lastDigest: db.prepare<[string], DigestRow>(
        'SELECT id, target_key, at, digest FROM scans WHERE target_key = ? ORDER BY id DESC LIMIT 1',
      ),
      scanHistory: db.prepare<[string, number], ScanRow>(
        'SELECT id, target_key, at, result FROM scans WHERE target_key = ? ORDER BY id DESC LIMIT ?',
      ),
      scanById: db.prepare<[number], ScanRow>('SELECT id, target_key, at, result FROM scans WHERE id = ?'),
      cacheEntries: db.prepare<[string], CacheRow & { key: string }>(
        'SELECT key, body, fetched_at, etag, last_modified, meta FROM cache WHERE kind = ? ORDER BY key',
      ),
      latestScans: db.prepare<[], ScanRow>(
        'SELECT s.id, s.target_key, s.at, s.result FROM scans s JOIN (SELECT MAX(id) AS id FROM scans GROUP BY target_key) m ON s.id = m.id ORDER BY s.id',
      ),
    };
  }

  getCache(kind: string, key: string): CacheEntry | undefined {
    const row = this.guard(() => this.stmts.getCache.get(kind, key));
    return row ? this.unreadable.cacheEntry(row) : undefined;
  }

  cacheEntries(kind: string): { key: string; entry: CacheEntry }[] {
    const out: { key: string; entry: CacheEntry }[] = [];
    for (const row of this.guard(() => this.stmts.cacheEntries.all(kind))) {
      const entry = this.unreadable.cacheEntry(row);
      if (entry) out.push({ key: row.key, entry });
    }
    return out;
  }

  putCache(kind: string, key: string, entry: CacheEntry): void {
    this.guard(() =>
      this.stmts.putCache.run({
        kind,
        key,
        body: entry.body,
        fetchedAt: entry.fetchedAt,
        etag: entry.etag ?? null,
        lastModified: entry.lastModified ?? null,
        meta: entry.meta === undefined ? null : encodeJson(entry.meta),
      }),
    );
  }

  getAnalysis(key: string): unknown | undefined {
    const row = this.guard(() => this.stmts.getAnalysis.get(key));
    return row ? this.unreadable.parse('analysis', row.value) : undefined;
  }

  putAnalysis(key: string, value: unknown): void {
    this.guard(() => this.stmts.putAnalysis.run(key, encodeJson(value), new Date().toISOString()));
  }

  saveScan(result: ScanResult, opts: SaveScanOptions = {}): number {
    const body = encodeScan(result);
    const digest = encodeDigest(result);
    return this.guard(() =>
      this.transaction(() => {
        const info = this.stmts.saveScan.run(
          result.target.key,
          result.finishedAt || new Date().toISOString(),
          body,
          opts.jobKey ?? null,
          digest,
        );
        if (info.changes === 0 && opts.jobKey !== undefined) return this.stmts.scanOfJob.get(opts.jobKey)!.id;
        if (opts.keep !== undefined) trimScans(this.db, opts.keep, result.target.key);
        return Number(info.lastInsertRowid);
      }),
    );
  }

  lastScan(targetKey: string): StoredScan | undefined {
    const row = this.guard(() => this.stmts.lastScan.get(targetKey));
    return row ? this.storedScan(row) : undefined;
  }

  lastScanDigest(targetKey: string): ScanDigest | undefined {
    const row = this.guard(() => this.stmts.lastDigest.get(targetKey));
    if (!row) return undefined;
    return rowDigest(
      row,
      () => this.scanById(Number(row.id))?.result,
      () => this.unreadable.count('scans'),
    );
  }

  scanHistory(targetKey: string, limit: number): StoredScan[] {
    const rows = this.guard(() => this.stmts.scanHistory.all(targetKey, Math.max(1, Math.floor(limit))));
    return rows.map((r) => this.storedScan(r)).filter((s): s is StoredScan => s !== undefined);
  }

  scanById(id: number): StoredScan | undefined {
    const row = this.guard(() => this.stmts.scanById.get(id));
    return row ? this.storedScan(row) : undefined;
  }

  private storedScan(row: ScanRow): StoredScan | undefined {
    const result = this.unreadable.parse<ScanResult>('scans', row.result);
    return result === undefined ? undefined : { id: row.id, targetKey: row.target_key, at: row.at, result };
  }

  stats(): StoreStats {
    return this.guard(() => storeStats(this.db, this.path));
  }

  prune(opts: PruneOptions): PruneReport {
    return this.guard(() => pruneStore(this.db, this.path, opts));
  }

  vacuum(): void {
    this.guard(() => vacuum(this.db));
  }

  /** Unreadable rows met since the last call, one problem per table (then forgotten). */
  problems(): Problem[] {
    return this.unreadable.problems();
  }

  latestScans(): StoredScan[] {
    const rows = this.guard(() => this.stmts.latestScans.all());
    const out: StoredScan[] = [];
    for (const row of rows) {
      try {
        out.push({
          id: row.id,
          targetKey: row.target_key,
          at: row.at,
          result: decodeScan(row.result),
        });
      } catch {
        // An unreadable row is skipped: the target is simply not watched until it is scanned again.
      }
    }
    return out;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** SQLite failures become E_STORE naming the file; VigilErrors pass through. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof VigilError) throw e;
      throw storeError(e, this.path);
    }
  }
}

export function storeError(e: unknown, path: string): VigilError {
  const code = (e as { code?: string }).code ?? '';
  const msg = e instanceof Error ? e.message : String(e);
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new VigilError('E_STORE', `store ${path} is not a usable SQLite database (${msg})`, {
      file: path,
      cause: e,
      hint: 'move the file away (it is only a cache and scan history) or pass --store PATH',
    });
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new VigilError('E_STORE', `store ${path} is locked by another process (${msg})`, {
      file: path,
      cause: e,
      hint: 'wait for the other vigil run to finish, or pass --store PATH',
    });
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM' || code === 'SQLITE_FULL') {
    return new VigilError('E_STORE', `store ${path} cannot be opened for writing (${msg})`, {
      file: path,
      cause: e,
      hint: 'check permissions and free space, or pass --store PATH to another location',
    });
  }
  return new VigilError('E_STORE', `store ${path}: ${msg}`, { file: path, cause: e });
}
