/**
 * A scan killed with SIGKILL mid-way leaves the store usable, and the next run reuses what the
 * killed one had finished by MEMO_COMMIT_MS before the kill (no second request for those tarballs):
 * finished components are committed together within that time, even while the scan is stalled.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startRegistryServer, tarballPath, type RegistryServer } from '../helpers/registry-server.js';
import { MEMO_COMMIT_MS } from '../../src/engine/scan.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
let reg: RegistryServer;
let tmp: string;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-kill-'));
  reg = await startRegistryServer({ fixtures: join(ROOT, 'test', 'fixtures', 'npm-registry', 'full-metadata') });
});
after(async () => {
  await reg.close();
  rmSync(tmp, { recursive: true, force: true });
});

function runScan(dir: string, store: string) {
  return spawn(
    process.execPath,
    [join(ROOT, 'bin', 'vigil.js'), 'scan', dir, '--registry', reg.url, '--store', store, '--format', 'json', '--concurrency', '1'],
    {
      env: { ...process.env, CI: '1', HOME: tmp, npm_config_userconfig: join(tmp, 'none.npmrc') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

test('SIGKILL during a scan: the store stays consistent and the next run reuses what was fetched', async () => {
  const dir = join(tmp, 'app');
  cpSync(join(ROOT, 'test', 'fixtures', 'e2e', 'small-app'), dir, { recursive: true });
  const store = join(tmp, 'store.db');
  // One tarball never finishes: the scan hangs there after fetching the others.
  reg.misbehave(tarballPath('isexe', '2.0.0'), { kind: 'slow-drip', intervalMs: 1000 });
  const first = runScan(dir, store);
  const deadline = Date.now() + 30_000;
  while (reg.count(tarballPath('isexe', '2.0.0')) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.ok(reg.count(tarballPath('isexe', '2.0.0')) > 0, 'the scan reached the slow tarball');
  const fetchedBefore = reg.requests.filter((r) => !r.path.includes('isexe')).map((r) => r.path);
  assert.ok(fetchedBefore.length >= 2, `some packuments/tarballs were fetched before the kill (${fetchedBefore.join(', ')})`);
  // The scan is stalled on the slow tarball; what it finished is committed within MEMO_COMMIT_MS.
  await new Promise((r) => setTimeout(r, MEMO_COMMIT_MS + 1000));
  first.kill('SIGKILL');
  await new Promise((r) => first.on('close', r));

  reg.reset();
  const second = runScan(dir, store);
  let out = '';
  second.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => second.on('close', r));
  assert.equal(code, 0);
  const result = JSON.parse(out);
  assert.equal(result.inventory.components.length, 4);
  assert.ok(result.findings.some((f: { rule: string }) => f.rule === 'npm/install-script'));
  const refetched = reg.requests.map((r) => r.path).filter((p) => fetchedBefore.includes(p) && p.endsWith('.tgz'));
  assert.deepEqual(refetched, [], 'tarballs fetched before the kill came from the store');
});
