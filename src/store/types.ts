/** Store interface. SQLite (`sqlite.ts`) is the default; everything that persists goes through here. */
import type { ScanResult } from '../core/result.js';

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

export interface Store {
  readonly path: string;
  /** HTTP-ish cache: `kind` is a namespace (`packument`, `tarball`, `deb-index`, `osv`...). */
  getCache(kind: string, key: string): CacheEntry | undefined;
  putCache(kind: string, key: string, entry: CacheEntry): void;
  /** Memoized analyzer output, keyed by analyzer id + version + subject + input digest. */
  getAnalysis(key: string): unknown | undefined;
  putAnalysis(key: string, value: unknown): void;
  saveScan(result: ScanResult): number;
  lastScan(targetKey: string): StoredScan | undefined;
  /** The latest stored scan of every target (what `vigil watch` watches when given no project). */
  latestScans?(): StoredScan[];
  /** Rows found unreadable (served as misses) since the last call, one problem per table. */
  problems?(): import('../core/types.js').Problem[];
  /** Runs fn in one transaction (all or nothing). */
  transaction<T>(fn: () => T): T;
  close(): void;
}
