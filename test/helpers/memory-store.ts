/** A tiny in-memory Store for tests (cache + analysis maps; scans kept in a list). */
import type { ScanResult } from '../../src/core/result.js';
import type { CacheEntry, Store, StoredScan } from '../../src/store/types.js';
import { digestOf, type ScanDigest } from '../../src/store/scan-digest.js';

export class MemoryStore implements Store {
  readonly path = ':memory-test:';
  readonly cache = new Map<string, CacheEntry>();
  readonly analysis = new Map<string, unknown>();
  readonly scans: StoredScan[] = [];
  getCache(kind: string, key: string): CacheEntry | undefined {
    return this.cache.get(`${kind}\0${key}`);
  }
  putCache(kind: string, key: string, entry: CacheEntry): void {
    this.cache.set(`${kind}\0${key}`, entry);
  }
  getAnalysis(key: string): unknown | undefined {
    return this.analysis.get(key);
  }
  putAnalysis(key: string, value: unknown): void {
    this.analysis.set(key, value);
  }
  saveScan(result: ScanResult): number {
    const id = this.scans.length + 1;
    this.scans.push({ id, targetKey: result.target.key, at: result.finishedAt, result });
    return id;
  }
  lastScan(targetKey: string): StoredScan | undefined {
    return [...this.scans].reverse().find((s) => s.targetKey === targetKey);
  }
  lastScanDigest(targetKey: string): ScanDigest | undefined {
    const s = this.lastScan(targetKey);
    return s ? { id: s.id, targetKey: s.targetKey, at: s.at, ...digestOf(s.result) } : undefined;
  }
  scanHistory(targetKey: string, limit: number): StoredScan[] {
    return [...this.scans]
      .reverse()
      .filter((s) => s.targetKey === targetKey)
      .slice(0, limit);
  }
  scanById(id: number): StoredScan | undefined {
    return this.scans.find((s) => s.id === id);
  }
  cacheEntries(kind: string): { key: string; entry: CacheEntry }[] {
    const prefix = `${kind}\0`;
    return [...this.cache]
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, entry]) => ({ key: k.slice(prefix.length), entry }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  /** Not isolated: a throwing fn leaves earlier writes (tests that need atomicity use SQLite). */
  transaction<T>(fn: () => T): T {
    return fn();
  }
  close(): void {}
}
