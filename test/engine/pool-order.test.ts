/**
 * Longest-first scheduling: tasks waiting for a content worker start highest priority first (ties
 * in order of arrival), and the content pool ranks a package by its size, so the largest analyses
 * do not come last where one worker would run them alone while the other idles. A worker holds
 * several tasks at once (pool-timed.ts); the order applies to those waiting beyond them, so these
 * tests hand each worker one task at a time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTimedPool } from '../../src/analyzers/content/pool-timed.js';
import { createContentPool } from '../../src/analyzers/content/pool.js';
import { filesOf } from '../helpers/factories.js';
import type { HoldingTask } from '../helpers/holding-worker.js';

test('waiting tasks start highest priority first, ties in order of arrival', async () => {
  const pool = createTimedPool<HoldingTask, string>({
    filename: new URL('../helpers/holding-worker.ts', import.meta.url).href,
    maxThreads: 1,
    heapMb: 64,
    tasksPerWorker: 1,
  });
  try {
    const hold = new Int32Array(new SharedArrayBuffer(4));
    const order: string[] = [];
    const run = (name: string, priority?: number) =>
      pool.run({ name, ...(name === 'first' ? { hold } : {}) }, 60_000, priority === undefined ? {} : { priority }).then((n) => {
        order.push(n);
      });
    // `first` holds the only worker; the rest queue behind it in this order.
    const all = [run('first', 0), run('p1', 1), run('p5a', 5), run('none'), run('p3', 3), run('p5b', 5), run('p0', 0)];
    await new Promise((r) => setTimeout(r, 50));
    Atomics.store(hold, 0, 1);
    Atomics.notify(hold, 0);
    await Promise.all(all);
    assert.deepEqual(order, ['first', 'p5a', 'p5b', 'p3', 'p1', 'none', 'p0']);
  } finally {
    await pool.close();
  }
});

test('the content pool starts the largest waiting package first', async () => {
  const pool = createContentPool({ maxThreads: 1, tasksPerWorker: 1 });
  try {
    const pkg = (origin: string, bytes: number) => ({
      ...filesOf({ 'package.json': '{"name":"x"}', 'data.txt': 'x'.repeat(bytes) }),
      origin,
    });
    const done: string[] = [];
    const facts = (origin: string, bytes: number) => pool.facts(pkg(origin, bytes)).then(() => done.push(origin));
    // The first task starts the worker (which takes far longer than queueing the next two).
    await Promise.all([facts('first@1', 10), facts('small@1', 100), facts('large@1', 200_000), facts('medium@1', 20_000)]);
    assert.deepEqual(done, ['first@1', 'large@1', 'medium@1', 'small@1']);
  } finally {
    await pool.close();
  }
});
