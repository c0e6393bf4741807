/**
 * Child process for store.test.ts: writes pairs of cache entries in transactions, forever, until it
 * is SIGKILLed. Each pair is (a/N, b/N) with the same body, so a consistent store has every a with its b.
 */
import { openStore } from '../../src/store/open.js';

const path = process.argv[2];
if (!path) throw new Error('usage: kill-writer STORE_PATH');
const store = openStore({ path });
const body = Buffer.alloc(64 * 1024, 7);
let n = 0;
for (;;) {
  store.transaction(() => {
    const b = Buffer.concat([Buffer.from(`${n}:`), body]);
    store.putCache('test', `a/${n}`, { body: b, fetchedAt: new Date().toISOString() });
    store.putCache('test', `b/${n}`, { body: b, fetchedAt: new Date().toISOString() });
    store.putAnalysis(`memo/${n}`, { n });
  });
  n++;
  if (n === 20) process.stdout.write('ready\n');
}
