/**
 * The terminal shows what matters, whole (real CLI): `vigil diff` prints the changed files,
 * dependencies and score JSON has; `vigil host` lists the paths to flagged or fragile libraries
 * first (also in Markdown); nothing is cut with "…" when piped, COLUMNS wraps instead of cutting;
 * "What is missing" lists each problem once; bun.lock is read and a binary bun.lockb refused.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { startRegistryServer, type RegistryServer } from '../helpers/registry-server.js';
import { ARCHIVE_FIXTURE, startArchiveServer, type ArchiveServer } from '../debian/archive-server.js';

const STATUS = join(ROOT, 'test', 'fixtures', 'debian', 'status-ssh-host', 'status');
const KEYRING = join(ARCHIVE_FIXTURE, 'test-keyring.gpg');
let tmp: string;
let reg: RegistryServer;
let archive: ArchiveServer;

const vigil = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd: tmp, home: tmp, env: { COLUMNS: '', ...env } });
const host = (extra: string[], env: NodeJS.ProcessEnv = {}) =>
  vigil(
    ['host', STATUS, '--mirror', archive.url, '--suite', 'bookworm', '--keyring', KEYRING, '--store', join(tmp, 'host.db'), ...extra],
    env,
  );

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-terminal-'));
  reg = await startRegistryServer({ fixtures: join(ROOT, 'test', 'fixtures', 'npm-registry', 'full-metadata') });
  archive = await startArchiveServer();
});
after(async () => {
  await reg.close();
  await archive.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('terminal output shows what JSON has', () => {
  test('vigil diff: changed files, dependencies and the score', async () => {
    const r = await vigil(['diff', 'npm:isexe', '1.1.2', '2.0.0', '--registry', reg.url, '--store', join(tmp, 'diff.db')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Release diff\n {2}isexe 1\.1\.2 → 2\.0\.0 \(major\), published 2017-03-23 \(previous 2016-02-09\)$/m);
    assert.match(
      r.stdout,
      /^ {2}Takeover-risk score 0\.00 \(info\) from 1 signal\n {4}\+0\.00 release-diff\/dormant-release: first release in 408 days$/m,
    );
    assert.match(r.stdout, /^ {2}Files: 0 added, 7 removed, 2 changed, 0 unchanged; 10827 → 492 bytes$/m);
    assert.match(r.stdout, /^ {4}removed: \.npmignore, LICENSE, README\.md, access\.js, mode\.js, test\/basic\.js, windows\.js$/m);
    assert.match(r.stdout, /^ {4}changed: index\.js, package\.json$/m);
    assert.match(r.stdout, /^ {2}Dependencies: unchanged$/m);
  });

  test('vigil host: paths to flagged or fragile libraries first, and the indirect ones (sshd › libsystemd0 › liblzma5); Markdown too', async () => {
    const r = await host([]);
    assert.equal(r.code, 0, r.stderr);
    const section = r.stdout.slice(r.stdout.indexOf('Privileged paths'), r.stdout.indexOf('Most critical'));
    const paths = section.split('\n').filter((l) => l.startsWith('    openssh-server'));
    assert.ok(paths.length >= 10, section);
    assert.match(paths[0]!, /\((high|medium|low|info) deb\/[a-z-]+; /, 'a flagged library comes first');
    const lzma = paths.findIndex((l) => l.startsWith('    openssh-server › libsystemd0 › liblzma5  (loaded through libsystemd0)'));
    assert.ok(lzma > 0, section);
    const firstPlain = paths.findIndex((l) => !/deb\/|carried by one person/.test(l));
    assert.ok(
      firstPlain > 0 && paths.slice(firstPlain, lzma + 1).every((l) => /loaded through/.test(l)),
      'flagged or fragile first, then the libraries loaded through another',
    );
    assert.doesNotMatch(section, /e\.g\./);

    const md = await host(['--format', 'markdown']);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^#### Privileged paths \(service › libraries it loads\)$/m);
    assert.match(md.stdout, /^- `sshd` \(network\): 19 shared libraries$/m);
    assert.match(md.stdout, /^ {2}- `openssh-server › [^`]+` (high|medium|low|info) deb\//m);
  });

  test('piped: nothing is cut with "…" (remediation included); COLUMNS wraps long lines instead', async () => {
    const piped = await host([]);
    assert.equal(piped.code, 0, piped.stderr);
    assert.doesNotMatch(piped.stdout, /…/);
    const remediation = piped.stdout.split('\n').find((l) => l.startsWith('  → '));
    assert.ok(remediation && remediation.length > 100, 'a long remediation line stays whole on one line');

    const narrow = await host([], { COLUMNS: '60' });
    assert.doesNotMatch(narrow.stdout, /…/);
    const lines = narrow.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('  → '));
    assert.ok(lines[at]!.length <= 60, lines[at]);
    assert.match(lines[at + 1]!, /^ {4}\S/, 'continued on an indented line');
    const joined = [lines[at]!, ...lines.slice(at + 1).filter((_, i, a) => a.slice(0, i + 1).every((l) => /^ {4}\S/.test(l)))]
      .map((l) => l.trim())
      .join(' ');
    assert.equal(joined, `→ ${remediation!.slice(4)}`, 'wrapping loses no word');
  });

  test('"What is missing" lists each problem once', async () => {
    const r = await host([]);
    const json = JSON.parse((await host(['--format', 'json'])).stdout);
    const block = r.stdout.slice(r.stdout.indexOf('\nWhat is missing (') + 1);
    const listed = block
      .split('\n')
      .slice(1)
      .filter((l) => /^ {2}E_[A-Z_]+ /.test(l));
    assert.equal(new Set(listed).size, listed.length, listed.join('\n'));
    const all = [...json.inventory.problems, ...json.problems].map(
      (p: { message: string; file?: string; line?: number }) => `${p.file}:${p.line}:${p.message}`,
    );
    assert.equal(new Set(all).size, all.length, 'no problem twice in JSON either');
    const total = Number(/^What is missing \((\d+)\)/.exec(block)?.[1]);
    const more = Number(/^ {2}and (\d+) more \(see --format json\)$/m.exec(block)?.[1] ?? 0);
    assert.equal(total, listed.length + more);
  });
});

describe('bun.lock through the CLI', () => {
  test('a bun project is scanned from bun.lock (locked versions, not package.json ranges)', async () => {
    const r = await vigil([
      'scan',
      join(ROOT, 'test', 'fixtures', 'inventory', 'same-project', 'bun'),
      '--offline',
      '--no-history',
      '--format',
      'json',
      '--store',
      join(tmp, 'bun.db'),
    ]);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.inventory.sources[0].format, 'bun.lock v1');
    assert.equal(j.inventory.components.length, 11);
    assert.ok(j.inventory.components.some((c: { purl: string }) => c.purl === 'pkg:npm/has-flag@4.0.0'));
  });

  test('a binary bun.lockb: exit 3 with the command that writes bun.lock; no guessed versions', async () => {
    const r = await vigil([
      'scan',
      join(ROOT, 'test', 'fixtures', 'inventory', 'bun-binary'),
      '--offline',
      '--store',
      join(tmp, 'lockb.db'),
    ]);
    assert.equal(r.code, 3, r.stdout);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^vigil: error E_UNSUPPORTED: bun\.lockb: bun\.lockb is Bun's binary lockfile/m);
    assert.match(
      r.stderr,
      /hint: write the text lockfile next to it: `bun install --save-text-lockfile --frozen-lockfile --lockfile-only`/,
    );
  });
});
