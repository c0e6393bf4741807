/**
 * The worker's explicit collections run while a small built-in package's analysis is alive
 * (shape-keeper.ts). That only keeps shapes if the package really goes through the parser, the AST
 * scan and the behaviour pass: these tests fail if its code stopped parsing or stopped reaching
 * the passes (a regex fallback or an empty behaviour would keep nothing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectKeepingShapes, exemplarFacts } from '../../src/analyzers/content/shape-keeper.js';

test('the built-in package is parsed and read by the AST scan and the behaviour pass', () => {
  const facts = exemplarFacts();
  assert.deepEqual(facts.parseFallbacks, [], 'parsed by meriyah, no fallback');
  assert.ok((facts.fileCapabilities['index.js'] ?? []).includes('network'), JSON.stringify(facts.fileCapabilities));
  const b = facts.behaviour?.files['index.js'];
  assert.ok(b, 'the behaviour pass ran on index.js');
  assert.deepEqual([...new Set(b.sinks.map((s) => s.kind))].sort(), ['network', 'write-file']);
  assert.ok(
    facts.behaviour?.entries.some((e) => e.kind === 'install'),
    'an install entry point (the facts of entries and chains are built too)',
  );
});

test('collectKeepingShapes runs the collection once', () => {
  let runs = 0;
  collectKeepingShapes(() => runs++);
  assert.equal(runs, 1);
});
