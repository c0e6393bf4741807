/**
 * Housekeeping of the SQLite store: what takes room (`vigil cache stats`), dropping what is old or
 * over a bound (`vigil cache prune`), and VACUUM so that the file actually shrinks. Each prune runs
 * in one transaction; VACUUM runs after it, outside any transaction (SQLite requires that).
 */
import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { PruneOptions, PruneReport, StorePart, StoreStats } from './types.js';

export function fileBytes(path: string): number {
  if (path === ':memory:') return 0;
  let total = 0;
  for (const f of [path, `${path}-wal`]) {
    try {
      total += statSync(f).size;
    } catch {
      // no WAL file yet
    }
  }
  return total;
}

export function storeStats(db: Database.Database, path: string): StoreStats {
  const cache: Record<string, StorePart> = {};
  const rows = db
    .prepare('SELECT kind, COUNT(*) AS n, COALESCE(SUM(LENGTH(body)), 0) AS b FROM cache GROUP BY kind ORDER BY kind')
    .all() as { kind: string; n: number; b: number }[];
  for (const r of rows) cache[r.kind] = { rows: r.n, bytes: r.b };
  const a = db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(value)), 0) AS b FROM analysis').get() as { n: number; b: number };
  const s = db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(result)), 0) AS b, COUNT(DISTINCT target_key) AS t FROM scans').get() as {
    n: number;
    b: number;
    t: number;
  };
  return { path, fileBytes: fileBytes(path), cache, analysis: { rows: a.n, bytes: a.b }, scans: { rows: s.n, bytes: s.b, targets: s.t } };
}

/** Deletes scans of TARGET beyond the newest KEEP; returns how many went. */
export function trimScans(db: Database.Database, keep: number, target?: string): number {
  const n = Math.max(1, Math.floor(keep));
  const sql = `DELETE FROM scans WHERE id IN (
    SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY target_key ORDER BY id DESC) AS rn FROM scans ${target === undefined ? '' : 'WHERE target_key = ?'})
    WHERE rn > ?)`;
  const st = db.prepare(sql);
  return target === undefined ? st.run(n).changes : st.run(target, n).changes;
}

/** Drops the least recently fetched tarballs until the rest total at most MAX bytes. */
function trimTarballs(db: Database.Database, max: number): number {
  const rows = db.prepare("SELECT key, LENGTH(body) AS b FROM cache WHERE kind = 'tarball' ORDER BY fetched_at DESC").all() as {
    key: string;
    b: number;
  }[];
  const del = db.prepare("DELETE FROM cache WHERE kind = 'tarball' AND key = ?");
  let total = 0;
  let n = 0;
  for (const r of rows) {
    total += r.b;
    if (total > max) n += del.run(r.key).changes;
  }
  return n;
}

export function pruneStore(db: Database.Database, path: string, o: PruneOptions): PruneReport {
  const bytesBefore = fileBytes(path);
  const out = db
    .transaction(() => {
      let cacheRows = 0;
      let analysisRows = 0;
      let scans = 0;
      if (o.before) {
        cacheRows += db.prepare('DELETE FROM cache WHERE fetched_at < ?').run(o.before).changes;
        analysisRows += db.prepare('DELETE FROM analysis WHERE created_at < ?').run(o.before).changes;
        scans += db.prepare('DELETE FROM scans WHERE at < ?').run(o.before).changes;
      }
      if (o.keepScans !== undefined) scans += trimScans(db, o.keepScans);
      if (o.maxTarballBytes !== undefined) cacheRows += trimTarballs(db, o.maxTarballBytes);
      return { cacheRows, analysisRows, scans };
    })
    .immediate();
  vacuum(db);
  return { ...out, bytesBefore, bytesAfter: fileBytes(path) };
}

export function vacuum(db: Database.Database): void {
  db.exec('VACUUM');
  // Fold the WAL back into the main file so the size on disk reflects the compaction.
  db.pragma('wal_checkpoint(TRUNCATE)');
}
