/**
 * Payloads hidden in the middle of a > 1 MiB minified bundle of ordinary libraries
 * (test/fixtures/hidden-in-bundle, built by bench/lib/hidden-in-bundle.ts): each reaches high with
 * its family's rule, and the same bundle without a payload does not. Before the unit path the
 * behaviour pass skipped files over 1 MiB and whole-file reference caps hid the flows: none was found.
 */
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { analyzeContent } from '../../src/analyzers/content/index.js';
import { hiddenBundle, hiddenCases, hiddenPackage, type HiddenHost } from '../../bench/lib/hidden-in-bundle.js';
import { highLines, verdictOf } from '../../bench/lib/corpus.js';

/** The rule each family's payload must raise at high or above. */
const RULE: Record<string, string> = {
  'encoded-payload-exec': 'content/decoded-exec',
  'env-exfiltration': 'content/secret-exfiltration',
  'download-execute': 'content/remote-code',
  'browser-hijack': 'content/browser-hijack',
};

for (const format of ['cjs', 'esm'] as const)
  test(`every payload hidden in a large minified ${format} bundle is found at high; the bundle alone is not`, async () => {
    await everyPayloadFound(format);
  });

test('in a lean ES module bundle with no decoding or code-loading token of its own, every payload is found at high; the bundle alone is not', async () => {
  await everyPayloadFound('esm', 'lean');
});

/**
 * `esm`: the payloads' `require('child_process')` and `require('https')` are calls of esbuild's
 * minified loader shim there (`de("child_process")`); before loader-aliases.ts two of the four
 * families raised nothing at all.
 */
async function everyPayloadFound(format: 'cjs' | 'esm', host: HiddenHost = 'libraries'): Promise<void> {
  const control = hiddenBundle(undefined, format, host);
  // Above the size where a file is parsed only when something in it asks for it (js-file.ts).
  assert.ok(control.length > (host === 'lean' ? 128 * 1024 : 1024 * 1024), `bundle of ${control.length} bytes`);
  const c = verdictOf((await analyzeContent(hiddenPackage('control', control), 'control')).findings);
  assert.deepEqual(highLines(c), [], 'the ordinary bundle must not be high');
  const cases = hiddenCases();
  assert.ok(cases.length >= 4 && new Set(cases.map((k) => k.family)).size >= 4, 'four families at least');
  for (const k of cases) {
    const bundle = hiddenBundle(k.dir, format, host);
    const mid = bundle.length / 2;
    // The payload's first long string literal survives minification: where it lands in the bundle.
    const code = readFileSync(join(k.dir, 'payload.js'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    const marker = /'([^'\n]{16,})'/.exec(code)![1]!;
    const payloadAt = bundle.indexOf(marker);
    assert.ok(payloadAt > 0 && Math.abs(payloadAt - mid) < bundle.length / 4, `${k.name}: payload in the middle half of the bundle`);
    const v = verdictOf((await analyzeContent(hiddenPackage(k.name, bundle), k.name)).findings);
    const rule = RULE[k.family];
    assert.ok(rule, `${k.family} has an expected rule`);
    assert.ok(
      v.findings.some((f) => f.rule === rule && (f.severity === 'high' || f.severity === 'critical')),
      `${k.family}/${k.name}: ${rule} at high expected; got ${v.findings.map((f) => `${f.severity} ${f.rule}`).join(', ') || 'nothing'}`,
    );
  }
}
