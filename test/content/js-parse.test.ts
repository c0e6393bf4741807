/**
 * The fast parser (meriyah) gives the tree acorn gives — the tree the walker, the scanner and the
 * behaviour pass were written against — on every JavaScript fixture of the content and malicious
 * corpora; what meriyah refuses still parses through acorn, then acorn-loose.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'acorn';
import { ACORN_OPTIONS, parseJs, type AstNode } from '../../src/analyzers/content/js-parse.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? jsFiles(p) : /\.(c|m)?js$/.test(n) ? [p] : [];
  });
}

function acornTree(text: string): AstNode | undefined {
  for (const sourceType of ['module', 'script'] as const) {
    try {
      return parse(text, { ...ACORN_OPTIONS, sourceType }) as unknown as AstNode;
    } catch {
      /* next mode */
    }
  }
  return undefined;
}

/**
 * The tree as the scanners read it: `raw` (source text, never read), acorn's `expression: false` on
 * block-bodied functions and `id: null` on arrows (meriyah omits both; every reader treats a missing
 * field as false/null), meriyah's empty `decorators` and the Program's `sourceType` (neither read)
 * left out.
 */
function normal(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(normal);
  if (typeof x === 'bigint') return `${x}n`;
  if (x instanceof RegExp) return String(x);
  if (!x || typeof x !== 'object') return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    if (k === 'raw' || k === 'sourceType' || v === null || v === undefined || (k === 'expression' && v === false)) continue;
    if (k === 'decorators' && Array.isArray(v) && v.length === 0) continue;
    out[k] = normal(v);
  }
  return out;
}

test('meriyah and acorn give the same tree on every fixture acorn parses', () => {
  const files = [...jsFiles(join(FIXTURES, 'content')), ...jsFiles(join(FIXTURES, 'malicious'))];
  let compared = 0;
  let fast = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const want = acornTree(text);
    if (!want) continue;
    const got = parseJs(text)!;
    if (got.parser === 'meriyah') fast++;
    assert.deepEqual(normal(got.ast), normal(want), file);
    compared++;
  }
  assert.ok(compared > 50 && fast > 50, `${compared} compared, ${fast} by meriyah`);
});

test('syntax meriyah refuses still parses: acorn (permissive options), then acorn-loose', () => {
  // An import inside a block: acorn's allowImportExportEverywhere.
  const nested = parseJs("if (x) { import a from 'b'; }\nrequire('child_process').exec(a);");
  assert.equal(nested?.parser, 'acorn');
  assert.ok(JSON.stringify(nested.ast).includes('child_process'));
  const broken = parseJs("const a = require('https');\nfunction (\n a.get('x');");
  assert.equal(broken?.parser, 'loose');
  assert.ok(JSON.stringify(broken.ast).includes('https'));
});

test('CommonJS with a top-level return and Annex B syntax parses with meriyah', () => {
  const text = '#!/usr/bin/env node\nif (!process.env.X) { return; }\nvar o = 010; <!-- html comment\nmodule.exports = o;';
  const cjs = parseJs(text);
  assert.equal(cjs?.parser, 'meriyah');
  assert.deepEqual(normal(cjs.ast), normal(acornTree(text)));
});
