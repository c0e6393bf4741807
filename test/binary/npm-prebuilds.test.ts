import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binaryAnalyzer } from '../../src/analyzers/binary/analyzer.js';
import { BINARY_RULES } from '../../src/analyzers/binary/rules.js';
import type { PackageFiles } from '../../src/sources/archive/types.js';
import type { ComponentContext } from '../../src/analyzers/types.js';
import { buildLib, gccMissing } from '../helpers/native-fixtures.js';
import { servicesOf } from '../helpers/factories.js';

const skip = gccMissing();
const thisCpu = process.arch === 'arm64' ? 'arm64' : 'x64';
const otherCpu = thisCpu === 'x64' ? 'arm64' : 'x64';

function ctxFor(files: Record<string, Buffer | string>): ComponentContext {
  const pf: PackageFiles = {
    origin: 'npm:addon@1.0.0',
    files: Object.entries(files).map(([path, b]) => ({ path, size: b.length, data: Buffer.from(b) })),
    skipped: [],
    totalSize: 0,
  };
  return {
    component: {
      purl: 'pkg:npm/addon@1.0.0',
      ecosystem: 'npm',
      name: 'addon',
      version: '1.0.0',
      locations: [],
      dev: false,
      optional: false,
    },
    inventory: { components: [], edges: [], roots: [], sources: [], problems: [] } as unknown as ComponentContext['inventory'],
    files: pf,
    services: servicesOf(),
    offline: true,
  };
}

test('npm prebuild whose constructor runs system(): high binary/load-time-exec naming the import', { skip }, async () => {
  const out = await binaryAnalyzer.analyze(
    ctxFor({ 'package.json': '{"name":"addon","version":"1.0.0"}', 'build/Release/addon.node': buildLib('addon-exec', { strip: true }) }),
  );
  const f = out.findings.find((x) => x.rule === BINARY_RULES.loadTimeExec);
  assert.ok(f);
  assert.equal(f.severity, 'high');
  assert.match(f.explanation, /\bsystem\b/);
  assert.equal(f.evidence[0]!.file, 'build/Release/addon.node');
});

test('benign npm addon (registration function, no exec/socket): no findings', { skip }, async () => {
  const out = await binaryAnalyzer.analyze(
    ctxFor({ 'package.json': '{"name":"addon","version":"1.0.0"}', 'build/Release/addon.node': buildLib('addon-benign') }),
  );
  assert.deepEqual(out.findings, []);
  assert.ok(out.facts, 'facts recorded for the addon');
});

test('prebuild for another CPU than package.json declares: binary/prebuild-platform-mismatch', { skip }, async () => {
  const out = await binaryAnalyzer.analyze(
    ctxFor({ 'package.json': JSON.stringify({ name: 'addon', version: '1.0.0', cpu: [otherCpu] }), 'bin/tool': buildLib('addon-benign') }),
  );
  assert.deepEqual(
    out.findings.map((x) => x.rule),
    [BINARY_RULES.platformMismatch],
  );
  assert.match(out.findings[0]!.explanation, new RegExp(`cpu is \\["${otherCpu}"\\]`));
});

test('prebuild shipped beside per-platform packages: binary/prebuild-platform-mismatch', { skip }, async () => {
  const pj = {
    name: 'addon',
    version: '1.0.0',
    optionalDependencies: { '@addon/linux-x64': '1.0.0', '@addon/darwin-arm64': '1.0.0', '@addon/win32-x64': '1.0.0' },
  };
  const out = await binaryAnalyzer.analyze(ctxFor({ 'package.json': JSON.stringify(pj), 'bin/tool': buildLib('addon-benign') }));
  assert.deepEqual(
    out.findings.map((x) => x.rule),
    [BINARY_RULES.platformMismatch],
  );
  assert.match(out.findings[0]!.explanation, /3 platform packages/);
});

test('package without ELF files: the analyzer stays silent and records nothing', async () => {
  const out = await binaryAnalyzer.analyze(ctxFor({ 'package.json': '{}', 'index.js': 'module.exports = 1' }));
  assert.deepEqual(out, { findings: [] });
});
