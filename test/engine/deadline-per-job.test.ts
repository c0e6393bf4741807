/**
 * `vigil worker --timeout N` bounds each job, not the worker's life: withDeadline() gives one job
 * registry access under a deadline of its own over the same store, so a job started after the
 * first N seconds of a worker still gets its N seconds, and closing it leaves the store open.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openScanDeps } from '../../src/engine/wiring.js';
import { startRegistryServer } from '../helpers/registry-server.js';

const packument = (name: string) => ({
  name,
  'dist-tags': { latest: '1.0.0' },
  versions: { '1.0.0': { name, version: '1.0.0', dist: { tarball: `http://127.0.0.1/${name}/-/${name}-1.0.0.tgz` } } },
  time: { '1.0.0': '2020-01-01T00:00:00.000Z' },
});

test('each job from withDeadline() has a network deadline of its own; the worker-wide deps have none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-job-deadline-'));
  const server = await startRegistryServer();
  for (const n of ['early', 'late', 'worker']) server.addPackument(n, packument(n));
  const deps = await openScanDeps({
    storePath: join(dir, 'store.db'),
    registry: server.url,
    offline: false,
    concurrency: 1,
    projectDir: dir,
    env: {},
  });
  try {
    // A job whose deadline has passed fetches nothing and says why …
    const expired = deps.withDeadline(Date.now() - 1);
    await assert.rejects(expired.npm.getPackument('early'), (e: Error) =>
      /deadline|timeout|timed out/i.test(`${e.message} ${String((e as { hint?: unknown }).hint ?? '')}`),
    );
    expired.close();
    // … while a job started later, with its own deadline, still fetches over the same (still open) store.
    const later = deps.withDeadline(Date.now() + 30_000);
    assert.equal(later.store, deps.store, 'the same store');
    assert.equal((await later.npm.getPackument('late')).name, 'late');
    later.close();
    assert.equal((await deps.npm.getPackument('worker')).name, 'worker', 'the store and the worker-wide client outlive a job');
  } finally {
    deps.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
