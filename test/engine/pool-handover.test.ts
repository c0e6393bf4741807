/**
 * A worker is handed several tasks at once (pool-timed.ts), so it goes from one task to the next
 * without waiting for the main thread; each result still comes back as soon as its task ends; and a
 * task handed to a worker that dies for another task (out of heap, past its time) runs again
 * elsewhere instead of failing with it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTimedPool, TASKS_PER_WORKER } from '../../src/analyzers/content/pool-timed.js';
import { createContentPool } from '../../src/analyzers/content/pool.js';
import { isVigilError } from '../../src/core/errors.js';
import { filesOf } from '../helpers/factories.js';
import type { HoldingTask } from '../helpers/holding-worker.js';
import { outgrowsSmallHeap } from '../helpers/heap-bomb.js';

const holdingPool = (tasksPerWorker?: number) =>
  createTimedPool<HoldingTask, string>({
    filename: new URL('../helpers/holding-worker.ts', import.meta.url).href,
    maxThreads: 1,
    heapMb: 64,
    ...(tasksPerWorker === undefined ? {} : { tasksPerWorker }),
  });

const cell = () => new Int32Array(new SharedArrayBuffer(4));
const release = (hold: Int32Array) => {
  Atomics.store(hold, 0, 1);
  Atomics.notify(hold, 0);
};

/**
 * Until the worker runs the task given `started` (a worker's start-up took over 300 ms on a loaded
 * machine, and a fixed wait then let go of `first` before anything was handed over), then a moment
 * for the tasks handed over with it to arrive. The main thread stays free meanwhile.
 */
async function untilStarted(started: Int32Array): Promise<void> {
  for (const until = Date.now() + 30_000; Atomics.load(started, 0) === 0 && Date.now() < until;)
    await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 300));
}

/**
 * `first` holds the worker; `names` are queued behind it, each counting itself in `count` when it
 * runs. Resolves once the worker has had time to take what it holds and `first` is let go.
 */
async function behindFirst(pool: ReturnType<typeof holdingPool>, names: string[]) {
  const hold = cell();
  const count = cell();
  const started = cell();
  const all = [pool.run({ name: 'first', hold, started }, 60_000), ...names.map((name) => pool.run({ name, count }, 60_000))];
  await untilStarted(started);
  release(hold);
  return { count, all };
}

test('a worker runs the tasks handed to it while the main thread is busy', async () => {
  const pool = holdingPool();
  try {
    // As many as the worker holds besides `first`; from here this thread hands over nothing.
    const names = Array.from({ length: TASKS_PER_WORKER - 1 }, (_, i) => `t${i}`);
    const { count, all } = await behindFirst(pool, names);
    const deadline = Date.now() + 5000;
    let done = 0;
    while ((done = Atomics.load(count, 0)) < names.length && Date.now() < deadline) Atomics.wait(count, 0, done, 50);
    assert.ok(names.length > 0, 'a worker holds more than one task');
    assert.equal(done, names.length, 'the tasks ran while this thread was blocked: they had been handed over already');
    assert.deepEqual(await Promise.all(all), ['first', ...names]);
  } finally {
    await pool.close();
  }
});

test('handed one task at a time, the worker waits for the main thread (what the test above tells apart)', async () => {
  const pool = holdingPool(1);
  try {
    const { count, all } = await behindFirst(pool, ['a', 'b', 'c']);
    Atomics.wait(count, 0, 0, 300);
    assert.equal(Atomics.load(count, 0), 0);
    assert.deepEqual(await Promise.all(all), ['first', 'a', 'b', 'c']);
  } finally {
    await pool.close();
  }
});

test('a result comes back when its task ends, not when the tasks handed over with it have run', async () => {
  // Three held at once: `first`, then `quick` and `held` arrive together while `first` runs.
  const pool = holdingPool(3);
  try {
    const hold = cell();
    const later = cell();
    const started = cell();
    const first = pool.run({ name: 'first', hold, started }, 60_000);
    const quick = pool.run({ name: 'quick' }, 60_000);
    const held = pool.run({ name: 'held', hold: later }, 60_000);
    await untilStarted(started);
    release(hold);
    // `held` blocks the worker after `quick`; quick's result must not wait for it.
    const outcome = await Promise.race([quick, new Promise((r) => setTimeout(() => r('still waiting'), 5000))]);
    assert.equal(outcome, 'quick');
    release(later);
    assert.deepEqual(await Promise.all([first, held]), ['first', 'held']);
  } finally {
    await pool.close();
  }
});

test('a package handed to a worker behind one that outgrows its heap is analysed on the next worker', async () => {
  const pool = createContentPool({ maxThreads: 1, heapMb: 32 });
  try {
    const huge = outgrowsSmallHeap('npm:huge@1.0.0');
    const small = { ...filesOf({ 'package.json': '{"name":"small"}', 'index.js': 'eval(atob("eA=="));' }), origin: 'npm:small@1.0.0' };
    const [hugeOutcome, smallOutcome] = await Promise.allSettled([pool.facts(huge), pool.facts(small)]);
    assert.ok(hugeOutcome.status === 'rejected' && isVigilError(hugeOutcome.reason, 'E_ANALYZER_LIMIT'), String(hugeOutcome.status));
    assert.equal(smallOutcome.status, 'fulfilled', smallOutcome.status === 'rejected' ? String(smallOutcome.reason) : '');
    assert.ok(
      smallOutcome.value.capabilities.some((c) => c.kind === 'eval'),
      'the small package was analysed',
    );
  } finally {
    await pool.close();
  }
});
