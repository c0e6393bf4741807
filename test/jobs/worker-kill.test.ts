/**
 * Killing a worker mid-job loses nothing and duplicates nothing: worker A (the real CLI) takes a
 * release job and is SIGKILLed while the tarball download hangs; worker B takes the job over when
 * A's lease runs out, finishes it, and the store holds one result for it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findPgBin, PG_SKIP_REASON, startPgCluster, type PgCluster } from '../helpers/pg-cluster.js';
import { startRegistryServer, tarballPath, type RegistryServer } from '../helpers/registry-server.js';
import { publish } from '../helpers/publish.js';
import { BIN, runCli } from '../helpers/run-cli.js';
import { openStore } from '../../src/store/open.js';
import type { JobRecord } from '../../src/jobs/types.js';

const bin = findPgBin();

describe('vigil worker killed mid-job', { skip: bin ? false : PG_SKIP_REASON }, () => {
  let cluster: PgCluster;
  let reg: RegistryServer;
  let home: string;
  before(async () => {
    cluster = await startPgCluster(bin!);
    reg = await startRegistryServer();
    home = mkdtempSync(join(tmpdir(), 'vigil-kill-'));
  });
  after(async () => {
    await reg.close();
    cluster.stop();
    rmSync(home, { recursive: true, force: true });
  });

  test('the job is retried by another worker, finishes once, and leaves one result', async () => {
    const url = cluster.createDatabase('kill');
    await publish(reg, { name: 'slowpkg', version: '1.0.0', files: { 'index.js': 'module.exports = () => 42;\n' } });
    const tgz = tarballPath('slowpkg', '1.0.0');
    reg.misbehave(tgz, { kind: 'slow-drip', intervalMs: 1000 });
    const common = ['--store', url, '--registry', reg.url];
    const q = await runCli(['enqueue', 'release', 'slowpkg@1.0.0', ...common], { cwd: home, home });
    assert.equal(q.code, 0, q.stderr);
    assert.match(q.stdout, /queued 1 of 1 job/);

    const env = {
      ...process.env,
      CI: '1',
      NO_COLOR: '1',
      HOME: home,
      XDG_CACHE_HOME: join(home, '.cache'),
      npm_config_userconfig: join(home, 'none.npmrc'),
    };
    const a = spawn(process.execPath, [BIN, 'worker', ...common, '--lease', '2', '--concurrency', '1'], {
      env,
      cwd: home,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let aErr = '';
    a.stderr.on('data', (d: Buffer) => (aErr += d.toString()));
    const aExit = new Promise<NodeJS.Signals | null>((r) => a.on('exit', (_code, sig) => r(sig)));
    for (let i = 0; reg.count(tgz) === 0; i++) {
      assert.ok(i < 600, `worker A never requested the tarball: ${aErr}`);
      await sleep(100);
    }
    assert.match(aErr, /start #1 release:npm:slowpkg@1\.0\.0 \(attempt 1\/5\)/);
    a.kill('SIGKILL');
    assert.equal(await aExit, 'SIGKILL');

    reg.reset(); // the registry answers normally again
    const b = await runCli(['worker', ...common, '--lease', '2', '--drain'], { cwd: home, home });
    assert.equal(b.code, 0, b.stderr);
    assert.match(b.stdout, /: 1 done, 0 failed, 0 lost/);

    const list = await runCli(['jobs', 'list', '--format', 'json', ...common], { cwd: home, home });
    assert.equal(list.code, 0, list.stderr);
    const jobs = JSON.parse(list.stdout) as JobRecord[];
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0]!.state, 'done');
    assert.equal(jobs[0]!.attempts, 2, 'the killed attempt and the one that finished');
    assert.match(jobs[0]!.lastError ?? '', /lease expired on attempt 1/);
    assert.deepEqual(jobs[0]!.result, { target: 'npm:slowpkg@1.0.0', components: 1, findings: {}, problems: 0 });

    const store = openStore({ path: url });
    try {
      assert.equal(store.stats().scans.rows, 1, 'one stored result for the job');
      assert.equal(store.lastScan('npm:slowpkg@1.0.0')?.result.command, 'inspect');
    } finally {
      store.close();
    }
    // Enqueuing the same release again does nothing: it was analysed once for the whole fleet.
    const again = await runCli(['enqueue', 'release', 'slowpkg@1.0.0', ...common], { cwd: home, home });
    assert.match(again.stdout, /queued 0 of 1 job[\s\S]*already done: #1 release:npm:slowpkg@1\.0\.0/);
  });
});
