/**
 * Hostile input through the real CLI (bin/vigil.js, built by `npm test`), registry on 127.0.0.1:
 * credentials in the registry URL never appear in any report format, on stderr or in the store;
 * escape sequences and bidi overrides in package names never reach the terminal or Markdown raw;
 * a damaged store row is a cache miss reported once, a store that is not a database is exit 3;
 * a registry that drips one byte at a time cannot hold a scan past its --timeout.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { startRegistryServer, type RegistryServer } from '../helpers/registry-server.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'vigil.js');
const SECRET = 'hunter2-Pa55word-xyzzy';
let reg: RegistryServer;
let tmp: string;

async function vigil(args: string[]) {
  const env = { ...process.env, CI: '1', NO_COLOR: '1', HOME: tmp, npm_config_userconfig: join(tmp, 'none.npmrc') };
  try {
    const r = await run(process.execPath, [BIN, ...args], { env, cwd: tmp, maxBuffer: 64 << 20 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-hostile-'));
  reg = await startRegistryServer({ fixtures: join(ROOT, 'test', 'fixtures', 'npm-registry', 'full-metadata') });
});
after(async () => {
  await reg.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('a registry URL with credentials: the password is sent as Basic auth and never printed or stored', async () => {
  const dir = join(tmp, 'creds');
  cpSync(join(ROOT, 'test', 'fixtures', 'e2e', 'small-app'), dir, { recursive: true });
  // A lockfile whose URL dependency carries a token in its user-info: shown as evidence, masked.
  const lockPath = join(dir, 'package-lock.json');
  const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as { packages: Record<string, unknown> };
  lock.packages['node_modules/private-thing'] = {
    version: '1.0.0',
    resolved: `https://ci-bot:${SECRET}-2@git.invalid/org/private-thing.tgz`,
  };
  (lock.packages[''] as { dependencies: Record<string, string> }).dependencies['private-thing'] =
    `https://ci-bot:${SECRET}-2@git.invalid/org/private-thing.tgz`;
  writeFileSync(lockPath, JSON.stringify(lock));
  const store = join(tmp, 'creds.db');
  const registry = reg.url.replace('http://', `http://vigil-user:${SECRET}@`);
  reg.misbehave('/isexe', { kind: 'status', status: 500 });
  for (const format of ['terminal', 'json', 'sarif', 'markdown', 'html', 'cyclonedx']) {
    const r = await vigil(['scan', dir, '--format', format, '--registry', registry, '--store', store, '--progress']);
    assert.ok(r.code === 0, `${format}: exit ${r.code} ${r.stderr}`);
    assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), `${format} leaks the password`);
    assert.ok(!r.stdout.includes('vigil-user:') && !r.stdout.includes('ci-bot:'), `${format} shows the user-info`);
    if (format === 'json')
      assert.match(r.stdout, /https:\/\/\*\*\*@git\.invalid\/org\/private-thing\.tgz/, 'the URL is still shown, masked');
  }
  const auth = reg.requests.find((q) => q.headers.authorization)?.headers.authorization;
  assert.equal(auth, `Basic ${Buffer.from(`vigil-user:${SECRET}`).toString('base64')}`);
  const db = new Database(store, { readonly: true });
  const rows = db
    .prepare("SELECT result AS t FROM scans UNION ALL SELECT value FROM analysis UNION ALL SELECT coalesce(meta, '') FROM cache")
    .all() as { t: string }[];
  db.close();
  assert.ok(rows.length > 0);
  for (const { t } of rows) assert.ok(!t.includes(SECRET), 'a store row holds the password');
});

test('escape sequences and bidi overrides in names never reach the terminal or Markdown raw', async () => {
  const dir = join(tmp, 'evil-names');
  const name = 'evil\x1b]0;pwned\x07\x1b[2J\u202etxt.exe';
  cpSync(join(ROOT, 'test', 'fixtures', 'e2e', 'small-app'), dir, { recursive: true });
  const lock = {
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'app', version: '1.0.0', dependencies: { [name]: '1.0.0' } },
      [`node_modules/${name}`]: {
        version: '1.0.0',
        resolved: `https://h.invalid/${name}/-/x-1.0.0.tgz`,
        integrity: `sha512-${'A'.repeat(86)}==`,
        hasInstallScript: true,
      },
    },
  };
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { [name]: '1.0.0' } }));
  for (const format of ['terminal', 'markdown']) {
    const r = await vigil(['scan', dir, '--offline', '--format', format, '--store', join(tmp, 'evil.db')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /evil/);
    assert.doesNotMatch(
      r.stdout + r.stderr,
      /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/,
      `${format} carries raw control characters`,
    );
    assert.match(r.stdout, format === 'terminal' ? /\\x1b\]0;pwned\\x07/ : /x1b.{0,3}\]0;pwned/, `${format} shows the escape inertly`);
  }
});

test('a damaged store row is a cache miss reported once; a store that is not a database is exit 3', async () => {
  const dir = join(tmp, 'damaged');
  cpSync(join(ROOT, 'test', 'fixtures', 'e2e', 'small-app'), dir, { recursive: true });
  const store = join(tmp, 'damaged.db');
  // --keep-tarballs: the offline rescan below recomputes the damaged analysis rows from the kept tarballs.
  const first = await vigil(['scan', dir, '--format', 'json', '--registry', reg.url, '--store', store, '--keep-tarballs']);
  assert.equal(first.code, 0, first.stderr);
  const db = new Database(store);
  db.prepare("UPDATE analysis SET value = '{not json'").run();
  // Both the result and its digest (what a rescan compares with, store/scan-digest.ts).
  db.prepare("UPDATE scans SET result = '{\"truncated', digest = CAST('{\"truncated' AS BLOB)").run();
  db.close();
  const second = await vigil(['scan', dir, '--format', 'json', '--offline', '--registry', reg.url, '--store', store]);
  assert.equal(second.code, 0, second.stderr);
  const j = JSON.parse(second.stdout) as { problems: { code: string; message: string }[]; findings: { rule: string }[] };
  const storeProblems = j.problems.filter((p) => p.code === 'E_STORE');
  assert.deepEqual(storeProblems.map((p) => p.message.replace(/^.*?: /, '').replace(/\d+ unreadable rows?/, 'N unreadable rows')).sort(), [
    'N unreadable rows in table analysis ignored (treated as not cached)',
    'N unreadable rows in table scans ignored (treated as not cached)',
  ]);
  assert.ok(
    j.findings.some((f) => f.rule === 'npm/install-script'),
    'findings recomputed from the cache',
  );
  const bad = join(tmp, 'not-a-db.db');
  writeFileSync(bad, 'this is not sqlite '.repeat(200));
  const third = await vigil(['scan', dir, '--offline', '--store', bad]);
  assert.equal(third.code, 3, third.stderr);
  assert.match(third.stderr, /not a usable SQLite database/);
  assert.doesNotMatch(third.stderr, /\n\s+at /, 'no stack trace');
  assert.ok(readFileSync(bad, 'utf8').startsWith('this is not sqlite'), 'the file is left alone');
});

test('a registry that drips one byte at a time: the scan ends at its --timeout with a partial result naming what is missing', async () => {
  reg.reset();
  // One byte every 2 s: the 30 s silence timer never trips and the transfer-rate check needs 15 s,
  // so only the run deadline can end this within seconds.
  reg.misbehave('/isexe', { kind: 'slow-drip', intervalMs: 2_000 });
  const dir = join(tmp, 'drip');
  cpSync(join(ROOT, 'test', 'fixtures', 'e2e', 'small-app'), dir, { recursive: true });
  const args = ['scan', dir, '--format', 'json', '--registry', reg.url, '--store', join(tmp, 'drip.db'), '--timeout', '3'];
  const partial = await vigil([...args, '--fail-on', 'critical']);
  assert.equal(partial.code, 3, 'a partial result does not pass --fail-on without --allow-partial');
  // isexe at least; on a loaded machine the healthy packages may not all be fetched within 3 s either.
  assert.match(partial.stderr, /[1-4] of 4 components could not be fully checked/);
  const r = await vigil([...args, '--allow-partial']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { problems: { code: string; message: string }[]; inventory: { components: { name: string }[] } };
  const missing = j.problems.filter((p) => p.code === 'E_REGISTRY_TIMEOUT');
  assert.ok(
    missing.some((p) => /isexe/.test(p.message)),
    JSON.stringify(j.problems),
  );
  for (const p of missing) assert.match(p.message, /the deadline of this run \(--timeout\) passed/);
  assert.equal(j.inventory.components.length, 4, 'the other components are still in the result');
  reg.reset();
});
