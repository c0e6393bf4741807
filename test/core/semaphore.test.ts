/** The counting semaphore behind the HTTP slots and the content pool's hand-over: order, and a release counted once. */
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

test('releasing twice frees the slot once', async () => {
  const sem = new Semaphore(1);
  const r = await sem.acquire();
  r();
  const again = await sem.acquire();
  r();
  let got = false;
  const third = sem.acquire().then((x) => ((got = true), x));
  await tick();
  assert.equal(got, false, 'the second release of the first holder did not free the second holder’s slot');
  again();
  (await third)();
});
