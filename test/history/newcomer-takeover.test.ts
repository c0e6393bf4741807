/**
 * Trust transfer beyond release tags, on synthetic histories with fixed dates: a newcomer in a
 * dormant single-maintainer project who becomes the dominant committer, tags, and changes build and
 * CI right after getting push access — and updates an opaque test file that a test only reads. A
 * busy multi-maintainer project where a newcomer does the same is not a takeover.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { historyScan } from '../../src/app/history-result.js';
import type { ScanResult } from '../../src/core/result.js';
import { day, FixtureRepo, MAINTAINER as M, NEWCOMER as N, noise, type Who } from './fixture-repo.js';

const co = (i: number): Who => ({ name: `Co Maintainer ${i}`, email: `co${i}@project.example` });

function founderYears(repo: FixtureRepo, perYear: Record<number, number>, who: Who = M): void {
  for (const [y, n] of Object.entries(perYear)) {
    for (let i = 0; i < n; i++)
      repo.commit(who, day(`${y}-01-05`, i * Math.floor(330 / n)), `work ${y}.${i}`, {
        [`src/f${i % 5}.c`]: `/* ${who.email} */ int f${y}_${i}(void) { return ${i}; }\n`,
      });
  }
}

describe('dormant single-maintainer project taken over by a newcomer', () => {
  let repo: FixtureRepo;
  let r: ScanResult;
  before(async () => {
    repo = new FixtureRepo();
    founderYears(repo, { 2010: 22, 2011: 4, 2012: 3, 2013: 2, 2014: 2 });
    repo.tag('v1.0', M, day('2011-06-01'));
    repo.commit(N, day('2015-02-01'), 'Fix a typo', { 'src/f0.c': 'int fixed(void) { return 0; }\n' }, M);
    repo.commit(N, day('2015-05-01'), 'Build: modernise configure', { 'configure.ac': 'AC_INIT([demo], [2.0])\nAC_OUTPUT\n' });
    repo.commit(N, day('2015-05-03'), 'CI: simplify', { '.github/workflows/ci.yml': 'on: push\njobs: {}\n' });
    repo.commit(N, day('2015-06-01'), 'Tests: add test file', {
      'tests/files/good-1.xz': noise(3000, 3),
      'tests/test_files.sh': '#!/bin/sh\nxz -dc "$srcdir/files/good-1.xz" > /dev/null || exit 1\n',
    });
    for (let i = 0; i < 22; i++)
      repo.commit(N, day('2015-06-10', i * 9), `improve ${i}`, { [`src/n${i % 4}.c`]: `int n${i}(void) { return ${i}; }\n` });
    repo.tag('v2.0', N, day('2015-09-01'));
    repo.commit(N, day('2015-10-01'), 'Tests: update a test file', { 'tests/files/good-1.xz': noise(3000, 4) });
    r = await historyScan(repo.dir, { subject: 'demo' });
  });
  after(() => repo.remove());

  test('newcomer-takeover names the reasons with evidence', () => {
    const f = r.findings.find((x) => x.rule === 'history/newcomer-takeover');
    assert.ok(f, r.findings.map((x) => x.rule).join(', '));
    assert.equal(f.severity, 'medium');
    assert.match(f.title, /Jia Newcomer/);
    assert.match(f.explanation, /dominant committer/);
    assert.match(f.explanation, /tagged release v2\.0/);
    assert.match(f.explanation, /configure\.ac/);
    assert.ok(f.evidence.some((e) => e.label === 'first commit pushed themselves'));
  });

  test('a binary test file that a later script only reads has no generator; its update is checked too', () => {
    const bins = r.findings.filter((x) => x.rule === 'history/binary-test-file-without-generator');
    const labels = bins.flatMap((f) => f.evidence.map((e) => `${e.label} ${e.file}`));
    assert.ok(labels.includes('added high-entropy binary file tests/files/good-1.xz'), labels.join('; '));
    assert.ok(labels.includes('updated high-entropy binary file tests/files/good-1.xz'), labels.join('; '));
  });

  test('the correlation layer joins the takeover with the opaque test files into one high story', () => {
    const s = r.findings.find((x) => x.rule === 'correlate/takeover-story');
    assert.ok(s && (s.severity === 'high' || s.severity === 'critical'), s?.severity);
    assert.ok(
      s.evidence.some((e) => e.label?.startsWith('source-newcomer')) && s.evidence.some((e) => e.label?.startsWith('source-payload')),
    );
  });
});

describe('busy project with several maintainers', () => {
  let repo: FixtureRepo;
  let r: ScanResult;
  before(async () => {
    repo = new FixtureRepo();
    for (let y = 2010; y <= 2014; y++) for (const w of [M, co(1), co(2)]) founderYears(repo, { [y]: 4 }, w);
    repo.commit(N, day('2015-05-01'), 'CI: simplify', { '.github/workflows/ci.yml': 'on: push\njobs: {}\n' });
    for (let i = 0; i < 22; i++)
      repo.commit(N, day('2015-06-10', i * 9), `improve ${i}`, { [`src/n${i % 4}.c`]: `int n${i}(void) { return ${i}; }\n` });
    r = await historyScan(repo.dir, { subject: 'busy' });
  });
  after(() => repo.remove());

  test('a newcomer who becomes very active is not a takeover', () => {
    assert.deepEqual(
      r.findings.filter((x) => x.rule === 'history/newcomer-takeover' || x.rule === 'correlate/takeover-story').map((x) => x.title),
      [],
    );
  });
});

describe('past burn-out', () => {
  test('years far below the peak while still carrying the project are found even when activity recovered later', async () => {
    const { pastDecline } = await import('../../src/analyzers/history/fragility.js');
    const s = (year: number, commits: number, share: number) => ({ year, commits, share });
    // xz-like: peak 2009, low 2015–2021 with ~95% share, recovery afterwards.
    const xz = [
      s(2008, 252, 1),
      s(2009, 254, 0.96),
      s(2010, 169, 0.98),
      s(2014, 91, 0.86),
      s(2015, 66, 0.97),
      s(2016, 12, 1),
      s(2017, 22, 0.96),
      s(2018, 18, 0.9),
      s(2019, 51, 0.93),
      s(2020, 69, 0.93),
      s(2021, 32, 0.88),
      s(2022, 255, 0.83),
      s(2023, 172, 0.34),
    ];
    assert.deepEqual(pastDecline(xz), { peakYear: 2009, peakCommits: 254, from: 2015, to: 2021, commits: 270, share: 0.939 });
    // A founder whose project others carried on is not burning out: their share is low.
    const handedOn = [s(2010, 200, 0.9), s(2011, 40, 0.2), s(2012, 30, 0.1), s(2013, 20, 0.05)];
    assert.equal(pastDecline(handedOn), undefined);
    // One quiet year is not a period.
    assert.equal(pastDecline([s(2010, 100, 1), s(2011, 10, 1), s(2012, 90, 1)]), undefined);
  });
});

describe('pull requests merged by the maintainer', () => {
  test('a newcomer whose build changes arrive through merges did not push them: no takeover', async () => {
    const repo = new FixtureRepo();
    try {
      founderYears(repo, { 2010: 22, 2011: 4, 2012: 3, 2013: 2, 2014: 2 });
      for (let i = 0; i < 3; i++) {
        repo.git(['checkout', '-q', '-b', `pr${i}`, 'main']);
        repo.commit(N, day('2015-05-01', i * 20), `Build: tweak ${i}`, {
          'configure.ac': `AC_INIT([demo], [2.${i}])\nAC_OUTPUT\n`,
          'package.json': `{"version":"2.${i}.0"}\n`,
        });
        repo.git(['checkout', '-q', 'main']);
        repo.merge(`pr${i}`, M, day('2015-05-02', i * 20), `Merge pull request #${i}`);
      }
      const r = await historyScan(repo.dir, { subject: 'prs' });
      assert.deepEqual(
        r.findings.filter((x) => x.rule === 'history/newcomer-takeover').map((x) => x.explanation),
        [],
      );
    } finally {
      repo.remove();
    }
  });
});
