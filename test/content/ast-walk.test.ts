/**
 * The recorded walk replays exactly the visits acorn-walk's `simple` makes for the recorded types
 * (same types, same nodes, same order), so the scanner and the behaviour pass read the same tree events as when each walked
 * the tree itself — over every JavaScript fixture of the content and malicious corpora, and a file
 * with every kind of syntax the walker treats specially (patterns, classes, labels, modules).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { base, simple } from 'acorn-walk';
import { RECORDED, recordWalk, replay, visitsOf } from '../../src/analyzers/content/ast-walk.js';
import { parseJs, type AstNode } from '../../src/analyzers/content/js-parse.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? jsFiles(p) : /\.(c|m)?js$/.test(n) ? [p] : [];
  });
}

const SYNTAX = `
import def, { a as b, 'str' as c } from 'm'; import * as ns from "n";
export const { x, y: [z = 1, ...rest] } = obj; export default class K extends (b ?? c) { #p = 1; static { init(); } get g() { return this.#p; } }
label: for (const [k, v] of Object.entries(process.env)) { if (k in v) continue label; else break label; }
for (var i = 0, j; i < 10; i++) ({ ...spread, [computed]: async function* gen(p = 1, { q } = {}) { yield* await p; } });
try { throw new Error(\`t\${tag\`x\${1}\`}\`); } catch ({ message }) { eval(message); } finally { o(); }
a?.b?.[c]?.(d); x ||= y; import.meta.url; switch (q) { case 1: default: }
const f = (x, ...r) => x ? r : void 0; do { } while (false); (0, require)('child_process').exec(\`ls\`);
`;

function sequences(ast: AstNode): { walked: string[]; replayed: string[] } {
  const visitors: Record<string, (n: AstNode) => void> = {};
  const walked: string[] = [];
  const replayed: string[] = [];
  for (const type of RECORDED) visitors[type] = (n) => walked.push(`${type}@${n.start}-${n.end}`);
  simple(ast as never, visitors as never, base);
  const record = recordWalk(ast);
  const again: Record<string, (n: AstNode) => void> = {};
  for (const type of RECORDED) again[type] = (n) => replayed.push(`${type}@${n.start}-${n.end}`);
  replay(record, again);
  // One type alone (the per-type index) gives that type's visits in the same order.
  for (const type of RECORDED) {
    const one: string[] = [];
    replay(record, { [type]: (n: AstNode) => one.push(`${type}@${n.start}-${n.end}`) });
    assert.deepEqual(
      one,
      walked.filter((w) => w.startsWith(`${type}@`)),
      type,
    );
    assert.deepEqual(
      visitsOf(record, type).map((n) => `${type}@${n.start}-${n.end}`),
      one,
      type,
    );
  }
  return { walked, replayed };
}

test('a replayed walk visits what acorn-walk visits, in its order, on every fixture', () => {
  const files = [...jsFiles(join(FIXTURES, 'content')), ...jsFiles(join(FIXTURES, 'malicious'))];
  assert.ok(files.length > 50, `found ${files.length} fixtures`);
  let compared = 0;
  for (const file of files) {
    const parsed = parseJs(readFileSync(file, 'utf8'));
    if (!parsed) continue;
    const { walked, replayed } = sequences(parsed.ast);
    assert.deepEqual(replayed, walked, file);
    compared++;
  }
  assert.ok(compared > 50);
});

test('special syntax: patterns, classes, labels, modules, templates, optional chains', () => {
  const parsed = parseJs(SYNTAX);
  assert.equal(parsed?.parser, 'meriyah');
  const { walked, replayed } = sequences(parsed!.ast);
  assert.ok(walked.length > 50 && walked.some((w) => w.startsWith('Function@')) && walked.some((w) => w.startsWith('ForOfStatement@')));
  // A parameter is visited as a pattern, not as an Identifier: acorn-walk's semantics, kept.
  assert.ok(!walked.includes(`Identifier@${SYNTAX.indexOf('p = 1')}-${SYNTAX.indexOf('p = 1') + 1}`));
  assert.deepEqual(replayed, walked);
});

test('a replay with visitors for a few types calls only those, with their nodes', () => {
  const parsed = parseJs('const a = require("x"); a.b(c);')!;
  const seen: string[] = [];
  replay(recordWalk(parsed.ast), { CallExpression: (n) => seen.push(`call ${n.start}`), Literal: (n) => seen.push(`lit ${n.value}`) });
  assert.deepEqual(seen, ['lit x', 'call 10', 'call 24']);
});

test('a replay asking for a type that is not recorded is refused (it would silently see nothing)', () => {
  const parsed = parseJs('a; { b; }')!;
  assert.throws(() => replay(recordWalk(parsed.ast), { BlockStatement: () => undefined } as never), /BlockStatement are not recorded/);
});

test('a walk of hundreds of thousands of visits (its arrays grown many times over) keeps every visit and every subtree block', () => {
  // Nested calls, so that subtree blocks span many growths of the record's arrays.
  const code = Array.from({ length: 20_000 }, (_, i) => `f${i % 7}(g(h("${i}"), [k, ${i}]), { p: q.r });`).join('\n');
  const parsed = parseJs(code)!;
  const { walked, replayed } = sequences(parsed.ast);
  assert.ok(walked.length > 200_000, `${walked.length} visits`);
  assert.deepEqual(replayed, walked);
  const record = recordWalk(parsed.ast);
  assert.equal(record.ids.length, walked.length);
  assert.equal(record.sub.length, walked.length);
  // The block [sub[i], i] of each call is exactly the visits of nodes inside it.
  for (let i = 0; i < record.nodes.length; i += 997) {
    const n = record.nodes[i]!;
    for (let j = record.sub[i]!; j < i; j++) {
      const d = record.nodes[j]!;
      assert.ok(d.start >= n.start && d.end <= n.end, `visit ${j} lies inside visit ${i}`);
    }
    const before = record.nodes[record.sub[i]! - 1];
    if (before)
      assert.ok(
        before.end <= n.start || before.start < n.start || before.end > n.end,
        `visit ${record.sub[i]! - 1} is not inside visit ${i}`,
      );
  }
});
