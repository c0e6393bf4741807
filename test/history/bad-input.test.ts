/** Bad input: missing objects, not a repository, no commits, shallow clone, option injection, odd names, many tags. */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeHistory } from '../../src/analyzers/history/analyze.js';
import { isVigilError } from '../../src/core/errors.js';
import { readTags } from '../../src/sources/git/tags.js';
import { day, FixtureRepo, MAINTAINER as M, NEWCOMER as N, noise } from './fixture-repo.js';

const cleanup: string[] = [];
after(() => {
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});
const mk = () => {
  const r = new FixtureRepo();
  cleanup.push(r.dir);
  return r;
};

describe('bad input', () => {
  test('missing blobs (a trimmed snapshot): partial result with problems, never a crash', async () => {
    const r = mk();
    r.commit(M, day('2015-01-01'), 'one', { 'src/a.c': 'int a;\n' });
    r.commit(N, day('2018-01-01'), 'big test file', { 'tests/files/big.xz': noise(8192, 5) });
    r.commit(M, day('2018-02-01'), 'three', { 'src/a.c': 'int a, b;\n' });
    const blob = r.git(['rev-parse', 'HEAD~1:tests/files/big.xz']).trim();
    rmSync(join(r.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const a = await analyzeHistory(r.dir);
    assert.equal(a.facts.commits, 3, 'every commit is still read');
    assert.ok(
      a.problems.some((p) => p.code === 'E_GIT' && /missing/.test(p.message) && p.message.includes(blob)),
      `the missing blob is named: ${JSON.stringify(a.problems)}`,
    );
    // Line counts, when a library caller asks for them, are partial and say so.
    const { readLog } = await import('../../src/sources/git/log-reader.js');
    const log = await readLog(r.dir, { lineCounts: true });
    assert.equal(log.commits.length, 3);
    assert.equal(log.numstatIncomplete, true);
    assert.ok(
      log.problems.some((p) => /numstat stopped/.test(p.message)),
      JSON.stringify(log.problems),
    );
  });

  test('a missing test file without a payload extension: its kind is unknown, the blob is named, nothing crashes', async () => {
    const r = mk();
    r.commit(M, day('2015-01-01'), 'one', { 'src/a.c': 'int a;\n' });
    r.commit(N, day('2018-01-01'), 'test data', { 'tests/files/sample.der': noise(4096, 2) });
    const blob = r.git(['rev-parse', 'HEAD:tests/files/sample.der']).trim();
    rmSync(join(r.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const a = await analyzeHistory(r.dir);
    assert.equal(a.facts.commits, 2);
    assert.ok(
      a.problems.some((p) => /missing/.test(p.message) && p.message.includes(blob)),
      JSON.stringify(a.problems),
    );
  });

  test('a directory that is not a repository is a clear E_GIT error; a missing path E_INPUT_NOT_FOUND', async () => {
    const d = mkdtempSync(join(tmpdir(), 'vigil-notrepo-'));
    cleanup.push(d);
    await assert.rejects(analyzeHistory(d), (e: unknown) => isVigilError(e, 'E_GIT') && /not a git repository/.test(e.message));
    await assert.rejects(analyzeHistory(join(d, 'nope')), (e: unknown) => isVigilError(e, 'E_INPUT_NOT_FOUND'));
  });

  test('a repository with no commits: a problem and empty facts', async () => {
    const r = mk();
    const a = await analyzeHistory(r.dir);
    assert.equal(a.facts.commits, 0);
    assert.deepEqual(a.findings, []);
    assert.match(a.problems[0]!.message, /does not name a commit/);
  });

  test('a --branch or date that looks like an option is refused (no option injection)', async () => {
    const r = mk();
    r.commit(M, day('2015-01-01'), 'one');
    await assert.rejects(analyzeHistory(r.dir, { branch: '--output=/tmp/x' }), (e: unknown) => isVigilError(e, 'E_USAGE'));
    await assert.rejects(analyzeHistory(r.dir, { since: '--exec=x' }), (e: unknown) => isVigilError(e, 'E_USAGE'));
    const ok = await analyzeHistory(r.dir, { branch: 'main', since: '2014-01-01' });
    assert.equal(ok.facts.commits, 1);
  });

  test('a shallow clone is read and reported as partial', async () => {
    const r = mk();
    for (let i = 0; i < 5; i++) r.commit(M, day('2015-01-01', i), `c${i}`, { [`f${i}.txt`]: `${i}\n` });
    const dest = mkdtempSync(join(tmpdir(), 'vigil-shallow-'));
    cleanup.push(dest);
    execFileSync('git', ['clone', '-q', '--depth', '2', `file://${r.dir}`, join(dest, 'c')], {
      env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    });
    const a = await analyzeHistory(join(dest, 'c'));
    assert.equal(a.facts.shallow, true);
    assert.equal(a.facts.commits, 2);
    assert.ok(a.problems.some((p) => /shallow/.test(p.message)));
  });

  test('unusual names and paths: non-ASCII, quotes, tabs in file names', async () => {
    const r = mk();
    const who = { name: 'Zoë Ñandú 李', email: 'zoe@example.org' };
    r.commit(who, day('2015-01-01'), 'naïve commit “quoted”', { 'dir/naïve "q".txt': 'x\n', 'dir/tab\there.txt': 'y\n' });
    const a = await analyzeHistory(r.dir);
    assert.equal(a.facts.people[0]?.name, 'Zoë Ñandú 李');
    assert.deepEqual(a.problems, []);
    const { readLog } = await import('../../src/sources/git/log-reader.js');
    const log = await readLog(r.dir, { lineCounts: true });
    assert.deepEqual(log.commits[0]!.files.map((f) => f.path).sort(), ['dir/naïve "q".txt', 'dir/tab\there.txt']);
    assert.equal(log.commits[0]!.files[0]!.added, 1);
  });

  test('more commits than the cap: the newest are kept and a problem says so', async () => {
    const r = mk();
    for (let i = 0; i < 4; i++) r.commit(M, day('2015-01-01', i), `c${i}`);
    const a = await analyzeHistory(r.dir, { maxCommits: 3 });
    assert.equal(a.facts.commits, 3);
    assert.ok(a.problems.some((p) => /truncated at 3 commits/.test(p.message)));
    const b = await analyzeHistory(r.dir, { maxCommits: 4 });
    assert.deepEqual(b.problems, []);
  });

  test('more tags than the cap: the oldest are read and a problem says so', async () => {
    const r = mk();
    r.commit(M, day('2015-01-01'), 'one');
    for (let i = 0; i < 30; i++) r.tag(`t${String(i).padStart(2, '0')}`, M, day('2015-02-01', i));
    const t = await readTags(r.dir, 10);
    assert.equal(t.tags.length, 10);
    assert.equal(t.tags[0]!.name, 't00');
    assert.match(t.problems[0]!.message, /more than 10 tags/);
  });
});
