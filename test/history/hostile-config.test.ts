/**
 * A hostile repository whose own config and attributes name commands (fsmonitor, hooks, textconv,
 * external diff, filters, pager, gpg program for log.showSignature, ssh...) that would write a
 * marker file. The control proves plain git runs them; then every vigil git operation runs and the
 * marker must never appear.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeHistory } from '../../src/analyzers/history/analyze.js';
import { historyScan } from '../../src/app/history-result.js';
import { readBlobs, readLog, readPatches, readRepoInfo, readTags, listFiles, readMailmapAt, runGit } from '../../src/sources/git/index.js';
import { day, fakePgpSignature, FixtureRepo, MAINTAINER as M, NEWCOMER as N, noise } from './fixture-repo.js';

let repo: FixtureRepo;
let marker: string;
let evil: string;

const VECTORS = [
  'fsmonitor',
  'pager',
  'ssh',
  'altrefs',
  'askpass',
  'editor',
  'external',
  'textconv',
  'diffcmd',
  'clean',
  'smudge',
  'process',
  'gpg',
  'gpgssh',
  'gpgx509',
  'pagerlog',
  'packhook',
  'credential',
  'proxy',
];

before(() => {
  repo = new FixtureRepo('vigil-hostile-');
  marker = join(repo.dir, '..', `${repo.dir.split('/').pop()}-marker`);
  evil = join(repo.dir, '..', `${repo.dir.split('/').pop()}-evil.sh`);
  writeFileSync(evil, `#!/bin/sh\necho "$*" >> '${marker}'\ncat 2>/dev/null\nexit 0\n`);
  chmodSync(evil, 0o755);
  repo.commit(M, day('2015-01-01'), 'init', {
    '.gitattributes': '* diff=evil filter=evil merge=evil\n',
    'src/a.c': 'int a;\n',
    'CMakeLists.txt': 'project(x C)\n',
  });
  repo.commit(M, day('2016-01-01'), 'more', {
    'src/a.c': 'int a, b;\n',
    'SECURITY.md': 'mail me\n',
    '.github/workflows/ci.yml': 'run: ./configure\n',
  });
  repo.commit(N, day('2018-01-01'), 'tests', {
    'tests/files/x.xz': noise(512, 3),
    'CMakeLists.txt': 'project(x C)\ncheck_c_source_compiles("int main(void){return 0;}" HAVE_X)\n',
  });
  repo.tag('v1', M, day('2018-02-01'), fakePgpSignature('AAAA1111BBBB2222CCCC3333DDDD4444EEEE5555'));
  // A commit with a (fake) signature header, so `log.showSignature` would call gpg.program.
  const head = repo.git(['rev-parse', 'HEAD']).trim();
  const tree = repo.git(['rev-parse', 'HEAD^{tree}']).trim();
  const sig = fakePgpSignature('1234').trimEnd().split('\n').join('\n ');
  const obj = `tree ${tree}\nparent ${head}\nauthor ${M.name} <${M.email}> 1530000000 +0000\ncommitter ${M.name} <${M.email}> 1530000000 +0000\ngpgsig ${sig}\n\nsigned commit\n`;
  const signed = repo.git(['hash-object', '-t', 'commit', '-w', '--stdin'], undefined, obj).trim();
  repo.git(['update-ref', 'refs/heads/main', signed]);
  const hooks = join(repo.dir, '.git', 'evil-hooks');
  mkdirSync(hooks);
  for (const h of ['pre-commit', 'post-checkout', 'reference-transaction', 'post-index-change', 'pre-auto-gc', 'post-rewrite']) {
    writeFileSync(join(hooks, h), `#!/bin/sh\necho hook-${h} >> '${marker}'\n`);
    chmodSync(join(hooks, h), 0o755);
  }
  appendFileSync(
    join(repo.dir, '.git', 'config'),
    `
[core]
\tfsmonitor = ${evil} fsmonitor
\thooksPath = ${hooks}
\tpager = ${evil} pager
\tsshCommand = ${evil} ssh
\talternateRefsCommand = ${evil} altrefs
\taskPass = ${evil} askpass
\teditor = ${evil} editor
\tgitProxy = ${evil} proxy
[diff]
\texternal = ${evil} external
[diff "evil"]
\ttextconv = ${evil} textconv
\tcommand = ${evil} diffcmd
[filter "evil"]
\tclean = ${evil} clean
\tsmudge = ${evil} smudge
\tprocess = ${evil} process
[log]
\tshowSignature = true
[gpg]
\tprogram = ${evil} gpg
[gpg "ssh"]
\tprogram = ${evil} gpgssh
[gpg "x509"]
\tprogram = ${evil} gpgx509
[pager]
\tlog = ${evil} pagerlog
[uploadpack]
\tpackObjectsHook = ${evil} packhook
[credential]
\thelper = !${evil} credential
[mailmap]
\tfile = ${evil}
`,
  );
});
after(() => {
  repo.remove();
  rmSync(marker, { force: true });
  rmSync(evil, { force: true });
});

/** Plain git, as a user would run it, with the repository's config in force. */
function plainGit(args: string[]): void {
  try {
    execFileSync('git', ['-C', repo.dir, ...args], {
      env: { PATH: process.env.PATH, HOME: repo.dir, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
      stdio: 'pipe',
    });
  } catch {
    /* the evil programs are not real gpg/fsmonitor: git may complain; only the marker matters */
  }
}

describe('hostile repository config', () => {
  test('control: plain git runs the commands the repository names', () => {
    rmSync(marker, { force: true });
    plainGit(['status']);
    plainGit(['log', '-p', '-2']);
    assert.ok(existsSync(marker), 'the fixture must be able to write the marker');
    const ran = readFileSync(marker, 'utf8');
    assert.match(ran, /fsmonitor|textconv|gpg|external/);
    rmSync(marker, { force: true });
  });

  test('no vigil git operation runs any of them', async () => {
    rmSync(marker, { force: true });
    const info = await readRepoInfo(repo.dir);
    assert.ok(info.head);
    const log = await readLog(repo.dir, {});
    assert.equal(log.commits.length, 4);
    const tags = await readTags(repo.dir);
    assert.equal(tags.tags[0]?.signature?.keyId, 'DDDD4444EEEE5555');
    const blobs = log.commits.flatMap((c) => c.files.map((f) => f.newBlob!).filter(Boolean));
    const read = await readBlobs(repo.dir, blobs);
    assert.ok(read.blobs.size > 0);
    let files = 0;
    await readPatches(
      repo.dir,
      log.commits.map((c) => c.hash),
      [':(glob)**'],
      () => {
        files++;
      },
    );
    assert.ok(files > 0);
    assert.ok((await listFiles(repo.dir, info.head!)).includes('src/a.c'));
    await readMailmapAt(repo.dir, info.head!);
    await runGit(repo.dir, ['log', '-p', '--no-ext-diff', '--no-textconv', '-3']);
    const a = await analyzeHistory(repo.dir, {});
    assert.equal(a.facts.commits, 4);
    const s = await historyScan(repo.dir, { branch: '--all' });
    assert.equal(s.command, 'history');
    const ran = existsSync(marker) ? readFileSync(marker, 'utf8') : '';
    assert.equal(ran, '', `commands from the repository config ran: ${ran}`);
    for (const v of VECTORS) assert.ok(!ran.includes(v));
  });
});
