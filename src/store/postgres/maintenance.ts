/** Housekeeping of the PostgreSQL store: sizes (`vigil cache stats`) and pruning (`vigil cache prune`). */
import type { PruneOptions, PruneReport, StorePart, StoreStats } from '../types.js';
import type { SyncPgClient } from './sync-client.js';

function databaseBytes(db: SyncPgClient): number {
  return Number(db.query<{ b: string }>('SELECT pg_database_size(current_database()) AS b')[0]!.b);
}

export function pgStats(db: SyncPgClient, where: string): StoreStats {
  const cache: Record<string, StorePart> = {};
  const rows = db.query<{ kind: string; n: string; b: string }>(
    'SELECT kind, COUNT(*) AS n, COALESCE(SUM(octet_length(body)), 0) AS b FROM cache GROUP BY kind ORDER BY kind',
  );
  for (const r of rows) cache[r.kind] = { rows: Number(r.n), bytes: Number(r.b) };
  const a = db.query<{ n: string; b: string }>('SELECT COUNT(*) AS n, COALESCE(SUM(octet_length(value)), 0) AS b FROM analysis')[0]!;
  const s = db.query<{ n: string; b: string; t: string }>(
    'SELECT COUNT(*) AS n, COALESCE(SUM(octet_length(result)), 0) AS b, COUNT(DISTINCT target_key) AS t FROM scans',
  )[0]!;
  return {
    path: where,
    fileBytes: databaseBytes(db),
    cache,
    analysis: { rows: Number(a.n), bytes: Number(a.b) },
    scans: { rows: Number(s.n), bytes: Number(s.b), targets: Number(s.t) },
  };
}

/** Deletes scans of TARGET (or of every target) beyond the newest KEEP; returns how many went. */
export function pgTrimScans(db: SyncPgClient, keep: number, target?: string): number {
  const n = Math.max(1, Math.floor(keep));
  const where = target === undefined ? '' : 'WHERE target_key = $2';
  return db.run(
    `DELETE FROM scans WHERE id IN (
      SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY target_key ORDER BY id DESC) AS rn FROM scans ${where}) ranked
      WHERE rn > $1)`,
    target === undefined ? [n] : [n, target],
  );
}

/** Drops the least recently fetched tarballs until the rest total at most MAX bytes. */
function trimTarballs(db: SyncPgClient, max: number): number {
  return db.run(
    `DELETE FROM cache WHERE kind = 'tarball' AND key IN (
      SELECT key FROM (SELECT key, SUM(octet_length(body)) OVER (ORDER BY fetched_at DESC, key) AS running FROM cache WHERE kind = 'tarball') t
      WHERE running > $1)`,
    [max],
  );
}

export function pgPrune(db: SyncPgClient, o: PruneOptions, tx: <T>(fn: () => T) => T): PruneReport {
  const bytesBefore = databaseBytes(db);
  const out = tx(() => {
    let cacheRows = 0;
    let analysisRows = 0;
    let scans = 0;
    if (o.before) {
      cacheRows += db.run('DELETE FROM cache WHERE fetched_at < $1', [o.before]);
      analysisRows += db.run('DELETE FROM analysis WHERE created_at < $1', [o.before]);
      scans += db.run('DELETE FROM scans WHERE at < $1', [o.before]);
    }
    if (o.keepScans !== undefined) scans += pgTrimScans(db, o.keepScans);
    if (o.maxTarballBytes !== undefined) cacheRows += trimTarballs(db, o.maxTarballBytes);
    return { cacheRows, analysisRows, scans };
  });
  // Plain VACUUM returns space to the table, not to the file system (VACUUM FULL would lock every worker out).
  db.run('VACUUM');
  return { ...out, bytesBefore, bytesAfter: databaseBytes(db) };
}
