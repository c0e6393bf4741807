import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { renderHtml } from '../../src/report/html.js';
import { finalizeResult, newResult } from '../../src/core/result-builder.js';
import type { ReportViewModel } from '../../src/report/view-model.js';
import { rules, sample, synthetic } from './helpers.js';

const DATA_RE = /<script type="application\/json" id="vigil-data">([\s\S]*?)<\/script>/;

function dataOf(html: string): ReportViewModel {
  const m = DATA_RE.exec(html);
  assert.ok(m, 'data block present');
  return JSON.parse(m[1]!) as ReportViewModel;
}

test('sample report embeds the view-model, the client and a no-network CSP', () => {
  const html = renderHtml(sample(), { rules: rules() });
  const vm = dataOf(html);
  assert.equal(vm.components.length, 10);
  assert.equal(vm.findings.length, 10);
  assert.equal(vm.history[0]!.people[1]!.name, 'Jia Tan');
  assert.equal(vm.privilegedPaths[0]!.path.join(' > '), 'openssh-server > libsystemd0 > liblzma5');
  assert.equal(vm.funding!.rows.length, 3);
  assert.equal(vm.affected[0]!['advisory'], 'CVE-2024-3094');
  assert.match(
    html,
    /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-/,
  );
  assert.ok(html.length > 50_000, 'the Chart.js client is inlined');
});

test('no external resource: no http(s) or protocol-relative src/href/url() outside the data', () => {
  const html = renderHtml(sample(), { rules: rules() }).replace(DATA_RE, '');
  assert.doesNotMatch(html, /\b(src|href|action|srcset|poster|data)\s*=\s*["']?\s*(https?:)?\/\//i);
  assert.doesNotMatch(html, /url\(\s*["']?\s*(https?:)?\/\//i);
  assert.doesNotMatch(html, /@import/i);
  assert.doesNotMatch(html, /<link\b/i);
  // The CSP's script hash must match the inline script, or the page would not run.
  const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  assert.ok(html.includes(`script-src 'sha256-${hash}'`));
});

test('a package named </script><img onerror=…> cannot inject markup', () => {
  const r = newResult('scan', '/tmp/<b>target</b>');
  const evil = '</script><img src=x onerror=alert(1)><!--';
  r.inventory.components.push({
    purl: `pkg:npm/evil@1.0.0`,
    ecosystem: 'npm',
    name: evil,
    version: '1.0.0\u2028',
    locations: [{ file: 'package-lock.json', line: 3 }],
    dev: false,
    optional: false,
  });
  r.findings.push({
    rule: 'x/y',
    severity: 'high',
    confidence: 'high',
    subject: 'pkg:npm/evil@1.0.0',
    title: evil,
    evidence: [{ kind: 'file', excerpt: '</SCRIPT ><script>alert(2)</script>' }],
    explanation: '&lt;',
    analyzer: { id: 'a', version: '1' },
  });
  const html = renderHtml(finalizeResult(r));
  assert.equal(html.match(/<\/script/gi)!.length, 2, 'only the two real script elements close');
  assert.doesNotMatch(html, /<img/i);
  assert.doesNotMatch(html.replace(/<script>[\s\S]*<\/script>/, ''), /<!--/);
  assert.match(html, /<title>vigil scan: \/tmp\/&#60;b&#62;target&#60;\/b&#62;<\/title>/);
  const vm = dataOf(html);
  assert.equal(vm.components[0]!.name, evil, 'the data round-trips unchanged');
  assert.equal(vm.findings[0]!.evidence[0]!.excerpt, '</SCRIPT ><script>alert(2)</script>');
});

test('empty result renders a complete page', () => {
  const html = renderHtml(finalizeResult(newResult('scan', '/tmp/empty')));
  const vm = dataOf(html);
  assert.equal(vm.components.length, 0);
  assert.deepEqual(vm.history, []);
  assert.equal(vm.funding, undefined);
  assert.match(html, /<div id="app">/);
});

test('3,000-component scan stays well under 3 MB', (t) => {
  const r = synthetic(3000);
  const html = renderHtml(r, { rules: rules() });
  const vm = dataOf(html);
  assert.equal(vm.components.length, 3000);
  assert.equal(vm.edges.length, 3000);
  t.diagnostic(`report.html for 3,000 components and ${r.findings.length} findings: ${(html.length / 1024).toFixed(0)} KiB`);
  assert.ok(Buffer.byteLength(html) < 3 * 1024 * 1024, `${html.length} bytes`);
});
