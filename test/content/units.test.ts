/**
 * Units of a large file (units.ts): which ranges a file's sites select, which visits a unit walk
 * keeps, and that the unit path of the behaviour pass finds what the whole-file path finds on the
 * detection corpus (every malicious and benign sample run both ways gives the same findings).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJs } from '../../src/analyzers/content/js-parse.js';
import { recordWalk } from '../../src/analyzers/content/ast-walk.js';
import { subWalk, tokenSites, unitRanges, unitScan, UNIT_MAX_BYTES, WINDOW_BYTES } from '../../src/analyzers/content/units.js';
import { BEHAVIOUR_SITES } from '../../src/analyzers/content/behaviour/js-behaviour.js';
import { benignSamples, judgeDir, maliciousSamples } from '../../bench/lib/corpus.js';
import { hiddenBundle } from '../../bench/lib/hidden-in-bundle.js';
import { corpusTexts, rng } from './helpers.js';

const at = (code: string, needle: string): number => {
  const i = code.indexOf(needle);
  assert.ok(i >= 0, needle);
  return i;
};

test('a site selects the outermost function around it that fits in a unit; overlapping units merge', () => {
  const code = [
    'var top = 1;',
    'var mod = function (exports) { function helper() { return process.env.TOKEN; } exports.h = helper; };',
    'function other() { return fetch("/x"); }',
    'function quiet() { return 2; }',
  ].join('\n');
  const walk = recordWalk(parseJs(code)!.ast);
  const env = at(code, 'process.env');
  const modFn = at(code, 'function (exports)');
  const modEnd = code.indexOf('};', modFn) + 1;
  assert.deepEqual(unitRanges(walk, [env], code.length), [[modFn, modEnd]], 'the module wrapper, not only the helper');
  const other = at(code, 'function other');
  const both = unitRanges(walk, [at(code, 'fetch'), env, env + 3], code.length);
  assert.deepEqual(both, [
    [modFn, modEnd],
    [other, code.indexOf('}', other) + 1],
  ]);
  assert.ok(!both.some(([s, e]) => s <= at(code, 'quiet') && e > at(code, 'quiet')), 'a function with no site is not read');
});

test('a site at top level or inside a function too big for a unit takes a window, kept inside that function', () => {
  const filler = (n: number, p: string): string => Array.from({ length: n }, (_, i) => `var ${p}${i} = ${i};`).join('\n');
  const code = `function big() {\n${filler(3000, 'v')}\nreturn process.env.HOME;\n}\n${filler(600, 'w')}\nconsole.log(process.env.PATH);\n${filler(600, 'z')}\n`;
  const bigEnd = code.indexOf('}\n') + 1;
  assert.ok(bigEnd > UNIT_MAX_BYTES, 'big() is larger than a unit');
  const walk = recordWalk(parseJs(code)!.ast);
  const inBig = at(code, 'process.env.HOME');
  const topLevel = at(code, 'process.env.PATH');
  assert.ok(topLevel - WINDOW_BYTES > bigEnd && topLevel + WINDOW_BYTES < code.length);
  assert.deepEqual(unitRanges(walk, [inBig, topLevel], code.length), [
    [inBig - WINDOW_BYTES, bigEnd],
    [topLevel - WINDOW_BYTES, topLevel + WINDOW_BYTES],
  ]);
});

test('a unit walk keeps exactly the visits whose node lies inside a unit, in walk order', () => {
  const code = 'a(1); function f(x) { return g(x, "s") + h[2]; } b(function () { c(); }); d();';
  const walk = recordWalk(parseJs(code)!.ast);
  const ranges: [number, number][] = [
    [at(code, 'function f'), at(code, ' b(')],
    [at(code, 'c()'), at(code, 'c()') + 3],
  ];
  const sub = subWalk(walk, ranges);
  const expected = walk.nodes
    .map((n, i) => ({ n, id: walk.ids[i]! }))
    .filter(({ n }) => ranges.some(([s, e]) => n.start >= s && n.end <= e));
  assert.deepEqual(
    sub.nodes.map((n) => `${n.type}@${n.start}`),
    expected.map(({ n }) => `${n.type}@${n.start}`),
  );
  assert.deepEqual(
    [...sub.ids],
    expected.map(({ id }) => id),
  );
  assert.ok(sub.nodes.some((n) => n.type === 'CallExpression' && n.start === at(code, 'c()')));
  assert.ok(!sub.nodes.some((n) => n.start === at(code, 'd()')), 'outside every unit');
  assert.deepEqual(subWalk(walk, []).nodes, []);
});

test('token sites: every source or sink token of the text, in order', () => {
  const code = 'x = 1; y = process.env.A; z = require(name); w = 2; fetch(u); h.createHash("sha256")';
  assert.deepEqual(tokenSites(code, BEHAVIOUR_SITES), [
    at(code, 'process.env'),
    at(code, 'require('),
    at(code, 'fetch'),
    at(code, 'createHash'),
  ]);
  assert.deepEqual(tokenSites('nothing to see', BEHAVIOUR_SITES), []);
});

test('the unit path finds what the whole-file path finds on every corpus sample', async () => {
  const samples = [...maliciousSamples(), ...benignSamples().map((b) => ({ ...b, family: 'benign' }))];
  const run = async (): Promise<string[]> => {
    const out: string[] = [];
    for (const s of samples) {
      const v = await judgeDir(s.dir, `${s.family}/${s.name}`);
      out.push(
        `${s.family}/${s.name}: ${v.findings
          .map((f) => `${f.severity} ${f.rule}`)
          .sort()
          .join(', ')}`,
      );
    }
    return out;
  };
  const whole = await run();
  const saved = unitScan.minBytes;
  unitScan.minBytes = 0;
  try {
    assert.deepEqual(await run(), whole);
  } finally {
    unitScan.minBytes = saved;
  }
});

test('a unit walk read by subtrees keeps what a node-by-node filter keeps, on corpus files and the hidden-in-bundle bundle', () => {
  const r = rng(5);
  const texts = [...corpusTexts().filter((t) => parseJs(t) !== undefined), hiddenBundle()];
  let kept = 0;
  for (const text of texts) {
    const walk = recordWalk(parseJs(text)!.ast);
    for (let round = 0; round < 6; round++) {
      const cuts = Array.from({ length: 2 + Math.floor(r() * 8) }, () => Math.floor(r() * (text.length + 1))).sort((a, b) => a - b);
      const ranges: [number, number][] = [];
      for (let i = 0; i + 1 < cuts.length; i += 2) if (cuts[i]! < cuts[i + 1]!) ranges.push([cuts[i]!, cuts[i + 1]!]);
      const sub = subWalk(walk, ranges);
      const want = walk.nodes.flatMap((n, i) => (ranges.some(([s, e]) => n.start >= s && n.end <= e) ? [i] : []));
      assert.deepEqual(
        sub.nodes,
        want.map((i) => walk.nodes[i]),
      );
      assert.deepEqual(
        [...sub.ids],
        want.map((i) => walk.ids[i]),
      );
      // The blocks of the unit walk are its nodes' subtrees too: reading it again by the same ranges changes nothing.
      assert.deepEqual(subWalk(sub, ranges).nodes, sub.nodes);
      kept += want.length;
    }
  }
  assert.ok(kept > 1000, `only ${kept} visits kept: the ranges do not exercise the walk`);
});
