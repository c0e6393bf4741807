/** The PostgreSQL job queue: idempotent keys, SKIP LOCKED claims, leases and fencing, backoff, the dead letter. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { findPgBin, PG_SKIP_REASON, startPgCluster, type PgCluster } from '../helpers/pg-cluster.js';
import { openJobQueue, type OpenedQueue } from '../../src/jobs/open.js';
import { runWorker } from '../../src/jobs/worker.js';
import type { JobKind, JobServices } from '../../src/jobs/kind.js';
import { VigilError, isVigilError } from '../../src/core/errors.js';

const bin = findPgBin();

describe('job queue on PostgreSQL', { skip: bin ? false : PG_SKIP_REASON }, () => {
  let cluster: PgCluster;
  let n = 0;
  const opened: OpenedQueue[] = [];
  const fresh = (o: { backoffBaseMs?: number } = {}): OpenedQueue => {
    const q = openJobQueue(cluster.createDatabase(`q${++n}`), o);
    opened.push(q);
    return q;
  };
  before(async () => {
    cluster = await startPgCluster(bin!);
  });
  after(async () => {
    for (const q of opened) await q.close();
    cluster.stop();
  });

  test('the queue refuses a SQLite store with a usage error naming the way out', () => {
    assert.throws(
      () => openJobQueue('/tmp/vigil.db'),
      (e: unknown) => isVigilError(e, 'E_USAGE') && /postgres:\/\//.test(e.hint ?? ''),
    );
  });

  test('a key is queued once across enqueues; a second enqueue reports the existing job', async () => {
    const { queue } = fresh();
    const [a] = await queue.enqueue([{ kind: 'release', key: 'release:npm:x@1.0.0', payload: { name: 'x', version: '1.0.0' } }]);
    const [b] = await queue.enqueue([{ kind: 'release', key: 'release:npm:x@1.0.0', payload: { name: 'x', version: '1.0.0' } }]);
    assert.equal(a?.created, true);
    assert.equal(b?.created, false);
    assert.equal(b?.id, a?.id);
    assert.deepEqual(await queue.counts(), [{ kind: 'release', state: 'queued', n: 1 }]);
  });

  test('concurrent claims take distinct jobs, and none when all are leased', async () => {
    const { queue } = fresh();
    await queue.enqueue([1, 2, 3].map((i) => ({ kind: 'k', key: `k${i}`, payload: {} })));
    const got = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((w) => queue.claim(w, 60_000)));
    const keys = got.filter((j) => j !== undefined).map((j) => j.key);
    assert.deepEqual([...keys].sort(), ['k1', 'k2', 'k3']);
    assert.equal(got.filter((j) => j === undefined).length, 1);
  });

  test('a lost lease is taken over; the first holder can no longer complete, extend or fail the job', async () => {
    const { queue } = fresh();
    await queue.enqueue([{ kind: 'k', key: 'only', payload: {} }]);
    const first = await queue.claim('w1', 200);
    assert.ok(first);
    assert.equal(await queue.claim('w2', 200), undefined, 'leased: nobody else gets it');
    await sleep(400);
    const second = await queue.claim('w2', 60_000);
    assert.equal(second?.id, first.id);
    assert.equal(second?.attempts, 2);
    assert.match(second?.lastError ?? '', /lease expired on attempt 1: worker w1/);
    const lease1 = { id: first.id, owner: 'w1', attempt: 1 };
    assert.equal(await queue.complete(lease1, { stale: true }), false);
    assert.equal(await queue.heartbeat(lease1, 60_000), false);
    assert.equal(await queue.fail(lease1, 'late'), false);
    assert.equal(await queue.complete({ id: first.id, owner: 'w2', attempt: 2 }, { ok: 1 }), true);
    const [done] = await queue.list({ state: 'done' });
    assert.deepEqual(done?.result, { ok: 1 });
  });

  test('failures back off exponentially, then the job is dead; retry puts it back', async () => {
    const { queue } = fresh({ backoffBaseMs: 60_000 });
    await queue.enqueue([{ kind: 'k', key: 'flaky', payload: {}, maxAttempts: 2 }]);
    const a1 = await queue.claim('w', 60_000);
    assert.ok(a1);
    assert.equal(await queue.fail({ id: a1.id, owner: 'w', attempt: 1 }, 'E_NETWORK: reset'), true);
    const [waiting] = await queue.list({ state: 'queued' });
    const delay = Date.parse(waiting!.runAt) - Date.now();
    assert.ok(delay > 50_000 && delay <= 60_000, `first retry about a minute later, got ${delay} ms`);
    assert.equal(await queue.claim('w', 60_000), undefined, 'not due yet');
    // Make it due, fail the last attempt: dead.
    await queue.retry(); // no-op: nothing is dead yet
    const { pool } = queue as unknown as { pool: { query(s: string): Promise<unknown> } };
    await pool.query("UPDATE jobs SET run_at = now() WHERE key = 'flaky'");
    const a2 = await queue.claim('w', 60_000);
    assert.equal(a2?.attempts, 2);
    await queue.fail({ id: a1.id, owner: 'w', attempt: 2 }, 'E_NETWORK: reset again');
    const [dead] = await queue.list({ state: 'dead' });
    assert.equal(dead?.key, 'flaky');
    assert.equal(dead?.lastError, 'E_NETWORK: reset again');
    assert.equal(await queue.retry([dead!.id]), 1);
    const again = await queue.claim('w', 60_000);
    assert.equal(again?.attempts, 1);
  });

  test('the worker runs jobs to completion, sends a permanent failure straight to the dead letter, and drains', async () => {
    const { queue } = fresh();
    const seen: string[] = [];
    const echo: JobKind<{ v: string }> = {
      kind: 'echo',
      summary: 'test',
      parse: (p) => {
        if (typeof p.v !== 'string') throw new VigilError('E_USAGE', 'echo job: v must be a string');
        return { v: p.v };
      },
      run: async (p, ctx) => {
        seen.push(p.v);
        if (p.v === 'fan') await ctx.enqueue([{ kind: 'echo', key: 'echo:child', payload: { v: 'child' } }]);
        return { echoed: p.v };
      },
    };
    await queue.enqueue([
      { kind: 'echo', key: 'echo:a', payload: { v: 'a' } },
      { kind: 'echo', key: 'echo:fan', payload: { v: 'fan' } },
      { kind: 'echo', key: 'echo:bad', payload: { v: 7 } },
      { kind: 'nosuch', key: 'nosuch:1', payload: {} },
    ]);
    const report = await runWorker({
      queue,
      kinds: { echo: echo as JobKind<never> },
      services: {} as JobServices,
      concurrency: 2,
      leaseMs: 5000,
      pollMs: 50,
      drain: true,
    });
    assert.equal(report.done, 3);
    assert.equal(report.failed, 2);
    assert.deepEqual([...seen].sort(), ['a', 'child', 'fan']);
    const dead = await queue.list({ state: 'dead' });
    assert.deepEqual(dead.map((j) => [j.key, j.attempts]).sort(), [
      ['echo:bad', 1],
      ['nosuch:1', 1],
    ]);
    assert.match(dead.find((j) => j.key === 'echo:bad')?.lastError ?? '', /^E_USAGE: echo job: v must be a string/);
  });
  test('servicesForJob gives each job services of its own and releases them when the job ends (worker --timeout is per job)', async () => {
    const { queue } = fresh();
    await queue.enqueue([
      { kind: 'probe', key: 'probe:1', payload: {} },
      { kind: 'probe', key: 'probe:2', payload: {} },
      { kind: 'probe', key: 'probe:3', payload: {} },
    ]);
    const handed: JobServices[] = [];
    let released = 0;
    const seen = new Set<JobServices>();
    const probe: JobKind<Record<string, never>> = {
      kind: 'probe',
      summary: 'records the services it was given',
      parse: () => ({}),
      run: async (_p, ctx) => {
        seen.add(ctx.services);
        return {};
      },
    };
    const report = await runWorker({
      queue,
      kinds: { probe: probe as JobKind<never> },
      services: {} as JobServices,
      servicesForJob: () => {
        const services = { cwd: `job-${handed.length}` } as JobServices;
        handed.push(services);
        return { services, release: () => void released++ };
      },
      concurrency: 1,
      leaseMs: 5000,
      pollMs: 50,
      drain: true,
    });
    assert.equal(report.done, 3);
    assert.equal(handed.length, 3);
    assert.equal(released, 3);
    assert.deepEqual(
      [...seen].sort((a, b) => a.cwd.localeCompare(b.cwd)),
      handed,
    );
  });
});
