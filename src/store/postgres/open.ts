/** Connects to and migrates the PostgreSQL store named by a connection string. */
import { migratePg } from './migrations.js';
import { PostgresStore, pgStoreError } from './store.js';
import { SyncPgClient } from './sync-client.js';
import { maskPostgresUrl } from './url.js';
import { VigilError } from '../../core/errors.js';

export function openPostgresStore(url: string): PostgresStore {
  const where = maskPostgresUrl(url);
  let db: SyncPgClient | undefined;
  try {
    db = new SyncPgClient(url);
    migratePg(db, where);
    return new PostgresStore(db, where);
  } catch (e) {
    db?.close();
    if (e instanceof VigilError) throw e;
    throw pgStoreError(e, where);
  }
}
