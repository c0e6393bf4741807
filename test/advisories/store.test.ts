import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/store/open.js';
import { loadStoredAdvisories, saveAdvisories, OSV_CACHE_KIND } from '../../src/sources/osv/store.js';
import { isVigilError } from '../../src/core/errors.js';
import type { Advisory } from '../../src/sources/osv/model.js';
import { npmEntry, osv, parsed } from './helpers.js';

const STATS = { imported: 0, withdrawn: 0, skipped: 0, unsupportedEcosystems: {} };
const many = (n: number, prefix: string): Advisory[] => {
  const one = parsed(osv(`${prefix}-0`, [npmEntry('p', [{ introduced: '0' }, { fixed: '1.0.0' }])]));
  return Array.from({ length: n }, (_, i) => ({ ...one, id: `${prefix}-${i}` }));
};

describe('stored advisories (SQLite)', () => {
  test('12,000 records round-trip through chunked entries', () => {
    const store = openStore({ path: ':memory:' });
    try {
      assert.equal(saveAdvisories(store, many(12_000, 'A'), 'bulk', STATS), 12_000);
      const back = loadStoredAdvisories(store);
      assert.equal(back.length, 12_000);
      assert.equal(back[11_999]!.id, 'A-11999');
      assert.ok(store.getCache(OSV_CACHE_KIND, 'advisories/2'));
    } finally {
      store.close();
    }
  });

  test('a failure while writing rolls the whole import back', () => {
    const store = openStore({ path: ':memory:' });
    try {
      saveAdvisories(store, many(10, 'KEEP'), 'first', STATS);
      const real = store.putCache.bind(store);
      let writes = 0;
      store.putCache = (kind, key, entry) => {
        if (++writes === 2) throw new Error('disk full (simulated)');
        real(kind, key, entry);
      };
      assert.throws(() => saveAdvisories(store, many(6_000, 'NEW'), 'second', STATS), /disk full/);
      store.putCache = real;
      const ids = loadStoredAdvisories(store).map((a) => a.id);
      assert.equal(ids.length, 10);
      assert.ok(ids.every((id) => id.startsWith('KEEP-')));
    } finally {
      store.close();
    }
  });

  test('a damaged chunk is a clear store error with a hint', () => {
    const store = openStore({ path: ':memory:' });
    try {
      saveAdvisories(store, many(3, 'D'), 'x', STATS);
      store.putCache(OSV_CACHE_KIND, 'advisories/0', { body: Buffer.from('not gzip'), fetchedAt: 'now' });
      assert.throws(
        () => loadStoredAdvisories(store),
        (e) => isVigilError(e, 'E_STORE') && /unreadable/.test(e.message) && /advisories update/.test(e.hint ?? ''),
      );
    } finally {
      store.close();
    }
  });
});
