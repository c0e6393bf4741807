/**
 * Wrong input never ends in a clean report and exit 0 (issue: "what a newcomer hits"): a missing
 * ref, a date git would read as "now", a missing source, a suite the archive does not have, an
 * unwritable --output; and --fail-on does not vouch for what could not be checked. Real CLI.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { startRegistryServer, type RegistryServer } from '../helpers/registry-server.js';
import { ARCHIVE_FIXTURE, startArchiveServer, type ArchiveServer } from '../debian/archive-server.js';

const SMALL_APP = join(ROOT, 'test', 'fixtures', 'e2e', 'small-app');
const STATUS = join(ROOT, 'test', 'fixtures', 'debian', 'status-ssh-host', 'status');
const KEYRING = join(ARCHIVE_FIXTURE, 'test-keyring.gpg');

let tmp: string;
let reg: RegistryServer;
let archive: ArchiveServer;
let repo: string;

const vigil = (args: string[]) =>
  runCli([...args, ...(args.includes('--store') ? [] : ['--store', join(tmp, 'store.db')])], { cwd: tmp, home: tmp });

/** No stack trace, one `vigil: error CODE:` line. */
function assertCleanError(stderr: string, code: string) {
  assert.match(stderr, new RegExp(`^vigil: error ${code}: `, 'm'), stderr);
  assert.doesNotMatch(stderr, /internal error|\n\s+at /, stderr);
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-wrong-input-'));
  reg = await startRegistryServer({ fixtures: join(ROOT, 'test', 'fixtures', 'npm-registry', 'full-metadata') });
  archive = await startArchiveServer();
  repo = join(tmp, 'repo');
  mkdirSync(repo);
  const git = (...a: string[]) =>
    execFileSync('git', ['-c', 'user.name=A', '-c', 'user.email=a@example.invalid', '-c', 'commit.gpgsign=false', ...a], {
      cwd: repo,
      stdio: 'ignore',
    });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'README'), 'x\n');
  git('add', 'README');
  git('commit', '-q', '-m', 'first');
});
after(async () => {
  await reg.close();
  await archive.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('wrong input: an error and a non-zero exit, never a clean report', () => {
  test('history --branch naming no ref: exit 3 naming the ref', async () => {
    const r = await vigil(['history', repo, '--branch', 'nosuchref']);
    assert.equal(r.code, 3, r.stdout);
    assertCleanError(r.stderr, 'E_INPUT_NOT_FOUND');
    assert.match(r.stderr, /--branch nosuchref: no such branch, tag or commit/);
    assert.equal(r.stdout, '');
  });

  test('history --since / --until that is not a date: exit 2 (git would read it as "now" and count 0 commits)', async () => {
    for (const [flag, value] of [
      ['--since', 'notadate'],
      ['--until', '2020-13-45'],
    ] as const) {
      const r = await vigil(['history', repo, flag, value]);
      assert.equal(r.code, 2, `${flag} ${value}: ${r.stdout}`);
      assert.match(r.stderr, new RegExp(`${flag} "${value}" is not a date`));
    }
    const ok = await vigil(['history', repo, '--since', '2000-01-01', '--format', 'json']);
    assert.equal(ok.code, 0, ok.stderr);
    const rel = await vigil(['history', repo, '--since', '6 months ago', '--format', 'json']);
    assert.equal(rel.code, 0, rel.stderr);
  });

  test('history of a repository with no commits: exit 3, not an empty report', async () => {
    const empty = join(tmp, 'empty-repo');
    mkdirSync(empty);
    execFileSync('git', ['init', '-q'], { cwd: empty });
    const r = await vigil(['history', empty]);
    assert.equal(r.code, 3, r.stdout);
    assert.match(r.stderr, /no commits/);
  });

  test('discuss with a source that does not exist: exit 3 naming it', async () => {
    const r = await vigil(['discuss', '/nonexistent/list.mbox']);
    assert.equal(r.code, 3, r.stdout);
    assertCleanError(r.stderr, 'E_INPUT_NOT_FOUND');
    assert.match(r.stderr, /\/nonexistent\/list\.mbox: no such file or directory/);
  });

  test('discuss with sources holding no message: exit 3', async () => {
    const dir = join(tmp, 'no-mail');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'not mail\n');
    const r = await vigil(['discuss', dir]);
    assert.equal(r.code, 3, r.stdout);
    assert.match(r.stderr, /no messages could be read/);
  });

  test('affected with a missing OSV file: "no such OSV file", not "unknown advisory"', async () => {
    const r = await vigil(['affected', '/nonexistent.json', '--offline']);
    assert.equal(r.code, 3, r.stdout);
    assertCleanError(r.stderr, 'E_INPUT_NOT_FOUND');
    assert.match(r.stderr, /\/nonexistent\.json: no such OSV file/);
    assert.doesNotMatch(r.stderr, /unknown advisory/);
  });

  test('host --suite the archive does not have: exit 3 naming the suite (the high findings do not silently vanish)', async () => {
    const r = await vigil([
      'host',
      STATUS,
      '--mirror',
      archive.url,
      '--suite',
      'nosuchsuite',
      '--keyring',
      KEYRING,
      '--store',
      join(tmp, 'host.db'),
    ]);
    assert.equal(r.code, 3, r.stdout);
    assertCleanError(r.stderr, 'E_INPUT_NOT_FOUND');
    assert.match(r.stderr, /suite "nosuchsuite" is not in the archive/);
    const good = await vigil([
      'host',
      STATUS,
      '--mirror',
      archive.url,
      '--suite',
      'bookworm',
      '--keyring',
      KEYRING,
      '--store',
      join(tmp, 'host.db'),
      '--format',
      'json',
    ]);
    assert.equal(good.code, 0, good.stderr);
    assert.equal(JSON.parse(good.stdout).inventory.components.length, 28);
  });

  test('debian rank --suite the archive does not have: exit 3, not an empty ranking', async () => {
    const r = await vigil([
      'debian',
      'rank',
      '--mirror',
      archive.url,
      '--suite',
      'nosuchsuite',
      '--keyring',
      KEYRING,
      '--store',
      join(tmp, 'rank.db'),
    ]);
    assert.equal(r.code, 3, r.stdout);
    assert.match(r.stderr, /suite "nosuchsuite" is not in the archive/);
  });

  test('scan of a dpkg status file under another name is read by its content', async () => {
    const copy = join(tmp, 'web01-dpkg.txt');
    copyFileSync(STATUS, copy);
    const r = await vigil(['scan', copy, '--offline', '--no-history', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.inventory.components.length, 28);
    assert.equal(j.inventory.sources[0].format, 'dpkg-status');
  });
});

describe('-o / --csv / --pledge-file into a folder that does not exist: exit 3 naming the path, before any work', () => {
  const missing = '/nonexistent/dir/x.out';
  const cases: [string, string[]][] = [
    ['rules', ['rules', '-o', missing]],
    ['scan', ['scan', SMALL_APP, '--offline', '-o', missing]],
    ['history', ['history', '<repo>', '--output', missing]],
    ['fund --csv', ['fund', SMALL_APP, '--offline', '--budget', '100', '--csv', missing]],
    ['fund --pledge-file', ['fund', SMALL_APP, '--offline', '--budget', '100', '--developers', '3', '--pledge-file', missing]],
  ];
  for (const [i, [name, args]] of cases.entries()) {
    test(name, async () => {
      const store = join(tmp, `output-${i}.db`);
      const r = await vigil([...args.map((a) => (a === '<repo>' ? repo : a)), '--store', store]);
      assert.equal(r.code, 3, `${r.stdout}\n${r.stderr}`);
      assertCleanError(r.stderr, 'E_OUTPUT');
      assert.match(
        r.stderr,
        /\/nonexistent\/dir\/x\.out: cannot write --(output|csv|pledge-file) file: folder \/nonexistent\/dir does not exist/,
      );
      assert.equal(existsSync(store), false, 'checked before the store is even opened');
    });
  }
});

describe('unchecked components count: --fail-on does not pass a partial result', () => {
  test('--offline with an empty store: a "Partial" line, and --fail-on high exits 3 unless --allow-partial', async () => {
    const dir = join(tmp, 'offline-app');
    cpSync(SMALL_APP, dir, { recursive: true });
    const store = join(tmp, 'empty-offline.db');
    const text = await vigil(['scan', dir, '--offline', '--no-history', '--store', store]);
    assert.equal(text.code, 0, 'no --fail-on: the report is printed, exit 0');
    assert.match(text.stdout, /Partial: 4 of 4 components not fully checked \(\d+ problems, see "What is missing"\)/);

    const ci = await vigil(['scan', dir, '--offline', '--no-history', '--fail-on', 'high', '--store', store]);
    assert.equal(ci.code, 3, ci.stderr);
    assert.match(ci.stderr, /4 of 4 components could not be fully checked .*--fail-on high cannot vouch for them.*--allow-partial/);
    assert.match(ci.stdout, /Partial: 4 of 4/, 'the report is still printed');

    const accepted = await vigil([
      'scan',
      dir,
      '--offline',
      '--no-history',
      '--fail-on',
      'high',
      '--allow-partial',
      '--format',
      'json',
      '--store',
      store,
    ]);
    assert.equal(accepted.code, 0, accepted.stderr);
    const j = JSON.parse(accepted.stdout);
    assert.equal(j.summary.unchecked, 4);
    assert.ok(j.summary.problems >= 4);
  });

  test('online, registry down: not clean either', async () => {
    const dir = join(tmp, 'down-app');
    cpSync(SMALL_APP, dir, { recursive: true });
    const r = await runCli(
      ['scan', dir, '--no-history', '--fail-on', 'high', '--registry', 'http://127.0.0.1:9/', '--store', join(tmp, 'down.db')],
      { cwd: tmp, home: tmp },
    );
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /could not be fully checked/);
  });

  test('a complete scan still passes --fail-on high with exit 0', async () => {
    const dir = join(tmp, 'online-app');
    cpSync(SMALL_APP, dir, { recursive: true });
    const r = await runCli(['scan', dir, '--no-history', '--fail-on', 'high', '--registry', reg.url, '--store', join(tmp, 'online.db')], {
      cwd: tmp,
      home: tmp,
    });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.doesNotMatch(r.stdout, /Partial:/);
  });
});
