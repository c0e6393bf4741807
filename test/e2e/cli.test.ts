/**
 * End-to-end through the real CLI (bin/vigil.js, built by `npm test`): every output format and
 * exit code, against a local registry on 127.0.0.1 that replays recorded packuments and tarballs.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { packumentPath, startRegistryServer, tarballPath, type RegistryServer } from '../helpers/registry-server.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'vigil.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'e2e', 'small-app');

let reg: RegistryServer;
let tmp: string;

async function vigil(args: string[], opts: { cwd?: string } = {}) {
  const env = { ...process.env, CI: '1', NO_COLOR: '1', HOME: tmp, npm_config_userconfig: join(tmp, 'none.npmrc') };
  try {
    const r = await run(
      process.execPath,
      [BIN, ...args, '--registry', reg.url, ...(args.includes('--store') ? [] : ['--store', join(tmp, 'store.db')])],
      { env, cwd: opts.cwd ?? tmp, maxBuffer: 64 << 20 },
    );
    return healthy({ code: 0, stdout: r.stdout, stderr: r.stderr });
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return healthy({ code: err.code, stdout: err.stdout, stderr: err.stderr });
  }
}

/** Every input here is healthy: no run may hit a bug, and no analyzer may fail (E_ANALYZER). */
function healthy<R extends { code: number; stdout: string; stderr: string }>(r: R): R {
  assert.notEqual(r.code, 70, r.stderr);
  assert.doesNotMatch(r.stderr, /internal error/);
  let report: { problems?: { code: string; message: string }[] } | undefined;
  try {
    report = JSON.parse(r.stdout) as typeof report;
  } catch {
    report = undefined;
  }
  const failed = (report?.problems ?? []).filter((p) => p.code === 'E_ANALYZER' || p.code === 'E_INTERNAL');
  assert.deepEqual(failed, [], 'an analyzer failed on a healthy input');
  assert.doesNotMatch(r.stdout, /E_ANALYZER|E_INTERNAL/);
  return r;
}

