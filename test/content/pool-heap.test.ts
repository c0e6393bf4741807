/**
 * The content pool's shared heap: two workers must not parse large bundles at the same time (each
 * parse takes ~50× the bundle's size in heap), and a worker must give its heap back after one.
 *  - the gate and the estimate, directly;
 *  - the worker's collection after a large task, by calling the worker function in this thread.
 * An end-to-end peak-RSS comparison (two bundles vs one in a child process) was removed: under the
 * test runner it varied by ~50 MiB on the same code, so it could not tell the gate from noise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapStatistics } from 'node:v8';
import { createHeapGate, parseHeapEstimate, PARSE_HEAP_PER_BYTE } from '../../src/analyzers/content/pool-heap.js';
import { MAX_PARSE_BYTES } from '../../src/analyzers/content/js-file.js';
import { filesOf } from '../helpers/factories.js';
import type { ContentFacts } from '../../src/analyzers/content/types.js';
import { largeBundle } from './large-bundle.js';
import { TASK_DONE } from '../../src/analyzers/content/pool-task.js';

const tick = () => new Promise((r) => setImmediate(r));
const MiB = 1024 * 1024;

test('the estimate is the parse of the largest script; files too large to parse and non-scripts do not count', () => {
  const files = filesOf({
    'package.json': '{}',
    'a.js': 'x'.repeat(1000),
    'lib/b.mjs': 'y'.repeat(3000),
    'c.ts': 'z'.repeat(2000),
    'data.json': 'w'.repeat(50_000),
    'huge.js': Buffer.alloc(MAX_PARSE_BYTES + 1, 0x61),
  });
  assert.equal(parseHeapEstimate(files), 3000 * PARSE_HEAP_PER_BYTE);
  assert.equal(parseHeapEstimate(filesOf({ 'README.md': 'hello' })), 0);
});

test('the gate: tasks that do not fit together wait; smaller ones overtake; one task alone always runs', async () => {
  const g = createHeapGate(100);
  const big = await g.acquire(70);
  let second = false;
  let small = false;
  const p2 = g.acquire(60).then((r) => ((second = true), r));
  const p3 = g.acquire(20).then((r) => ((small = true), r));
  await tick();
  assert.equal(second, false, '70 + 60 > 100: waits');
  assert.equal(small, true, 'a small task fits beside the large one and does not wait behind the other');
  const r3 = await p3;
  big();
  big();
  const r2 = await p2;
  assert.equal(g.used, 80, 'released once only: 60 + 20 held');
  r2();
  r3();
  assert.equal(g.used, 0);
  const huge = await g.acquire(10_000);
  assert.equal(g.used, 75, 'one task is capped at three quarters, so a small one still fits beside it');
  const beside = await g.acquire(25);
  beside();
  huge();
});

test('a worker collects its heap after a large task, before the result goes back', async () => {
  // The worker's function, run in this thread: what it leaves on the heap is what the worker keeps.
  const { default: work } = await import('../../src/analyzers/content/pool-worker.js');
  const { port1, port2 } = new MessageChannel();
  const files = {
    ...filesOf({ 'package.json': '{"name":"big","version":"1.0.0"}', 'dist/bundle.js': largeBundle(0, 1_200_000) }),
    origin: 'big@1.0.0',
  };
  const state = new Int32Array(new SharedArrayBuffer(4));
  const facts = (await work({ input: files, started: port2 as never, state })) as ContentFacts;
  assert.equal(Atomics.load(state, 0), TASK_DONE, 'the task is marked done in the cell its pool reads');
  port1.close();
  port2.close();
  assert.equal(facts.fileCount, 2);
  assert.ok(
    facts.capabilities.some((c) => c.kind === 'eval'),
    'the bundle was analysed (it decodes and evaluates)',
  );
  const used = getHeapStatistics().used_heap_size;
  assert.ok(used < 64 * MiB, `heap left after a 1.2 MB bundle: ${(used / MiB).toFixed(0)} MiB`);
});
