/** Memo writes of many components share one transaction per batch; flush commits the rest. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteBatch } from '../../src/engine/write-batch.js';
import { openStore } from '../../src/store/index.js';

test('writes are committed in batches of the given size, and flush commits what is pending', () => {
  const store = openStore({ path: ':memory:' });
  let transactions = 0;
  const counting = {
    transaction<T>(fn: () => T): T {
      transactions++;
      return store.transaction(fn);
    },
  };
  const batch = createWriteBatch(counting, 4);
  for (let i = 0; i < 10; i++) batch.add(() => store.putAnalysis(`k${i}`, { i }));
  assert.equal(transactions, 2, 'two full batches committed');
  assert.deepEqual(store.getAnalysis('k7'), { i: 7 });
  assert.equal(store.getAnalysis('k9'), undefined, 'the last two wait for flush');
  batch.flush();
  batch.flush();
  assert.equal(transactions, 3, 'one more for the rest; an empty flush commits nothing');
  assert.deepEqual(store.getAnalysis('k9'), { i: 9 });
  store.close();
});
