/** Memo writes of many components share one transaction per batch; flush commits the rest. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteBatch } from '../../src/engine/write-batch.js';
import { openStore } from '../../src/store/index.js';

/** An in-memory store and a view of it that counts transactions. */
function countingStore() {
  const store = openStore({ path: ':memory:' });
  let n = 0;
  const counting = {
    transaction<T>(fn: () => T): T {
      n++;
      return store.transaction(fn);
    },
  };
  return { store, counting, transactions: () => n };
}

test('writes are committed in batches of the given size, and flush commits what is pending', () => {
  const { store, counting, transactions } = countingStore();
  const batch = createWriteBatch(counting, { size: 4 });
  for (let i = 0; i < 10; i++) batch.add(() => store.putAnalysis(`k${i}`, { i }));
  assert.equal(transactions(), 2, 'two full batches committed');
  assert.deepEqual(store.getAnalysis('k7'), { i: 7 });
  assert.equal(store.getAnalysis('k9'), undefined, 'the last two wait for flush');
  batch.flush();
  batch.flush();
  assert.equal(transactions(), 3, 'one more for the rest; an empty flush commits nothing');
  assert.deepEqual(store.getAnalysis('k9'), { i: 9 });
  store.close();
});

test('with maxAgeMs, a batch is committed once its oldest write waited that long, with no further add', async () => {
  const { store, counting, transactions } = countingStore();
  const batch = createWriteBatch(counting, { size: 100, maxAgeMs: 30 });
  batch.add(() => store.putAnalysis('a', 1));
  batch.add(() => store.putAnalysis('b', 2));
  assert.equal(transactions(), 0, 'younger than the bound: still pending');
  await new Promise((r) => setTimeout(r, 80));
  assert.equal(transactions(), 1, 'committed together on the timer');
  assert.deepEqual([store.getAnalysis('a'), store.getAnalysis('b')], [1, 2]);
  batch.flush();
  assert.equal(transactions(), 1, 'nothing left to commit');
  store.close();
});

test('a commit that fails on the timer fails the next add', async () => {
  const failing = {
    transaction<T>(): T {
      throw new Error('disk full');
    },
  };
  const batch = createWriteBatch(failing, { maxAgeMs: 10 });
  batch.add(() => undefined);
  await new Promise((r) => setTimeout(r, 40));
  assert.throws(() => batch.add(() => undefined), /disk full/);
});
