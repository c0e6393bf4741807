/** The counting semaphore behind the HTTP slots and the content pool's hand-over: order and weights. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Semaphore } from '../../src/core/semaphore.js';

const tick = () => new Promise((r) => setImmediate(r));

test('waiters are served highest priority first, in order of arrival within a priority', async () => {
  const sem = new Semaphore(1);
  const first = await sem.acquire();
  const order: string[] = [];
  const wait = (name: string, priority: number) => sem.acquire(priority).then((r) => (order.push(name), r()));
  const all = [wait('low', 0), wait('high-a', 5), wait('mid', 3), wait('high-b', 5)];
  first();
  await Promise.all(all);
  assert.deepEqual(order, ['high-a', 'high-b', 'mid', 'low']);
});

test('a heavy holder takes several units; a later light one does not overtake a heavy one waiting', async () => {
  const sem = new Semaphore(4);
  const a = await sem.acquire(0, 1);
  const b = await sem.acquire(0, 1);
  let heavy = false;
  let light = false;
  const heavyHeld = sem.acquire(0, 4).then((r) => ((heavy = true), r));
  const lightHeld = sem.acquire(0, 1).then((r) => ((light = true), r));
  await tick();
  // Two units are free, but the heavy waiter needs all four and came first.
  assert.equal(heavy, false);
  assert.equal(light, false, 'the light waiter queues behind the heavy one');
  a();
  await tick();
  assert.equal(heavy, false);
  b();
  const releaseHeavy = await heavyHeld;
  assert.equal(light, false, 'the heavy holder has every unit');
  releaseHeavy();
  (await lightHeld)();
  assert.equal(light, true);
});

test('a weight above the limit is held as the whole limit, not forever waiting', async () => {
  const sem = new Semaphore(2);
  const r = await Promise.race([sem.acquire(0, 10), new Promise<undefined>((res) => setTimeout(() => res(undefined), 1000))]);
  assert.ok(r, 'acquired');
  let other = false;
  const next = sem.acquire().then((x) => ((other = true), x));
  await tick();
  assert.equal(other, false);
  r();
  (await next)();
  assert.equal(other, true);
});

test('releasing twice frees the units once', async () => {
  const sem = new Semaphore(1);
  const r = await sem.acquire();
  r();
  const again = await sem.acquire();
  r();
  let got = false;
  const third = sem.acquire().then((x) => ((got = true), x));
  await tick();
  assert.equal(got, false, 'the second release of the first holder did not free the second holder’s unit');
  again();
  (await third)();
});
