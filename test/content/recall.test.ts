/** Every hostile fixture (a documented technique, defanged) is flagged at the right rule and severity. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFixture } from './helpers.js';
import { contentRules } from '../../src/analyzers/content/index.js';

const EXPECTED: [fixture: string, rule: string, severity: string][] = [
  ['install-env-exfil', 'content/secret-exfiltration', 'critical'],
  ['string-array-obfuscated', 'content/obfuscated-code', 'high'],
  ['packed-eval', 'content/obfuscated-code', 'high'],
  ['jsfuck', 'content/obfuscated-code', 'high'],
  ['bidi-trojan-source', 'content/trojan-source', 'high'],
  ['invisible-identifier', 'content/invisible-identifier', 'high'],
  ['appended-loader', 'content/appended-loader', 'high'],
  ['appended-loader', 'content/decoded-exec', 'high'],
  ['encoded-eval', 'content/decoded-exec', 'high'],
  ['decoded-require', 'content/decoded-exec', 'high'],
  ['node-e-encoded-install', 'content/decoded-exec', 'critical'],
  ['elf-disguised', 'content/disguised-executable', 'high'],
  ['elf-disguised', 'content/bundled-executable', 'low'],
  ['curl-pipe-sh-install', 'content/remote-code', 'critical'],
  ['windows-download-exec', 'content/remote-code', 'critical'],
  ['reverse-shell-install', 'content/reverse-shell', 'critical'],
  ['env-to-network', 'content/secret-exfiltration', 'high'],
  ['credential-stealer', 'content/secret-exfiltration', 'high'],
  ['build-base64-to-shell', 'content/decoded-exec', 'high'],
  ['unreferenced-blob', 'content/unreferenced-blob', 'low'],
  ['install-capabilities', 'content/install-capabilities', 'low'],
  ['xz-test-payload', 'content/build-decoder', 'high'],
  ['xz-test-payload', 'content/blob-read-by-build', 'critical'],
  ['discord-webhook-install', 'content/identity-beacon', 'high'],
  ['dns-beacon-preinstall', 'content/identity-beacon', 'high'],
  ['fromcharcode-eval', 'content/decoded-exec', 'high'],
  ['binding-gyp-command', 'content/remote-code', 'critical'],
  ['download-chmod-exec', 'content/remote-code', 'critical'],
  ['powershell-encoded-install', 'content/decoded-exec', 'critical'],
  ['install-decoded-exec', 'content/decoded-exec', 'critical'],
  ['tunnel-c2', 'content/exfil-endpoint', 'medium'],
];

test('the recall corpus covers at least 25 distinct techniques', () => {
  assert.ok(new Set(EXPECTED.map(([f]) => f)).size >= 25);
});

for (const [fixture, rule, severity] of EXPECTED) {
  test(`${fixture} → ${rule} (${severity})`, async () => {
    const { findings } = await analyzeFixture(fixture);
    const hit = findings.find((f) => f.rule === rule);
    assert.ok(hit, `expected ${rule}; got ${findings.map((f) => f.rule).join(', ') || 'nothing'}`);
    assert.equal(hit.severity, severity);
    assert.ok(hit.evidence.length > 0 && hit.evidence.every((e) => e.file || e.field || e.value !== undefined), 'evidence is concrete');
    assert.ok(
      contentRules.some((r) => r.id === rule),
      'rule is in the catalogue',
    );
  });
}

test('install-env-exfil evidence names the script, the file and the line of every hop', async () => {
  const { findings } = await analyzeFixture('install-env-exfil');
  const f = findings.find((x) => x.rule === 'content/secret-exfiltration')!;
  assert.deepEqual(f.evidence[0], {
    kind: 'metadata',
    field: 'scripts.postinstall',
    value: 'scripts.postinstall: node setup.js',
    label: 'entry (install)',
  });
  assert.ok(f.evidence.some((e) => e.file === 'setup.js' && e.line === 7 && e.label === 'source: env-all — JSON.stringify(process.env)'));
  assert.ok(f.evidence.some((e) => e.file === 'setup.js' && e.line === 10 && e.label?.startsWith('sink: network')));
  assert.ok(
    findings.every((x) => x.rule !== 'content/install-exfiltration'),
    'the retired rule is not emitted beside the chain',
  );
});

test('xz-shaped fixture: both test files flagged, the second through the decoded first stage', async () => {
  const { findings, facts } = await analyzeFixture('xz-test-payload');
  const blobs = findings
    .filter((f) => f.rule === 'content/blob-read-by-build')
    .map((f) => f.evidence[0]!.file)
    .sort();
  assert.deepEqual(blobs, ['tests/files/bad-3-corrupt_lzma2.xz', 'tests/files/good-large_compressed.lzma']);
  const decoder = findings.find((f) => f.rule === 'content/build-decoder')!;
  assert.equal(decoder.evidence[0]!.file, 'm4/build-to-host.m4');
  assert.deepEqual(
    new Set(decoder.evidence.map((e) => e.label)),
    new Set(['silenced-decompress', 'eval-computed', 'grep-binary-marker', 'tr-swap']),
  );
  assert.equal(facts.decodedPayloads?.[0]?.transform, 'tr "\\t \\-_" " \\t_\\-" | xz -d');
  assert.ok(facts.decodedPayloads?.[0]?.preview.includes('echo "defanged stage 1"'));
  assert.deepEqual(facts.decodedPayloads?.[0]?.names, ['tests/files/good-large_compressed.lzma']);
});

test('bidi excerpt shows the hidden characters escaped', async () => {
  const { findings } = await analyzeFixture('bidi-trojan-source');
  const f = findings.find((x) => x.rule === 'content/trojan-source')!;
  assert.equal(f.evidence[0]!.line, 2);
  assert.match(f.evidence[0]!.excerpt!, /\\u\{202e\}/);
});

test('benign minified bundle with Function("return this"), fetch, env copy and RegExp.exec: no finding', async () => {
  const { findings, facts } = await analyzeFixture('benign-minified');
  assert.deepEqual(
    findings.map((f) => f.rule),
    [],
  );
  assert.ok(facts.fileCapabilities['dist/lib.min.js']?.includes('env-read'), 'capabilities are still recorded as facts');
  assert.ok(facts.fileCapabilities['dist/util.js']?.includes('child-process'));
});

test('dependency-confusion beacon: the command line with its OAST host is the evidence, one finding', async () => {
  const { findings } = await analyzeFixture('dns-beacon-preinstall');
  const f = findings.find((x) => x.rule === 'content/identity-beacon')!;
  assert.match(f.title, /machine identity/);
  assert.equal(f.evidence[0]!.field, 'scripts.preinstall');
  assert.ok(f.evidence.some((e) => e.label?.startsWith('sink: dns') && /defanged0000\.oast\.fun/.test(e.excerpt ?? '')));
  assert.deepEqual(
    findings.map((x) => x.rule),
    ['content/identity-beacon'],
    'the OAST host is part of the chain, not a second exfil-endpoint finding',
  );
});

test('binding.gyp without an install script is the implicit install script node-gyp runs', async () => {
  const { findings, facts } = await analyzeFixture('binding-gyp-command');
  assert.deepEqual(
    facts.installScripts.map((s) => [s.event, s.command, s.implicit]),
    [['install', 'node-gyp rebuild', 'binding.gyp']],
  );
  const f = findings.find((x) => x.rule === 'content/remote-code')!;
  assert.equal(f.evidence[0]!.value, 'binding.gyp: node-gyp rebuild (implicit: no install script)');
  assert.ok(f.evidence.some((e) => e.file === 'binding.gyp' && e.line === 5 && /curl -fsSL/.test(e.excerpt ?? '')));
});

test('download on one line, chmod +x on a later one: both lines are the evidence', async () => {
  const { findings } = await analyzeFixture('download-chmod-exec');
  const f = findings.find((x) => x.rule === 'content/remote-code')!;
  const src = f.evidence.find((e) => e.file === 'preinstall.sh' && e.label?.startsWith('source: remote'))!;
  const run = f.evidence.find((e) => e.file === 'preinstall.sh' && e.label?.startsWith('sink: exec'))!;
  assert.equal(src.line, 6);
  assert.equal(run.line, 8);
  assert.match(run.excerpt!, /chmod \+x jsextension/);
});

test('String.fromCharCode over a character-code array passed to eval', async () => {
  const { findings } = await analyzeFixture('fromcharcode-eval');
  const f = findings.find((x) => x.rule === 'content/decoded-exec')!;
  const sink = f.evidence.find((e) => e.label?.startsWith('sink: eval'))!;
  assert.equal(sink.file, 'lib/index.js');
  assert.equal(sink.line, 2);
  assert.equal(sink.label, 'sink: eval — eval(<decoded data>)');
});
