/** The prefetch walk: start order, each name once, only components that will read one, paused while the scan is busy, stopped for good. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPackumentPrefetch } from '../../src/engine/packument-prefetch.js';

const candidates = (names: string[], skip: string[] = []) => names.map((name) => ({ name, reads: () => !skip.includes(name) }));

test('walks in start order, asks each name once and skips components served from the store', async () => {
  const asked: string[] = [];
  const p = createPackumentPrefetch(candidates(['a', 'b', 'a', 'c', 'd'], ['c']), async (n) => void asked.push(n), undefined, 1);
  p.start();
  p.start();
  await sleep(20);
  assert.deepEqual(asked, ['a', 'b', 'd']);
});

test('nothing before start; at most `requests` at once', async () => {
  let open = 0;
  let most = 0;
  const asked: string[] = [];
  const p = createPackumentPrefetch(
    candidates(['a', 'b', 'c', 'd', 'e']),
    async (n) => {
      asked.push(n);
      most = Math.max(most, ++open);
      await sleep(5);
      open--;
    },
    undefined,
    2,
  );
  await sleep(10);
  assert.equal(asked.length, 0);
  p.start();
  await sleep(60);
  assert.equal(asked.length, 5);
  assert.equal(most, 2);
});

test('pauses while the scan is not idle, goes on when it is, and stops for good', async () => {
  let idle = false;
  const asked: string[] = [];
  const p = createPackumentPrefetch(
    candidates(['a', 'b', 'c']),
    async (n) => void asked.push(n),
    () => idle,
    1,
  );
  p.start();
  await sleep(120);
  assert.equal(asked.length, 0, 'busy: nothing asked');
  idle = true;
  await sleep(120);
  assert.deepEqual(asked, ['a', 'b', 'c']);
  const q = createPackumentPrefetch(
    candidates(['x', 'y']),
    async (n) => void asked.push(n),
    () => idle,
    1,
  );
  q.stop();
  q.start();
  await sleep(20);
  assert.ok(!asked.includes('x'), 'stopped before start: nothing asked');
});
