/** Store interface. SQLite (`sqlite.ts`) is the default; everything that persists goes through here. */
import type { ScanResult } from '../core/result.js';
import type { ScanDigest } from './scan-digest.js';

export interface CacheEntry {
  body: Buffer;
  fetchedAt: string;
  etag?: string;
  lastModified?: string;
  /** Free-form metadata (content type, integrity...). */
  meta?: Record<string, unknown>;
}

export interface StoredScan {
  id: number;
  targetKey: string;
  at: string;
  result: ScanResult;
}

export interface SaveScanOptions {
  /** Scans of the same target to keep, this one included (default: all). */
  keep?: number;
  /**
   * The job that produced this scan (`vigil worker`): a scan is stored once per job key, so a job
   * that is retried after its worker died never stores a second copy. Saving again returns the id of
   * the first.
   */
  jobKey?: string;
}

/** Size of one part of the store. */
export interface StorePart {
  rows: number;
  bytes: number;
}

export interface StoreStats {
  path: string;
  /** Size of the database file(s) on disk, WAL included. */
  fileBytes: number;
  /** Cache rows per kind (`packument`, `tarball`, ...). */
  cache: Record<string, StorePart>;
  analysis: StorePart;
  scans: StorePart & { targets: number };
}

export interface PruneOptions {
  /** Drop cache and analysis rows written before this time (ISO). */
  before?: string;
  /** Keep at most this many scans per target. */
  keepScans?: number;
  /** Drop the least recently fetched tarballs until they total at most this many bytes. */
  maxTarballBytes?: number;
}

export interface PruneReport {
  cacheRows: number;
  analysisRows: number;
  scans: number;
  /** File size before and after (the file is vacuumed). */
  bytesBefore: number;
  bytesAfter: number;
}

/** Housekeeping of a store: sizes, pruning, compaction (`vigil cache stats|prune`). */
export interface StoreMaintenance {
  stats(): StoreStats;
  prune(opts: PruneOptions): PruneReport;
  /** Rewrites the file so that freed pages go back to the file system. */
  vacuum(): void;
}

export interface Store {
  readonly path: string;
  /** HTTP-ish cache: `kind` is a namespace (`packument`, `tarball`, `deb-index`, `osv`...). */
  getCache(kind: string, key: string): CacheEntry | undefined;
  putCache(kind: string, key: string, entry: CacheEntry): void;
  /** Memoized analyzer output, keyed by analyzer id + version + subject + input digest. */
  getAnalysis(key: string): unknown | undefined;
  putAnalysis(key: string, value: unknown): void;
  /** Stores a scan result; with `keep`, only the newest `keep` scans of that target remain. */
  saveScan(result: ScanResult, opts?: SaveScanOptions): number;
  lastScan(targetKey: string): StoredScan | undefined;
  /** What the next scan of a target compares with (its components and findings), without reading the whole result. */
  lastScanDigest(targetKey: string): ScanDigest | undefined;
  /** The latest stored scan of every target (what `vigil watch` watches when given no project). */
  latestScans?(): StoredScan[];
  /** Scans of one target, newest first, at most `limit` (unreadable rows skipped). */
  scanHistory(targetKey: string, limit: number): StoredScan[];
  /** One stored scan by id. */
  scanById(id: number): StoredScan | undefined;
  /** Every cache row of one kind, in key order (watch alerts, triage audit). */
  cacheEntries(kind: string): { key: string; entry: CacheEntry }[];
  /** Rows found unreadable (served as misses) since the last call, one problem per table. */
  problems?(): import('../core/types.js').Problem[];
  /** Runs fn in one transaction (all or nothing). */
  transaction<T>(fn: () => T): T;
  close(): void;
}
