/**
 * Numbered PostgreSQL schema migrations (the SQLite ones are in ../migrations.ts). Append only. All
 * pending migrations run in one transaction under an advisory lock, so several workers starting at
 * once against an empty database apply each migration exactly once.
 */
import { VigilError } from '../../core/errors.js';
import type { Migration } from '../migrations.js';
import type { SyncPgClient } from './sync-client.js';

/** Any fixed number: the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 0x76_69_67_69;

export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cache, analysis memo, scans',
    sql: `
      CREATE TABLE cache (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        body BYTEA NOT NULL,
        fetched_at TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        meta TEXT,
        PRIMARY KEY (kind, key)
      );
      CREATE TABLE analysis (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE scans (
        id BIGSERIAL PRIMARY KEY,
        target_key TEXT NOT NULL,
        at TEXT NOT NULL,
        result BYTEA NOT NULL,
        job_key TEXT UNIQUE
      );
      CREATE INDEX scans_target ON scans (target_key, id);
    `,
  },
  {
    version: 2,
    name: 'job queue',
    sql: `
      CREATE TABLE jobs (
        id BIGSERIAL PRIMARY KEY,
        kind TEXT NOT NULL,
        key TEXT NOT NULL UNIQUE,
        payload JSONB NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL DEFAULT 5,
        run_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        lease_owner TEXT,
        lease_until TIMESTAMPTZ,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        started_at TIMESTAMPTZ,
        finished_at TIMESTAMPTZ,
        last_error TEXT,
        result JSONB
      );
      CREATE INDEX jobs_ready ON jobs (run_at, id) WHERE state = 'queued';
      CREATE INDEX jobs_leases ON jobs (lease_until) WHERE state = 'running';
      CREATE INDEX jobs_state ON jobs (state, kind);
    `,
  },
  {
    version: 3,
    name: 'scan digests: what the next scan compares with, without reading the whole result',
    sql: `ALTER TABLE scans ADD COLUMN digest BYTEA;`,
  },
];

export function pgLatestVersion(): number {
  return PG_MIGRATIONS.reduce((m, x) => Math.max(m, x.version), 0);
}

/** Applies every pending migration; returns the versions applied. `where` names the database (password masked). */
export function migratePg(db: SyncPgClient, where: string): number[] {
  db.query('BEGIN');
  try {
    db.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const have = new Set(db.query<{ version: number }>('SELECT version FROM schema_migrations').map((r) => r.version));
    const newest = Math.max(0, ...have);
    if (newest > pgLatestVersion()) {
      throw new VigilError('E_STORE', `store ${where} has schema version ${newest}, newer than this vigil knows (${pgLatestVersion()})`, {
        file: where,
        hint: 'upgrade vigil on this machine, or point --store at another database',
      });
    }
    const applied: number[] = [];
    for (const m of [...PG_MIGRATIONS].sort((a, b) => a.version - b.version)) {
      if (have.has(m.version)) continue;
      db.query(m.sql);
      db.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
      applied.push(m.version);
    }
    db.query('COMMIT');
    return applied;
  } catch (e) {
    db.query('ROLLBACK');
    throw e;
  }
}
