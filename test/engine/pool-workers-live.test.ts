/**
 * Content workers live as long as the pool: piscina's default ended a worker after 5 s idle, and a
 * scan has such gaps (downloads, the heap gate), so a scan restarted workers, each compiling the
 * analysis code again. Every worker runs with the pool's heap limits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTimedPool, WORKER_YOUNG_MB } from '../../src/analyzers/content/pool-timed.js';

type Who = { thread: number; limits: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number } };
const WORKER = new URL('../helpers/limits-worker.ts', import.meta.url).href;

/** Runs `n` tasks, `gapMs` apart, on a one-thread pool; returns who ran each and how many workers started. */
async function runSpaced(n: number, gapMs: number, idleTimeoutMs?: number) {
  const pool = createTimedPool<string, Who>({
    filename: WORKER,
    maxThreads: 1,
    heapMb: 96,
    ...(idleTimeoutMs !== undefined ? { idleTimeoutMs } : {}),
  });
  try {
    const who: Who[] = [];
    for (let i = 0; i < n; i++) {
      if (i) await sleep(gapMs);
      who.push(await pool.run(`t${i}`, 30_000));
    }
    return { who, started: pool.started };
  } finally {
    await pool.close();
  }
}

test('a worker idle between tasks is kept: one worker runs every task of the pool', async () => {
  const { who, started } = await runSpaced(3, 400);
  assert.equal(started, 1);
  assert.equal(new Set(who.map((w) => w.thread)).size, 1, 'the same thread ran every task');
});

test('with an idle limit, an idle worker is ended and the next task starts another (what the count above would show)', async () => {
  const { who, started } = await runSpaced(3, 400, 20);
  assert.equal(started, 3);
  assert.equal(new Set(who.map((w) => w.thread)).size, 3);
});

test("every worker runs with the pool's heap limits", async () => {
  const { who } = await runSpaced(2, 0);
  for (const w of who) {
    assert.equal(w.limits.maxOldGenerationSizeMb, 96);
    assert.equal(w.limits.maxYoungGenerationSizeMb, WORKER_YOUNG_MB);
  }
});
