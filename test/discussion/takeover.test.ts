import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { discuss } from '../../src/app/discuss.js';
import { readRepoContributors } from '../../src/sources/discussions/repo-contributors.js';
import { contributorsFromHistory } from '../../src/analyzers/discussion/history-adapter.js';
import { analyzeHistory } from '../../src/analyzers/history/index.js';
import { FIX, makeRepo, type FakeCommit } from './helpers.js';

const MAREN: [string, string] = ['Maren Holt', 'maren@quill-project.example'];
const KAI: [string, string] = ['Kai Lindqvist', 'kai.lindqvist@mailbox.example'];
const PETER: [string, string] = ['Peter Nakamura', 'pnak@example.net'];

// quill's history: Maren alone from 2018; Kai's patches applied by Maren from 2021; Kai pushes himself
// from May 2023 and tags 1.6.0 — after the Feb–Mar 2023 campaign.
const commits: FakeCommit[] = [
  { author: MAREN, date: '2018-01-01T10:00:00Z', file: 'a.c' },
  { author: MAREN, date: '2019-06-01T10:00:00Z', file: 'a.c' },
  { author: PETER, committer: MAREN, date: '2020-03-02T10:00:00Z', commitDate: '2020-03-05T10:00:00Z', file: 'w.c' },
  { author: KAI, committer: MAREN, date: '2021-03-08T10:00:00Z', commitDate: '2021-05-01T10:00:00Z', file: 'b.c' },
  { author: KAI, committer: MAREN, date: '2022-10-10T10:00:00Z', commitDate: '2022-11-01T10:00:00Z', file: 'b.c' },
  { author: KAI, date: '2023-05-02T10:00:00Z', file: 'b.c' },
  { author: KAI, date: '2023-06-10T10:00:00Z', file: 'c.c' },
];
const repo = makeRepo(commits, [['v1.6.0', KAI, '2023-06-15T10:00:00Z']]);
after(() => rmSync(repo, { recursive: true, force: true }));

describe('repository contributors', () => {
  test('first authored, first self-committed and tags per person', async () => {
    const r = await readRepoContributors(repo);
    const kai = r.contributors.find((c) => c.email === KAI[1])!;
    assert.equal(kai.commits, 4);
    assert.equal(kai.firstAuthored, '2021-03-08T10:00:00.000Z');
    assert.equal(kai.firstCommitted, '2023-05-02T10:00:00.000Z');
    assert.match(kai.firstCommittedHash ?? '', /^[0-9a-f]{40}$/);
    assert.deepEqual(
      kai.tags.map((t) => t.name),
      ['v1.6.0'],
    );
    assert.equal(r.firstCommit, '2018-01-01T10:00:00.000Z');
  });
});

describe('--repo links the campaign to the climb', async () => {
  const r = await discuss([join(FIX, 'synthetic-campaign')], { repo });
  test('one critical finding naming the pressure identities and the climber, with both halves as evidence', () => {
    const t = r.findings.filter((f) => f.rule === 'discussion/pressure-before-takeover');
    assert.equal(t.length, 1);
    const f = t[0]!;
    assert.equal(f.severity, 'critical');
    assert.match(f.title, /Rahul Verma, Oliver Grant, Sven Mertens/);
    assert.match(f.title, /Kai Lindqvist gaining commit rights \(2023-05-02\)/);
    assert.ok(f.evidence.some((e) => e.kind === 'message' && /burnout/.test(e.excerpt ?? '')));
    assert.ok(f.evidence.some((e) => e.kind === 'commit' && /commit rights/.test(e.label ?? '')));
    assert.ok(f.evidence.some((e) => e.field === 'tag' && e.value === 'v1.6.0'));
  });
  test('code contributions come from the repository: the campaigners have none', () => {
    const c = r.findings.find((f) => f.rule === 'discussion/pressure-campaign')!;
    assert.match(c.explanation, /none of them ever contributed code/);
  });
  test('without the climb there is no takeover finding', async () => {
    const quiet = makeRepo(commits.slice(0, 5));
    try {
      const r2 = await discuss([join(FIX, 'synthetic-campaign')], { repo: quiet });
      assert.equal(r2.findings.filter((f) => f.rule === 'discussion/pressure-before-takeover').length, 0);
      assert.equal(r2.findings.filter((f) => f.rule === 'discussion/pressure-campaign').length, 1);
    } finally {
      rmSync(quiet, { recursive: true, force: true });
    }
  });
  test('a path that is not a repository is a problem, not a crash', async () => {
    const r3 = await discuss([join(FIX, 'synthetic-campaign')], { repo: join(FIX, 'healthy-list') });
    assert.ok(r3.problems.some((p) => p.code === 'E_GIT'));
    assert.equal(r3.findings.filter((f) => f.rule === 'discussion/pressure-campaign').length, 1);
  });
});

test("the history analysis' people facts can stand in for reading the repository", async () => {
  const h = await analyzeHistory(repo, { branch: '--all' });
  const r = await discuss([join(FIX, 'synthetic-campaign')], { contributors: contributorsFromHistory(repo, h.facts.people) });
  const t = r.findings.find((f) => f.rule === 'discussion/pressure-before-takeover');
  assert.ok(t, 'takeover finding from history facts');
  assert.match(t.title, /Kai Lindqvist/);
  assert.equal(r.unavailable.length, 0);
});
