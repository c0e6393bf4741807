/**
 * Hostile git repositories: a repository config that enables the `ext::` transport cannot make git
 * run a command through vigil, and a partial clone with a promisor remote is refused outright.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGit } from '../../src/sources/git/safe-git.js';
import { readRepoInfo } from '../../src/sources/git/repo-info.js';
import { isVigilError } from '../../src/core/errors.js';

let tmp: string;
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: tmp,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'a',
      GIT_AUTHOR_EMAIL: 'a@example.invalid',
      GIT_COMMITTER_NAME: 'a',
      GIT_COMMITTER_EMAIL: 'a@example.invalid',
    },
  });

function repo(name: string): string {
  const dir = join(tmp, name);
  git(tmp, 'init', '-q', dir);
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'first');
  return dir;
}

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-git-hostile-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

test('protocol.ext.allow=always in the repository config does not let a transport run', async () => {
  const dir = repo('ext');
  const marker = join(tmp, 'ext-ran');
  git(dir, 'config', 'protocol.ext.allow', 'always');
  git(dir, 'config', 'protocol.allow', 'always');
  git(dir, 'config', 'remote.origin.url', `ext::sh -c touch% ${marker}`);
  const r = await runGit(dir, ['ls-remote', 'origin'], { okCodes: [128, 1] });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /transport 'ext' not allowed/);
  assert.equal(existsSync(marker), false, 'the ext:: command never ran');
});

test('protocol.file.allow=always in the repository config does not let git read another repository', async () => {
  const dir = repo('file');
  const other = repo('file-other');
  git(dir, 'config', 'protocol.file.allow', 'always');
  git(dir, 'config', 'remote.origin.url', `file://${other}`);
  const r = await runGit(dir, ['ls-remote', 'origin'], { okCodes: [128, 1] });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /transport 'file' not allowed/);
  assert.equal(r.stdout.length, 0, 'nothing was listed from the other repository');
});

test('a partial clone with a promisor remote is refused before anything is read', async () => {
  const dir = repo('promisor');
  const marker = join(tmp, 'promisor-ran');
  git(dir, 'config', 'remote.origin.url', `ext::sh -c touch% ${marker}`);
  git(dir, 'config', 'remote.origin.promisor', 'true');
  git(dir, 'config', 'remote.origin.partialclonefilter', 'blob:none');
  git(dir, 'config', 'protocol.ext.allow', 'always');
  await assert.rejects(readRepoInfo(dir), (e: unknown) => {
    assert.ok(isVigilError(e, 'E_GIT'));
    assert.match(e.message, /partial clone with a promisor remote \(remote\.origin\.promisor\)/);
    return true;
  });
  assert.equal(existsSync(marker), false);
});

test('an ordinary clone is still read', async () => {
  const info = await readRepoInfo(repo('plain'));
  assert.match(info.head ?? '', /^[0-9a-f]{40}$/);
});
