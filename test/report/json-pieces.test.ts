/** The JSON report written piece by piece is the same text as the one-string report. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { renderJson, renderJsonPieces } from '../../src/report/json.js';
import { joinPieces } from '../../src/cli/output-file.js';
import type { ScanResult } from '../../src/core/result.js';

const asResult = (v: unknown) => v as ScanResult;

test('pieces concatenate to exactly renderJson, at every split depth, for any JSON-like value', () => {
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 5 }),
    fc.dictionary(fc.string(), fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.constant(undefined))),
  );
  fc.assert(
    fc.property(value, fc.integer({ min: 0, max: 5 }), (v, depth) => {
      assert.equal([...renderJsonPieces(asResult(v), depth)].join(''), renderJson(asResult(v)));
    }),
    { numRuns: 300 },
  );
});

test('undefined members, holes, dates, empty containers and multi-line strings render as JSON.stringify does', () => {
  const v = {
    a: undefined,
    b: [1, undefined, { c: [], d: {} }, () => 1],
    when: new Date(0),
    text: 'line 1\nline 2 "quoted"',
    nested: { deep: { deeper: { deepest: [{ x: 1 }, [2, [3]]] } } },
    f: () => 1,
  };
  const pieces = [...renderJsonPieces(asResult(v))];
  assert.ok(pieces.length > 10, 'split into many pieces');
  assert.equal(pieces.join(''), renderJson(asResult(v)));
});

test('no piece cuts a member: every joined run of a report is valid JSON text up to a member boundary', () => {
  const v = {
    facts: {
      scoring: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`pkg:npm/p${i}@1.0.0`, { url: `https://u:pw${i}@h.invalid/` }])),
    },
  };
  const runs = [...joinPieces(renderJsonPieces(asResult(v)), 64)];
  assert.ok(runs.length > 5);
  // A registry URL with credentials stays whole inside one run, so run-by-run redaction sees it.
  for (let i = 0; i < 50; i++) assert.ok(runs.some((r) => r.includes(`https://u:pw${i}@h.invalid/`)));
  assert.equal(runs.join(''), renderJson(asResult(v)));
});
