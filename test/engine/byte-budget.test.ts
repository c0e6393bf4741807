/** The in-flight byte budget: components wait for room; a release larger than the budget runs alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createByteBudget } from '../../src/engine/byte-budget.js';

const tick = () => new Promise((r) => setImmediate(r));

test('acquire waits until the bytes fit, in arrival order, and release is idempotent', async () => {
  const b = createByteBudget(100);
  const r1 = await b.acquire(60);
  let second = false;
  let third = false;
  const p2 = b.acquire(50).then((r) => ((second = true), r));
  const p3 = b.acquire(10).then((r) => ((third = true), r));
  await tick();
  assert.equal(second, false, '60 + 50 > 100: waits');
  assert.equal(third, false, 'a later small request does not overtake the waiting one');
  r1();
  r1();
  const r2 = await p2;
  const r3 = await p3;
  assert.equal(b.used, 60, 'released once only: 50 + 10 held');
  r2();
  r3();
  assert.equal(b.used, 0);
});

test('a release larger than the budget runs alone; hold goes over the budget without waiting', async () => {
  const b = createByteBudget(100);
  const small = await b.acquire(30);
  let big = false;
  const pb = b.acquire(10_000).then((r) => ((big = true), r));
  await tick();
  assert.equal(big, false, 'waits for the others to finish');
  const extra = b.hold(500);
  assert.equal(b.used, 530);
  small();
  extra();
  const rb = await pb;
  assert.equal(b.used, 100, 'counted as the whole budget');
  rb();
});

test('sizes a registry got wrong do not break the count', async () => {
  const b = createByteBudget(100);
  const r = await b.acquire(Number.NaN);
  assert.equal(b.used, 100);
  r();
  b.hold(-5)();
  b.hold(Number.NaN)();
  assert.equal(b.used, 0);
});

test('every hold released is reported once, with the bytes it held', async () => {
  const seen: number[] = [];
  const b = createByteBudget(100, (n) => seen.push(n));
  const r1 = await b.acquire(60);
  const r2 = b.hold(25);
  r1();
  r1();
  r2();
  assert.deepEqual(seen, [60, 25]);
});