function project(name: string): string {
  const dir = join(tmp, name);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
  reg = await startRegistryServer({ fixtures: join(ROOT, 'test', 'fixtures', 'npm-registry', 'full-metadata') });
});
after(async () => {
  await reg.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('vigil scan (real CLI)', () => {
  test('terminal report names the install-script dependency with its script as evidence; exit 0 without --fail-on', async () => {
    const dir = project('terminal');
    const r = await vigil(['scan', dir, '--store', join(tmp, 'terminal.db')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /4 components \(2 runtime, 2 dev-only\)/);
    assert.match(r.stdout, /@isaacs\/testing-fail-postinstall@1\.0\.0\s+npm\/install-script/);
    assert.match(r.stdout, /scripts\.postinstall @ package\.json:\d+: exit 1/);
  });

  test('json output is schema-versioned and carries inventory, findings and availability', async () => {
    const dir = project('json');
    const r = await vigil(['scan', dir, '--format', 'json', '--store', join(tmp, 'json.db')]);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.schemaVersion, '1.0');
    assert.equal(j.inventory.components.length, 4);
    const purls = j.inventory.components.map((c: { purl: string }) => c.purl).sort();
    assert.deepEqual(purls, [
      'pkg:npm/%40isaacs/testing-fail-postinstall@1.0.0',
      'pkg:npm/%40types/normalize-package-data@2.4.0',
      'pkg:npm/is-typedarray@1.0.0',
      'pkg:npm/isexe@2.0.0',
    ]);
    const f = j.findings.find((x: { rule: string }) => x.rule === 'npm/install-script');
    assert.equal(f.subject, 'pkg:npm/%40isaacs/testing-fail-postinstall@1.0.0');
    assert.match(f.fingerprint, /^[0-9a-f]{32}$/);
    // This registry serves full metadata: nothing is reported unavailable for maintainers / _npmUser.
    assert.equal(
      j.unavailable.some((u: { field: string }) => u.field === '_npmUser'),
      false,
    );
  });

  test('every other format renders the same scan: sarif, markdown, html, cyclonedx', async () => {
    const dir = project('formats');
    const store = join(tmp, 'formats.db');
    const sarif = await vigil(['scan', dir, '--format', 'sarif', '--store', store]);
    assert.equal(sarif.code, 0, sarif.stderr);
    const log = JSON.parse(sarif.stdout);
    assert.equal(log.version, '2.1.0');
    const results = log.runs[0].results as { ruleId: string; partialFingerprints: Record<string, string> }[];
    assert.ok(results.some((r) => r.ruleId === 'npm/install-script'));
    assert.ok(results.every((r) => Object.keys(r.partialFingerprints ?? {}).length > 0));
    const md = await vigil(['scan', dir, '--format', 'markdown', '--store', store]);
    assert.match(md.stdout, /npm\/install-script/);
    assert.ok(md.stdout.split('\n').length <= 70);
    const html = await vigil(['scan', dir, '--format', 'html', '--store', store]);
    assert.match(html.stdout, /^<!doctype html>/i);
    assert.match(html.stdout, /testing-fail-postinstall/);
    assert.doesNotMatch(html.stdout, /<script[^>]+src=/i, 'self-contained: no external scripts');
    const cdx = await vigil(['scan', dir, '--format', 'cyclonedx', '--store', store]);
    const bom = JSON.parse(cdx.stdout);
    assert.equal(bom.bomFormat, 'CycloneDX');
    assert.equal(bom.specVersion, '1.6');
    assert.equal(bom.components.length, 4);
  });

  test('--baseline last / FILE lists only findings new since the baseline, and --fail-on follows it', async () => {
    const dir = project('baseline');
    const store = join(tmp, 'baseline.db');
    const first = join(tmp, 'first.json');
    assert.equal((await vigil(['scan', dir, '--format', 'json', '--output', first, '--store', store])).code, 0);
    const again = await vigil(['scan', dir, '--format', 'json', '--baseline', 'last', '--fail-on', 'low', '--store', store]);
    assert.equal(again.code, 0, 'nothing new: --fail-on does not trip');
    const j = JSON.parse(again.stdout);
    assert.equal(j.findings.length, 0);
    assert.ok(j.baseline.hidden >= 1);
    const fromFile = await vigil(['scan', dir, '--format', 'json', '--baseline', first, '--store', join(tmp, 'baseline-2.db')]);
    assert.equal(JSON.parse(fromFile.stdout).findings.length, 0);
    // Against an empty baseline everything is new.
    const empty = join(tmp, 'empty.json');
    writeFileSync(empty, JSON.stringify({ ...JSON.parse(readFileSync(first, 'utf8')), findings: [] }));
    const all = await vigil(['scan', dir, '--format', 'json', '--baseline', empty, '--fail-on', 'medium', '--store', store]);
    assert.equal(all.code, 1);
    assert.ok(JSON.parse(all.stdout).findings.some((f: { rule: string }) => f.rule === 'npm/install-script'));
    const bad = await vigil(['scan', dir, '--baseline', join(tmp, 'nope.json'), '--store', store]);
    assert.equal(bad.code, 2);
  });

  test('--fail-on maps to exit 1 only at or above the threshold; --output writes the file', async () => {
    const dir = project('failon');
    const store = join(tmp, 'failon.db');
    assert.equal((await vigil(['scan', dir, '--fail-on', 'medium', '--store', store])).code, 1);
    const out = join(tmp, 'report.json');
    const high = await vigil(['scan', dir, '--fail-on', 'high', '--format', 'json', '--output', out, '--store', store]);
    assert.equal(high.code, 0);
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).command, 'scan');
  });

  test('usage errors exit 2, operational failures exit 3, both with a clear message', async () => {
    const bad = await vigil(['scan', FIXTURE, '--format', 'nope']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format must be one of/);
    const missing = await vigil(['scan', join(tmp, 'does-not-exist')]);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /E_INPUT_NOT_FOUND/);
    const unknown = await vigil(['frobnicate']);
    assert.equal(unknown.code, 2);
  });

  test('a tarball whose bytes do not match the lockfile integrity is a critical finding with both digests', async () => {
    const dir = project('integrity');
    reg.misbehave(tarballPath('isexe', '2.0.0'), { kind: 'wrong-bytes' });
    try {
      const r = await vigil(['scan', dir, '--format', 'json', '--fail-on', 'critical', '--store', join(tmp, 'integrity.db')]);
      assert.equal(r.code, 1, r.stderr);
      const j = JSON.parse(r.stdout);
      const f = j.findings.find((x: { rule: string }) => x.rule === 'npm/integrity-mismatch');
      assert.equal(f.severity, 'critical');
      assert.equal(f.subject, 'pkg:npm/isexe@2.0.0');
      const digests = f.evidence.filter((e: { kind: string }) => e.kind === 'digest').map((e: { value: string }) => e.value);
      assert.equal(digests.length, 2);
      assert.ok(digests[0].startsWith('sha512-zIPK38'), 'expected digest is the lockfile one');
      assert.notEqual(digests[0], digests[1]);
    } finally {
      reg.reset();
    }
  });

  test('registry failures (404, HTML body) become named problems and the scan goes on', async () => {
    const dir = project('registry-errors');
    reg.misbehave(packumentPath('is-typedarray'), { kind: 'status', status: 404 });
    reg.misbehave(packumentPath('@types/normalize-package-data'), { kind: 'html' });
    try {
      const r = await vigil(['scan', dir, '--format', 'json', '--store', join(tmp, 'errors.db')]);
      assert.equal(r.code, 0, r.stderr);
      const j = JSON.parse(r.stdout);
      const subjects = j.problems.map((p: { subject: string }) => p.subject);
      assert.ok(subjects.includes('pkg:npm/is-typedarray@1.0.0'));
      assert.ok(subjects.includes('pkg:npm/%40types/normalize-package-data@2.4.0'));
      assert.ok(
        j.findings.some((f: { rule: string }) => f.rule === 'npm/install-script'),
        'other packages were still analyzed',
      );
    } finally {
      reg.reset();
    }
  });

  test('a warm store answers --offline with no request; an empty store offline lists what it could not check', async () => {
    const dir = project('offline');
    const store = join(tmp, 'offline.db');
    await vigil(['scan', dir, '--store', store]);
    reg.reset();
    const warm = await vigil(['scan', dir, '--offline', '--format', 'json', '--store', store]);
    assert.equal(reg.count(), 0, 'offline scan must not touch the registry');
    const j = JSON.parse(warm.stdout);
    assert.ok(j.findings.some((f: { rule: string }) => f.rule === 'npm/install-script'));
    assert.ok(j.changes, 'second scan of the same project reports changes since the first');
    const cold = await vigil(['scan', dir, '--offline', '--format', 'json', '--store', join(tmp, 'empty.db')]);
    const misses = JSON.parse(cold.stdout).problems.filter((p: { code: string }) => p.code === 'E_OFFLINE_MISS');
    assert.ok(misses.length >= 4, `expected one miss per package, got ${misses.length}`);
  });

  test('suppressions in vigil.config.json silence a finding for --fail-on and unused ones are reported', async () => {
    const dir = project('suppress');
    const before = await vigil(['scan', dir, '--format', 'json', '--store', join(tmp, 'suppress.db')]);
    assert.ok(JSON.parse(before.stdout).findings.some((f: { rule: string }) => f.rule === 'npm/install-script'));
    writeFileSync(
      join(dir, 'vigil.config.json'),
      JSON.stringify({
        suppressions: [
          { rule: 'npm/install-script', subject: 'pkg:npm/%40isaacs/testing-fail-postinstall', reason: 'test fixture, reviewed' },
          { rule: 'npm/deprecated', subject: 'left-pad', reason: 'stale entry' },
        ],
      }),
    );
    const r = await vigil(['scan', dir, '--format', 'json', '--fail-on', 'low', '--store', join(tmp, 'suppress.db')]);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.summary.suppressed, 1);
    assert.equal(j.suppressions.unused[0].subject, 'left-pad');
    // Suppressed since the previous scan: still there, so not "resolved".
    assert.deepEqual(j.changes.resolvedFindings, []);
    assert.equal(j.changes.suppressedFindings.length, 1);
    const text = await vigil(['report', dir, '--store', join(tmp, 'suppress.db')]);
    assert.match(text.stdout, /^Since last scan \(\d{4}-\d\d-\d\d\): .*, 0 new and 0 resolved findings, 1 newly suppressed$/m);
    writeFileSync(
      join(dir, 'vigil.config.json'),
      JSON.stringify({
        suppressions: [
          { rule: 'npm/deprecated', subject: 'left-pad', reason: 'r' },
          { rule: 'npm/instal-script', subject: 'x', reason: 'r' },
        ],
      }),
    );
    const typo = await vigil(['scan', dir, '--store', join(tmp, 'suppress.db')]);
    assert.equal(typo.code, 2, typo.stderr);
    assert.match(typo.stderr, /vigil\.config\.json: suppressions\[1\]\.rule: unknown rule "npm\/instal-script"/);
    assert.match(typo.stderr, /hint: rules of npm\/: .*npm\/install-script/);
    writeFileSync(join(dir, 'vigil.config.json'), '{ "suppressions": [ { "rule": "x" } ] }');
    const bad = await vigil(['scan', dir, '--store', join(tmp, 'suppress.db')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /vigil\.config\.json: suppressions\[0\]/);
  });

  test('vigil rules prints the catalogue with examples; vigil report re-renders the stored scan', async () => {
    const rules = await vigil(['rules', 'npm/install-script']);
    assert.equal(rules.code, 0);
    assert.match(rules.stdout, /Example: +ua-parser-js/);
    const dir = project('report');
    const store = join(tmp, 'report.db');
    await vigil(['scan', dir, '--store', store]);
    const rep = await vigil(['report', dir, '--format', 'json', '--store', store]);
    assert.equal(rep.code, 0, rep.stderr);
    assert.equal(JSON.parse(rep.stdout).inventory.components.length, 4);
  });
});
