/** The job queue lives in the PostgreSQL store: opening it needs a postgres:// store location. */
import pg from 'pg';
import { VigilError } from '../core/errors.js';
import { openStore } from '../store/open.js';
import { isPostgresUrl, maskPostgresUrl } from '../store/postgres/url.js';
import { JobQueue, type QueueOptions } from './queue.js';

export interface OpenedQueue {
  queue: JobQueue;
  /** The store location with its password masked, for messages. */
  where: string;
  close(): Promise<void>;
}

export function requirePostgres(location: string | undefined): string {
  if (!isPostgresUrl(location)) {
    throw new VigilError('E_USAGE', 'the job queue needs a PostgreSQL store', {
      hint: 'pass --store postgres://user:pass@host/db or set VIGIL_STORE (the embedded SQLite store has no queue)',
    });
  }
  return location.trim();
}

/** Opens the queue on LOCATION, migrating the store first (so the jobs table exists). */
export function openJobQueue(location: string | undefined, opts: QueueOptions & { poolSize?: number } = {}): OpenedQueue {
  const url = requirePostgres(location);
  openStore({ path: url }).close();
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 4, application_name: 'vigil-queue' });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return { queue: new JobQueue(pool, opts), where: maskPostgresUrl(url), close: () => pool.end() };
}
