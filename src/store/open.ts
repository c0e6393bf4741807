/**
 * Opens (creating when needed) and migrates the store: the embedded SQLite file by default, or a
 * PostgreSQL database when the location is a `postgres://` connection string (`--store`, `VIGIL_STORE`).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { VigilError } from '../core/errors.js';
import { migrate } from './migrations.js';
import { openPostgresStore } from './postgres/open.js';
import { isPostgresUrl } from './postgres/url.js';
import { defaultStorePath } from './paths.js';
import { SqliteStore, storeError } from './sqlite.js';
import type { Store, StoreMaintenance } from './types.js';

export interface OpenStoreOptions {
  /** `--store PATH|postgres://…`; defaults to `vigil.db` in the user cache directory. `:memory:` for a throwaway store. */
  path?: string;
  /** How long to wait for another process's write lock (ms). */
  busyTimeoutMs?: number;
}

/**
 * SQLite's page cache, in KiB. better-sqlite3 builds SQLite with a 16 MB default, and a cold scan
 * filled it: 3,800 pages (16 MiB) of the scanning thread's malloc heap, spread over the heap among
 * short-lived buffers so that its free space could not be given back. A scan writes each entry once
 * and reads it back rarely; 4 MiB holds the b-trees' inner pages.
 */
export const PAGE_CACHE_KIB = 4096;

export function openStore(opts: OpenStoreOptions = {}): Store & StoreMaintenance {
  if (isPostgresUrl(opts.path)) return openPostgresStore(opts.path.trim());
  const path = opts.path === ':memory:' ? ':memory:' : resolve(opts.path ?? defaultStorePath());
  if (path !== ':memory:') {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (e) {
      throw new VigilError('E_STORE', `cannot create the store directory ${dirname(path)}: ${(e as Error).message}`, {
        file: path,
        cause: e,
        hint: 'pass --store PATH to a writable location',
      });
    }
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    // The first real read: a non-SQLite file fails here with SQLITE_NOTADB.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = ${-PAGE_CACHE_KIB}`);
    migrate(db, path);
    return new SqliteStore(db, path);
  } catch (e) {
    try {
      db?.close();
    } catch {
      // already failing; the original error is the one to report
    }
    if (e instanceof VigilError) throw e;
    throw storeError(e, path);
  }
}
