import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mdCode, mdText, renderMarkdown } from '../../src/report/markdown.js';
import { newResult, finalizeResult } from '../../src/core/result-builder.js';
import { fixturePath, sample, synthetic } from './helpers.js';

test('golden: sample PR comment matches the committed file', () => {
  assert.equal(renderMarkdown(sample()), readFileSync(fixturePath('golden/sample.md'), 'utf8'));
});

test('counts, new-since-last-scan first, one evidence line per top finding', () => {
  const md = renderMarkdown(sample());
  assert.match(md, /^### vigil scan: 3 critical · 3 high · 2 medium · 1 low — 10 components/);
  assert.match(md, /\*\*Since the last scan\*\* \(2026-11-19\): 1 new finding, 1 resolved/);
  const items = md.split('\n').filter((l) => l.startsWith('- ') && l.includes('**'));
  assert.ok(items[0]!.startsWith('- 🆕 **CRITICAL**'), 'the new finding comes first');
  assert.match(items[0]!, /`flatmap-stream@0\.1\.1`/);
  assert.match(md, /↳ `package\/index\.min\.js:1`/);
  assert.doesNotMatch(md, /postinstall script/, 'suppressed findings are not listed');
});

test('stays short on a big scan with many changes and problems', () => {
  const r = synthetic(3000);
  r.changes = {
    previousScanId: 1,
    previousAt: '2026-01-01T00:00:00Z',
    newComponents: r.inventory.components.slice(0, 100).map((c) => c.purl),
    removedComponents: ['pkg:npm/x@1.0.0'],
    changedVersions: [{ name: 'y', from: '1', to: '2' }],
    newFindings: r.findings.slice(0, 30).map((f) => f.fingerprint!),
    resolvedFindings: [],
  };
  r.problems = Array.from({ length: 20 }, (_, i) => ({ code: 'E_NETWORK', message: `fetch ${i} failed` }));
  r.skipped = [{ analyzer: 'history', reason: 'no repo' }];
  const md = renderMarkdown(r);
  const lines = md.trimEnd().split('\n').length;
  assert.ok(lines <= 60, `${lines} lines`);
  assert.match(md, /…and \d+ more: see the HTML or SARIF report/);
});

test('empty result says so', () => {
  const md = renderMarkdown(finalizeResult(newResult('scan', '/tmp/x')));
  assert.match(md, /no findings — 0 components/);
  assert.match(md, /No unsuppressed findings/);
});

test('attacker-controlled text adds no HTML, links, images or mentions', () => {
  const r = newResult('scan', '/tmp/x');
  r.findings.push({
    rule: 'x/y',
    severity: 'high',
    confidence: 'high',
    subject: 'pkg:npm/evil@1.0.0',
    title: '<img src=x onerror=alert(1)> [click](javascript:alert(1)) ![p](http://t.test/p.png) @octocat | cell',
    evidence: [{ kind: 'file', file: 'a`b|c.js', excerpt: '`</details>` | x' }],
    explanation: 'e',
    analyzer: { id: 'a', version: '1' },
  });
  const md = renderMarkdown(finalizeResult(r));
  assert.doesNotMatch(md, /<img/);
  assert.doesNotMatch(md, /[^\\]\](\(|\[)/, 'no unescaped link or image syntax survives');
  assert.doesNotMatch(md, /@octocat/);
  assert.match(md, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.equal(mdText('a|b'), 'a\\|b');
  assert.equal(mdCode('a`b|c'), "`a'b\\|c`");
});
