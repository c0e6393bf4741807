import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import AjvDraft4 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { buildSarif, FINGERPRINT_KEY, renderSarif } from '../../src/report/sarif.js';
import { newResult } from '../../src/core/result-builder.js';
import { fixturePath, load, rules, sample } from './helpers.js';

const schema = JSON.parse(readFileSync(fixturePath('sarif-schema/sarif-2.1.0-rtm.5.json'), 'utf8'));
// unicodeRegExp off: the schema's `language` pattern has a stray `]` that only non-unicode regexps accept.
// Both packages are CommonJS with a `default` export; under NodeNext the class sits on `.default`.
const Ajv = ((AjvDraft4 as unknown as { default?: unknown }).default ?? AjvDraft4) as typeof AjvDraft4.default;
const addFormats = ((ajvFormats as unknown as { default?: unknown }).default ?? ajvFormats) as typeof ajvFormats.default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function assertValid(text: string): Log {
  const log = JSON.parse(text) as Log;
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  return log;
}

test('sample scan renders SARIF that validates against the SARIF 2.1.0 schema', () => {
  const log = assertValid(renderSarif(sample(), rules()));
  const run = log.runs[0]!;
  assert.equal(log.version, '2.1.0');
  assert.equal(run.results!.length, sample().findings.length);
  assert.equal(run.tool.driver.name, 'vigil');
});

test('the schema check is real: a broken log fails it', () => {
  const log = JSON.parse(renderSarif(sample(), rules()));
  log.runs[0].results[0].level = 'fatal';
  assert.equal(validate(log), false);
});

test('history, host and affected results render valid SARIF too', () => {
  for (const name of ['history-xz.json', 'host-debian.json', 'affected-xz.json', 'discuss-xz.json']) {
    const log = assertValid(renderSarif(load(name), rules()));
    assert.equal(log.runs[0]!.results!.length, load(name).findings.length, name);
  }
});

test('empty result renders valid SARIF with no results', () => {
  const log = assertValid(renderSarif(newResult('scan', '/tmp/empty')));
  assert.deepEqual(log.runs[0]!.results, []);
});

test('rules carry catalogue help text; unknown rule ids get a stub descriptor', () => {
  const log = buildSarif(sample(), rules());
  const driverRules = log.runs[0]!.tool.driver.rules!;
  const install = driverRules.find((r) => r.id === 'npm/install-script')!;
  assert.match(install.help!.text, /ua-parser-js 0\.7\.29/);
  assert.match(install.help!.markdown ?? '', /\*\*Why it matters\.\*\*/);
  assert.equal(install.properties!['security-severity'], '5.5');
  const stub = driverRules.find((r) => r.id === 'history/sandbox-check-broken')!;
  assert.equal(stub.shortDescription!.text, 'history/sandbox-check-broken');
  for (const r of log.runs[0]!.results!) assert.equal(driverRules[r.ruleIndex!]!.id, r.ruleId);
});

test('component findings point at the lockfile line; history findings at the file in the repo', () => {
  const s = sample();
  const log = buildSarif(s, rules());
  const results = log.runs[0]!.results!;
  const ua = s.inventory.components.find((c) => c.name === 'ua-parser-js')!;
  const uaResult = results.find((r) => r.properties!['subject'] === ua.purl)!;
  const pl = uaResult.locations![0]!.physicalLocation!;
  assert.equal(pl.artifactLocation!.uri, 'package-lock.json');
  assert.equal(pl.artifactLocation!.uriBaseId, '%SRCROOT%');
  assert.equal(pl.region!.startLine, ua.locations[0]!.line);
  const landlock = results.find((r) => r.ruleId === 'history/sandbox-check-broken')!;
  assert.equal(landlock.locations![0]!.physicalLocation!.artifactLocation!.uri, 'CMakeLists.txt');
  assert.equal(landlock.locations![0]!.physicalLocation!.region!.startLine, 1004);
  assert.match(landlock.message.text ?? '', /commit 328c52da8a2bbb81307644efdb58db2c422d9ba7/);
});

