/**
 * The regex scanner (files no parser reads) skips a pattern's pass over a text that holds none of
 * the pattern's `needs`: every match of every pattern must contain one of them, on the detection
 * corpus and on texts where each pattern's own matches are planted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PATTERNS, scanRegex } from '../../src/analyzers/content/js-regex.js';
import { LineIndex } from '../../src/analyzers/content/text-utils.js';
import { corpusTexts } from './helpers.js';

const PLANTED = [
  'fetch(u); new  WebSocket(x); new XMLHttpRequest()',
  'eval (code); new Function ("a", b)',
  'vm.runInNewContext(c); runInThisContext(c); compileFunction(s); m._compile(src, f)',
  'require(name); require( x)',
  'process.env.TOKEN; JSON.stringify(process.env); new URLSearchParams(process.env); for (const k in process.env) {}',
  "process.binding('spawn_sync'); WebAssembly.instantiate(b); crypto.createDecipheriv(a); Buffer.from(s, 'base64'); atob(s)",
];

test('every match of a regex-scanner pattern names one of its needs, and the planted ones are found', () => {
  const corpus = corpusTexts();
  let seen = 0;
  for (const p of PATTERNS) {
    let own = 0;
    for (const text of [...corpus, ...PLANTED]) {
      for (const m of text.matchAll(p.re)) {
        assert.ok(
          p.needs.some((n) => m[0].includes(n)),
          `${p.re} matched ${JSON.stringify(m[0])} without ${p.needs.join(' / ')}`,
        );
        own++;
      }
    }
    assert.ok(own > 0, `${p.re}: no match to check`);
    seen += own;
  }
  const planted = PLANTED.join('\n');
  const kinds = new Set(scanRegex('planted.js', planted, new LineIndex(planted)).caps.map((c) => c.kind));
  assert.deepEqual([...kinds].sort(), [
    'child-process',
    'crypto-decipher',
    'decode',
    'dynamic-require',
    'env-read',
    'env-serialize',
    'eval',
    'network',
    'vm',
    'wasm',
  ]);
  assert.ok(seen > 20);
});
