/**
 * `vigil audit` through the real CLI: a project with three dependencies is all unaudited; after one
 * full audit, one delta-audit chain (reviewed with `audit delta` against a local 127.0.0.1 registry)
 * and one import from a second organisation's file, the check passes; a version the import marks
 * unsafe fails it (and shows up in `vigil scan`); expired exemptions are reported.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startRegistryServer, tarballPath, type RegistryServer } from '../helpers/registry-server.js';
import { makeTgz } from '../archive/helpers.js';

const run = promisify(execFile);
const BIN = join(resolve(import.meta.dirname, '..', '..'), 'bin', 'vigil.js');
let reg: RegistryServer;
let tmp: string;
let project: string;

async function vigil(args: string[]) {
  const env = {
    ...process.env,
    CI: '1',
    NO_COLOR: '1',
    HOME: tmp,
    npm_config_userconfig: join(tmp, 'none.npmrc'),
    VIGIL_AUDITOR: 'Ada Reviewer <ada@example.invalid>',
  };
  try {
    const r = await run(process.execPath, [BIN, ...args, '--registry', reg.url, '--store', join(tmp, 'store.db'), '--no-progress'], {
      env,
      cwd: project,
      maxBuffer: 64 << 20,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function publish(name: string, versions: Record<string, string>) {
  const doc: Record<string, unknown> = { name, 'dist-tags': { latest: Object.keys(versions).at(-1) }, versions: {}, time: {} };
  for (const [v, index] of Object.entries(versions)) {
    const manifest = { name, version: v, main: 'index.js' };
    const tgz = await makeTgz([
      { name: 'package/package.json', body: JSON.stringify(manifest) },
      { name: 'package/index.js', body: index },
    ]);
    reg.addTarball(name, v, tgz);
    const integrity = `sha512-${createHash('sha512').update(tgz).digest('base64')}`;
    (doc.versions as Record<string, unknown>)[v] = {
      ...manifest,
      dist: { tarball: `${reg.url.replace(/\/$/, '')}${tarballPath(name, v)}`, integrity, unpackedSize: index.length + 60 },
    };
    (doc.time as Record<string, string>)[v] = '2024-01-01T00:00:00.000Z';
  }
  reg.addPackument(name, doc);
}

function lock(): string {
  const pkg = (name: string, version: string, dev = false) => ({
    version,
    resolved: `${reg.url}${name}/-/${name}-${version}.tgz`,
    integrity: 'sha512-AAAA',
    ...(dev ? { dev: true } : {}),
  });
  return JSON.stringify(
    {
      name: 'reviewed-app',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': {
          name: 'reviewed-app',
          version: '1.0.0',
          dependencies: { 'left-pad': '^1.3.0', 'tiny-a': '^2.0.0' },
          devDependencies: { 'tiny-b': '^1.0.0' },
        },
        'node_modules/left-pad': pkg('left-pad', '1.3.0'),
        'node_modules/tiny-a': pkg('tiny-a', '2.0.1'),
        'node_modules/tiny-b': pkg('tiny-b', '1.0.0', true),
      },
    },
    null,
    2,
  );
}

const sc = () => join(project, 'supply-chain');
const other = () => join(tmp, 'org-b', 'audits.toml');

function writeOtherOrg(extra = '') {
  writeFileSync(
    other(),
    `[[audits."npm:tiny-b"]]\nwho = "Org B security team"\ncriteria = "safe-to-run"\nversion = "1.0.0"\nnotes = "no install scripts, no network"\n${extra}`,
  );
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-audit-e2e-'));
  reg = await startRegistryServer();
  project = join(tmp, 'reviewed-app');
  mkdirSync(project);
  mkdirSync(join(tmp, 'org-b'));
  await publish('tiny-a', {
    '2.0.0': 'module.exports = (a, b) => a + b;\n',
    '2.0.1': 'module.exports = (a, b) => Number(a) + Number(b);\n',
  });
  await publish('left-pad', { '1.3.0': 'module.exports = (s, n) => String(s).padStart(n);\n' });
  await publish('tiny-b', { '1.0.0': 'module.exports = 1;\n' });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'reviewed-app', version: '1.0.0' }));
  writeFileSync(join(project, 'package-lock.json'), lock());
});
after(async () => {
  await reg.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('vigil audit (real CLI)', () => {
  test('all three dependencies start unaudited: exit 1, each with the command that reviews it', async () => {
    const r = await vigil(['audit', 'check']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /3 dependency versions: 0 covered .* 3 unaudited, 0 violated/);
    for (const p of [
      'npm:left-pad@1.3.0 --criteria safe-to-deploy',
      'npm:tiny-a@2.0.1 --criteria safe-to-deploy',
      'npm:tiny-b@1.0.0 --criteria safe-to-run',
    ]) {
      assert.ok(r.stdout.includes(`vigil audit record ${p}`), `${p} in\n${r.stdout}`);
    }
    assert.match(r.stdout, /Result: FAIL — 3 unaudited/);
  });

  test('a full audit, a delta chain reviewed with `audit delta`, and an import from another organisation make it pass', async () => {
    assert.equal(
      (await vigil(['audit', 'record', 'npm:left-pad@1.3.0', '--criteria', 'safe-to-deploy', '--notes', 'one function, no I/O'])).code,
      0,
    );
    assert.equal((await vigil(['audit', 'record', 'npm:tiny-a@2.0.0', '--criteria', 'safe-to-deploy'])).code, 0);
    const mid = await vigil(['audit', 'check', '--format', 'json']);
    const report = JSON.parse(mid.stdout);
    const next = report.unaudited.find((u: { package: string }) => u.package === 'npm:tiny-a');
    assert.equal(next.kind, 'delta', 'tiny-a is suggested as a delta from the audited 2.0.0');
    assert.equal(next.from, '2.0.0');

    const d = await vigil([
      'audit',
      'delta',
      'npm:tiny-a',
      '2.0.0',
      '2.0.1',
      '--criteria',
      'safe-to-deploy',
      '--notes',
      'coerces to numbers',
    ]);
    assert.equal(d.code, 0, d.stderr);
    assert.match(d.stdout, /tiny-a/);
    assert.match(d.stdout, /Recorded: npm:tiny-a 2\.0\.0 -> 2\.0\.1 \[safe-to-deploy\] by Ada Reviewer/);
    assert.match(readFileSync(join(sc(), 'audits.toml'), 'utf8'), /delta = "2\.0\.0 -> 2\.0\.1"/);

    writeOtherOrg();
    writeFileSync(join(sc(), 'config.toml'), `[imports.org-b]\nurl = "${other()}"\ncriteria = ["safe-to-run", "safe-to-deploy"]\n`);
    const unpinned = await vigil(['audit', 'fetch']);
    assert.equal(unpinned.code, 3);
    assert.match(unpinned.stderr, /import "org-b" is not pinned: its content has sha256 [0-9a-f]{64}/);
    const notFetched = await vigil(['audit', 'check']);
    assert.equal(notFetched.code, 1);
    assert.match(notFetched.stdout, /Imports not fetched .*org-b/);
    const fetched = await vigil(['audit', 'fetch', '--update-pins']);
    assert.equal(fetched.code, 0, fetched.stderr);
    assert.match(readFileSync(join(sc(), 'config.toml'), 'utf8'), /sha256 = "[0-9a-f]{64}"/);

    const ok = await vigil(['audit', 'check']);
    assert.equal(ok.code, 0, ok.stdout);
    assert.match(ok.stdout, /3 covered \(2 full audit, 1 delta chain, 0 exemption; 1 through imports\)/);
    assert.match(ok.stdout, /Result: PASS/);
  });

  test('a changed import is refused against its pin; the check keeps using what was fetched', async () => {
    writeOtherOrg('# edited upstream\n');
    const r = await vigil(['audit', 'fetch']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /but config\.toml pins/);
    assert.equal((await vigil(['audit', 'check'])).code, 0);
  });

  test('a version the import marks unsafe fails the check, is a conflict with our own audit, and is a high finding in `vigil scan`', async () => {
    writeOtherOrg(
      '\n[[audits."npm:tiny-a"]]\nwho = "Org B security team"\ncriteria = "safe-to-run"\nviolation = "=2.0.1"\nnotes = "postinstall sends ~/.npmrc to a remote host"\n',
    );
    assert.equal((await vigil(['audit', 'fetch', '--update-pins'])).code, 0);
    const r = await vigil(['audit', 'check']);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /HIGH {2}npm:tiny-a@2\.0\.1 fails safe-to-deploy: violation =2\.0\.1 \[safe-to-run\] by Org B security team \(import org-b\) — postinstall sends/,
    );
    assert.match(r.stdout, /conflict: also certified by Ada Reviewer/);
    const s = await vigil(['scan', '.', '--offline', '--format', 'json']);
    const findings = JSON.parse(s.stdout).findings as { rule: string; severity: string; subject: string }[];
    assert.ok(
      findings.some((f) => f.rule === 'audit/violation' && f.severity === 'high' && f.subject.includes('tiny-a@2.0.1')),
      JSON.stringify(findings.map((f) => f.rule)),
    );
    assert.ok(findings.some((f) => f.rule === 'audit/conflict'));
    const failing = await vigil(['scan', '.', '--offline', '--fail-on', 'high']);
    assert.equal(failing.code, 1);
  });

  test('expired exemptions are reported and no longer cover; export writes what others can import', async () => {
    writeOtherOrg();
    assert.equal((await vigil(['audit', 'fetch', '--update-pins'])).code, 0);
    const cfg = readFileSync(join(sc(), 'config.toml'), 'utf8');
    writeFileSync(
      join(sc(), 'config.toml'),
      `${cfg}\n[[exemptions."npm:left-pad"]]\nversion = "1.3.0"\ncriteria = "safe-to-deploy"\nreason = "vendored before audits began"\nexpires = "2020-01-01"\n`,
    );
    const r = await vigil(['audit', 'check']);
    assert.match(r.stdout, /Expired exemptions[\s\S]*npm:left-pad@1\.3\.0 expired 2020-01-01: vendored before audits began/);
    const s = await vigil(['scan', '.', '--offline', '--format', 'json']);
    assert.ok(JSON.parse(s.stdout).findings.some((f: { rule: string }) => f.rule === 'audit/exemption-expired'));

    const exported = await vigil(['audit', 'export']);
    assert.equal(exported.code, 0);
    assert.match(exported.stdout, /\[\[audits\."npm:tiny-a"\]\]/);
    assert.doesNotMatch(exported.stdout, /Org B/, 'only our own audits are exported');
    const intoto = await vigil(['audit', 'export', '--as', 'in-toto']);
    const first = JSON.parse(intoto.stdout.split('\n')[0]!);
    assert.equal(first._type, 'https://in-toto.io/Statement/v1');
  });

  test('bad input: unknown subcommand exits 2; a broken audits.toml names file and line and exits 2', async () => {
    assert.equal((await vigil(['audit', 'approve'])).code, 2);
    const good = readFileSync(join(sc(), 'audits.toml'), 'utf8');
    writeFileSync(join(sc(), 'audits.toml'), `${good}\n[[audits."npm:x"]]\nwho = \n`);
    const r = await vigil(['audit', 'check']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /audits\.toml:\d+: not valid TOML/);
    writeFileSync(join(sc(), 'audits.toml'), good);
  });
});
