/** The parsed-packument LRU is bounded by count and by the bytes of the documents, and packuments keep only the fields read. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPackumentLru } from '../../src/sources/npm/packument-lru.js';
import { parsePackument } from '../../src/sources/npm/packument.js';
import type { Packument } from '../../src/sources/npm/types.js';

const p = (name: string) => ({ name }) as Packument;

test('past the byte bound the least recently used packuments go first; one larger than the bound is not kept', () => {
  const lru = createPackumentLru(10, 100);
  lru.set('a', p('a'), 40);
  lru.set('b', p('b'), 40);
  assert.equal(lru.get('a')?.name, 'a'); // a is now the most recent
  lru.set('c', p('c'), 40);
  assert.equal(lru.get('b'), undefined, 'b was least recently used');
  assert.deepEqual([lru.get('a')?.name, lru.get('c')?.name, lru.bytes], ['a', 'c', 80]);
  lru.set('huge', p('huge'), 101);
  assert.equal(lru.get('huge'), undefined);
  assert.equal(lru.bytes, 80);
});

test('past the count bound the oldest goes, and replacing a key does not count it twice', () => {
  const lru = createPackumentLru(2, 1000);
  lru.set('a', p('a'), 10);
  lru.set('a', p('a'), 20);
  lru.set('b', p('b'), 10);
  assert.deepEqual([lru.size, lru.bytes], [2, 30]);
  lru.set('c', p('c'), 10);
  assert.deepEqual([lru.get('a'), lru.size], [undefined, 2]);
});

test('a parsed version keeps the platform and people fields analyzers read, and drops the rest of the document', () => {
  const body = JSON.stringify({
    name: 'x',
    versions: {
      '1.0.0': {
        name: 'x',
        version: '1.0.0',
        dist: { tarball: 'http://127.0.0.1/x/-/x-1.0.0.tgz' },
        os: ['linux'],
        cpu: ['x64'],
        author: { name: 'A' },
        contributors: [{ name: 'B' }],
        readme: 'r'.repeat(10_000),
        _nodeVersion: '20.0.0',
      },
    },
  });
  const parsed = parsePackument({ name: 'x', body, registry: 'http://127.0.0.1/', fetchedAt: new Date(0).toISOString() });
  assert.deepEqual(parsed.versions['1.0.0']!.raw, { os: ['linux'], cpu: ['x64'], author: { name: 'A' }, contributors: [{ name: 'B' }] });
});
