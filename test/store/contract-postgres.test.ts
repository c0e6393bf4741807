/**
 * The Store contract against PostgreSQL, on a throw-away cluster this test starts itself. Skipped,
 * saying why, only when no PostgreSQL binaries are installed.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { findPgBin, PG_SKIP_REASON, startPgCluster, type PgCluster } from '../helpers/pg-cluster.js';
import { storeContract } from './contract.js';

const bin = findPgBin();
let cluster: PgCluster | undefined;
let n = 0;
storeContract({
  name: 'postgres',
  ...(bin ? {} : { skip: PG_SKIP_REASON }),
  setup: async () => {
    cluster = await startPgCluster(bin!);
  },
  teardown: () => cluster?.stop(),
  fresh: () => cluster!.createDatabase(`contract_${++n}`),
  exec: (loc, sql) => {
    const u = new URL(loc);
    execFileSync(join(bin!, 'psql'), ['-h', u.hostname, '-p', u.port, '-U', 'postgres', '-d', u.pathname.slice(1), '-qc', sql]);
  },
});