test('absolute paths under the target become repository-relative, encoded URIs', () => {
  const s = newResult('scan', '/home/dev/my app');
  s.inventory.components.push({
    purl: 'pkg:npm/a@1.0.0',
    ecosystem: 'npm',
    name: 'a',
    version: '1.0.0',
    locations: [{ file: '/home/dev/my app/sub dir/package-lock.json', line: 7 }],
    dev: false,
    optional: false,
  });
  s.findings.push({
    rule: 'x/y',
    severity: 'low',
    confidence: 'low',
    subject: 'pkg:npm/a@1.0.0',
    title: 't',
    evidence: [],
    explanation: 'e',
    analyzer: { id: 'a', version: '1' },
  });
  const log = assertValid(renderSarif(s));
  assert.equal(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'sub%20dir/package-lock.json');
});

test('srcRoot rebases locations when a subdirectory was scanned', () => {
  const s = newResult('scan', '/ws/repo/packages/app');
  s.inventory.sources.push({ file: 'package-lock.json', format: 'package-lock@3' });
  s.inventory.components.push({
    purl: 'pkg:npm/a@1.0.0',
    ecosystem: 'npm',
    name: 'a',
    version: '1.0.0',
    locations: [{ file: 'package-lock.json', line: 9 }],
    dev: false,
    optional: false,
  });
  s.findings.push({
    rule: 'x/y',
    severity: 'low',
    confidence: 'low',
    subject: 'pkg:npm/a@1.0.0',
    title: 't',
    evidence: [],
    explanation: 'e',
    analyzer: { id: 'a', version: '1' },
  });
  const uri = (root?: string) =>
    buildSarif(s, [], root === undefined ? {} : { srcRoot: root }).runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!;
  assert.deepEqual(uri(), { uri: 'package-lock.json', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(uri('/ws/repo'), { uri: 'packages/app/package-lock.json', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(uri('/elsewhere'), { uri: 'file:///ws/repo/packages/app/package-lock.json' }, 'outside the root: an absolute file URI');
  assertValid(renderSarif(s, [], { srcRoot: '/ws/repo' }));
});

test('suppressed findings become SARIF suppressions, not dropped', () => {
  const log = buildSarif(sample(), rules());
  const sup = log.runs[0]!.results!.filter((r) => r.suppressions?.length);
  assert.equal(sup.length, 1);
  assert.equal(sup[0]!.suppressions![0]!.kind, 'external');
  assert.equal(sup[0]!.suppressions![0]!.justification, 'reviewed: builds a cache of plugin names');
});

test('fingerprints are stable across re-scans: equal findings, other order and times, same SARIF', () => {
  const a = sample();
  const b = sample();
  b.findings.reverse();
  b.startedAt = '2027-01-01T00:00:00.000Z';
  b.finishedAt = '2027-01-01T00:01:00.000Z';
  for (const f of b.findings) delete f.fingerprint; // recomputed from rule + subject + evidence
  const fa = buildSarif(a, rules()).runs[0]!.results!.map((r) => r.partialFingerprints![FINGERPRINT_KEY]);
  const fb = buildSarif(b, rules()).runs[0]!.results!.map((r) => r.partialFingerprints![FINGERPRINT_KEY]);
  assert.deepEqual(fb, fa);
  assert.equal(new Set(fa).size, fa.length, 'fingerprints are distinct');
  assert.equal(renderSarif(b, rules()), renderSarif(a, rules()));
});

test('golden: sample SARIF matches the committed file', () => {
  const golden = readFileSync(fixturePath('golden/sample.sarif'), 'utf8');
  assert.equal(renderSarif(sample(), rules()), golden);
});

test('problems are reported as tool execution notifications', () => {
  const log = buildSarif(sample(), rules());
  const n = log.runs[0]!.invocations![0]!.toolExecutionNotifications!;
  assert.equal(n.length, 1);
  assert.match(n[0]!.message.text!, /E_LOCKFILE_PARSE/);
  assert.equal(n[0]!.locations![0]!.physicalLocation!.region!.startLine, 301);
});
