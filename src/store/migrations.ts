/**
 * Numbered schema migrations. Append only: never edit a released migration, add the next number.
 * Each one runs in its own transaction together with its `schema_migrations` row, so a crash leaves
 * the schema either before or after it, never in between.
 */
import type Database from 'better-sqlite3';
import { VigilError } from '../core/errors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cache, analysis memo, scans',
    sql: `
      CREATE TABLE cache (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        body BLOB NOT NULL,
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
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        target_key TEXT NOT NULL,
        at TEXT NOT NULL,
        result TEXT NOT NULL
      );
      CREATE INDEX scans_target ON scans (target_key, id);
    `,
  },
  {
    version: 2,
    name: 'scans keyed by the job that produced them',
    sql: `
      ALTER TABLE scans ADD COLUMN job_key TEXT;
      CREATE UNIQUE INDEX scans_job_key ON scans (job_key) WHERE job_key IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'scan digests: what the next scan compares with, without reading the whole result',
    sql: `ALTER TABLE scans ADD COLUMN digest BLOB;`,
  },
];

export function latestVersion(): number {
  return MIGRATIONS.reduce((m, x) => Math.max(m, x.version), 0);
}

/** Applies every pending migration; returns the versions applied. */
export function migrate(db: Database.Database, path: string): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const rows = db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[];
  const have = new Set(rows.map((r) => r.version));
  const newest = Math.max(0, ...have);
  if (newest > latestVersion()) {
    throw new VigilError('E_STORE', `store ${path} has schema version ${newest}, newer than this vigil knows (${latestVersion()})`, {
      file: path,
      hint: 'upgrade vigil, or pass --store PATH to use a separate store',
    });
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
    if (have.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}
