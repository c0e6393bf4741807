/** The Store contract against the embedded SQLite store (the default backend). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { storeContract } from './contract.js';

let dir = '';
let n = 0;
storeContract({
  name: 'sqlite',
  setup: async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-contract-'));
  },
  teardown: () => rmSync(dir, { recursive: true, force: true }),
  fresh: () => join(dir, `store-${++n}.db`),
  exec: (loc, sql) => {
    const db = new Database(loc);
    db.exec(sql);
    db.close();
  },
});
