/** The innermost function around a position equals the answer of scanning every function, on real parses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionScopes } from '../../src/analyzers/content/function-scopes.js';
import { parseJs } from '../../src/analyzers/content/js-parse.js';
import { recordWalk, visitsOf } from '../../src/analyzers/content/ast-walk.js';

/** What every function scan answers: the function with the greatest start among those strictly around pos. */
function scanAll(fns: number[][], pos: number): [number, number] {
  let best: [number, number] = [0, Number.MAX_SAFE_INTEGER];
  for (const [s = 0, e = 0] of fns) if (s < pos && e > pos && s >= best[0]) best = [s, e];
  return best;
}

const CODE = `
function a(x) { var y = function (z) { return () => z + x; }; function b() { return y; } return b; }
const c = { m() { return 1; }, get g() { return (function () { return 2; })(); } };
class K { f = () => 3; static s() { [1, 2].map((v) => v * 2).forEach(function (w) { out(w); }); } }
!function () { var q = 1; (async () => { await q; })(); }();
`;

test('innermost function around every position: same answer as scanning all functions', () => {
  const { ast } = parseJs(CODE)!;
  const w = recordWalk(ast);
  const fns = visitsOf(w, 'Function').map((n) => [n.start, n.end]);
  assert.ok(fns.length >= 13, `${fns.length} functions`);
  const scopes = new FunctionScopes(fns);
  for (let pos = 0; pos <= CODE.length + 1; pos++) assert.deepEqual(scopes.around(pos), scanAll(fns, pos), `at ${pos}`);
});

test('no function: the whole program', () => {
  assert.deepEqual(new FunctionScopes([]).around(5), [0, Number.MAX_SAFE_INTEGER]);
});
