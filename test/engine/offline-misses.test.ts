/** Offline misses: a few stay one problem per package; many become one problem per kind that lists them in component order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOfflineMisses } from '../../src/engine/offline-misses.js';
import { partiality } from '../../src/core/result-builder.js';
import type { Problem } from '../../src/core/types.js';

const miss = (kind: string, i: number): Problem => ({
  code: 'E_OFFLINE_MISS',
  subject: `pkg:npm/p${i}@1.0.0`,
  message: `${kind} of p${i} is not in the store and running offline`,
});
const other: Problem = { code: 'E_ARCHIVE', subject: 'pkg:npm/p1@1.0.0', message: 'tarball of p1 is malformed' };

test('below the limit every miss is kept as it was, in component order, and other problems stay with their component', () => {
  const m = createOfflineMisses(5);
  assert.deepEqual(m.take([miss('packument', 2)], 2), []);
  assert.deepEqual(m.take([miss('packument', 1), other], 1), [other]);
  assert.deepEqual(
    m.problems().map((p) => p.subject),
    ['pkg:npm/p1@1.0.0', 'pkg:npm/p2@1.0.0'],
  );
});

test('past the limit one problem per kind lists every subject; partiality still counts each component once', () => {
  const m = createOfflineMisses(5);
  const n = 40;
  for (let i = n - 1; i >= 0; i--) m.take([miss('packument', i), miss('tarball', i)], i);
  const out = m.problems();
  assert.equal(out.length, 2);
  assert.deepEqual(
    out.map((p) => [p.code, p.subjects?.length, p.subject]),
    [
      ['E_OFFLINE_MISS', n, undefined],
      ['E_OFFLINE_MISS', n, undefined],
    ],
  );
  assert.match(out[0]!.message, /^40 packuments are not in the store/);
  assert.equal(out[0]!.subjects![0], 'pkg:npm/p0@1.0.0', 'listed in component order');
  const components = Array.from({ length: n }, (_, i) => ({ purl: `pkg:npm/p${i}@1.0.0` }));
  assert.deepEqual(partiality({ inventory: { components, problems: [] } as never, problems: out }), { unchecked: n, problems: 2 * n });
});
