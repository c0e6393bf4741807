/**
 * An xz-utils-shaped history built in a temp dir: one maintainer for a decade, a newcomer who climbs
 * to release signer with a new key, then sabotages a Landlock check and adds an opaque test file.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeHistory, type HistoryAnalysis } from '../../src/analyzers/history/analyze.js';
import { HISTORY_RULES } from '../../src/analyzers/history/rules.js';
import { day, fakePgpSignature, FixtureRepo, MAINTAINER as M, NEWCOMER as N, noise } from './fixture-repo.js';

const KEY_A = 'AAAA1111BBBB2222CCCC3333DDDD4444EEEE5555';
const KEY_B = '22D465F2B4C173803B20C6DE59FCF207FEA7F445';

const GOOD_CMAKE = `cmake_minimum_required(VERSION 3.14)
project(demo C)
include(CheckCSourceCompiles)
# Sandboxing: Landlock
check_c_source_compiles("
    #include <linux/landlock.h>
    #include <sys/syscall.h>
    #include <sys/prctl.h>

    void my_sandbox(void)
    {
        (void)prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        (void)SYS_landlock_create_ruleset;
        return;
    }

    int main(void) { return 0; }
    "
    HAVE_LINUX_LANDLOCK)
`;
const SABOTAGED_CMAKE = GOOD_CMAKE.replace('#include <sys/prctl.h>\n', '#include <sys/prctl.h>\n.\n');
const HONEST_CMAKE = SABOTAGED_CMAKE.replace('\n.\n', '\n\n').replace('return;', 'return; /* ok */');

let repo: FixtureRepo;
let r: HistoryAnalysis;
const h: Record<string, string> = {};

before(async () => {
  repo = new FixtureRepo();
  for (let y = 2010; y <= 2020; y++) {
    for (const m of ['01', '04', '07', '10']) {
      h[`m${y}${m}`] = repo.commit(M, day(`${y}-${m}-10`), `work ${y}-${m}`, {
        [`src/file${m}.c`]: `int f${y}_${m}(void) { return ${y}; }\n`,
      });
    }
    if (y === 2012)
      h.cmake = repo.commit(M, day('2012-05-01'), 'Build: add Landlock check', {
        'CMakeLists.txt': GOOD_CMAKE,
        'SECURITY.md': 'Report to lasse@tukaani.example\n',
      });
    if (y % 3 === 1) repo.tag(`v1.${y - 2010}`, M, day(`${y}-11-01`), fakePgpSignature(KEY_A));
  }
  h.first = repo.commit(N, day('2021-03-01'), 'Fix typo', { 'src/file01.c': 'int fixed(void) { return 1; }\n' }, M);
  h.self = repo.commit(N, day('2021-09-01'), 'Refactor', { 'src/file04.c': 'int refactored(void) { return 2; }\n' });
  h.security = repo.commit(N, day('2021-12-01'), 'Docs: update SECURITY.md', { 'SECURITY.md': 'Report to jia@mail.example\n' });
  repo.tag('v2.0', N, day('2022-01-05'), fakePgpSignature(KEY_B));
  h.gitignore = repo.commit(N, day('2022-02-15'), 'Update m4/.gitignore.', { 'm4/.gitignore': 'gettext.m4\nbuild-to-host.m4\n' });
  h.tests = repo.commit(N, day('2022-02-23'), 'Tests: Add a few test files.', { 'tests/files/bad-3-corrupt_lzma2.xz': noise(4096, 7) });
  h.generated = repo.commit(N, day('2022-02-24'), 'Tests: add generated file', {
    'tests/files/good-generated.bin': noise(2048, 9),
    'tests/gen_files.sh': '#!/bin/sh\nhead -c 2048 /dev/urandom > files/good-generated.bin\n',
  });
  h.landlock = repo.commit(N, day('2022-02-26'), 'Build: Fix Linux Landlock feature test', { 'CMakeLists.txt': SABOTAGED_CMAKE });
  h.honest = repo.commit(M, day('2022-03-30'), 'CMake: Fix sabotaged Landlock sandbox check', { 'CMakeLists.txt': HONEST_CMAKE });
  r = await analyzeHistory(repo.dir, { subject: 'demo' });
});
after(() => repo.remove());

const byRule = (rule: string) => r.findings.filter((f) => f.rule === rule);
const commitsOf = (rule: string) => byRule(rule).flatMap((f) => f.evidence.map((e) => e.commit));

describe('xz-shaped takeover history', () => {
  test('reads every commit and tag with no problems', () => {
    assert.equal(r.facts.commits, 44 + 1 + 8);
    assert.equal(r.facts.tags.signed, 5);
    assert.deepEqual(r.problems, []);
  });

  test('newcomer climbing to release tags in a one-releaser project is high, with the ladder as evidence', () => {
    const [f] = byRule('history/fast-trust-escalation');
    assert.ok(f, 'fast-trust-escalation finding');
    assert.equal(f.severity, 'high');
    assert.match(f.title, /Jia Newcomer/);
    const labels = Object.fromEntries(f.evidence.map((e) => [e.label, e]));
    assert.equal(labels['first authored commit']?.commit, h.first);
    assert.equal(labels['first commit as committer']?.commit, h.self);
    assert.equal(labels['first tag']?.field, 'refs/tags/v2.0');
  });

  test('the new signing key of the newcomer is high; the first key ever is info', () => {
    const keys = byRule('history/new-signing-key');
    const b = keys.find((f) => f.title.includes(KEY_B));
    assert.equal(b?.severity, 'high');
    assert.equal(b?.evidence[0]?.field, 'refs/tags/v2.0');
    const a = keys.find((f) => f.title.includes(KEY_A));
    assert.equal(a?.severity, 'info');
    assert.equal(keys.length, 2);
  });

  test('the stray "." in the Landlock check is high and names the commit and line; the fix is not flagged', () => {
    const fs = byRule('history/broken-feature-check');
    assert.equal(fs.length, 1);
    const f = fs[0]!;
    assert.equal(f.severity, 'high');
    assert.equal(f.evidence[0]?.commit, h.landlock);
    assert.equal(f.evidence[0]?.file, 'CMakeLists.txt');
    assert.equal(f.evidence[0]?.excerpt?.trim(), '.');
    assert.equal(f.evidence[0]?.line, 9);
    assert.match(f.title, /HAVE_LINUX_LANDLOCK/);
  });

  test('an opaque high-entropy test file from the newcomer is high; a generated one is not flagged', () => {
    const fs = byRule('history/binary-test-file-without-generator');
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.severity, 'high');
    assert.equal(fs[0]!.evidence[0]?.commit, h.tests);
    assert.equal(fs[0]!.evidence[0]?.file, 'tests/files/bad-3-corrupt_lzma2.xz');
    assert.ok(!commitsOf('history/binary-test-file-without-generator').includes(h.generated));
  });

  test('security contact and .gitignore of a build macro by the newcomer are medium', () => {
    const sec = byRule('history/security-contact-change').find((f) => f.evidence[0]?.commit === h.security);
    assert.equal(sec?.severity, 'medium');
    const gi = byRule('history/gitignore-build-macro');
    assert.equal(gi.length, 1);
    assert.equal(gi[0]!.severity, 'medium');
    assert.equal(gi[0]!.evidence[0]?.commit, h.gitignore);
    assert.match(gi[0]!.title, /build-to-host\.m4/);
  });

  test('every emitted rule has a catalogue entry and commit evidence carries a date', () => {
    const ids = new Set(HISTORY_RULES.map((x) => x.id));
    for (const f of r.findings) {
      assert.ok(ids.has(f.rule), f.rule);
      for (const e of f.evidence) if (e.kind === 'commit') assert.match(e.date ?? '', /^\d{4}-\d{2}-\d{2}$/);
    }
  });

  test("the maintainer's own long record is never flagged above low", () => {
    const mine = new Set(
      Object.entries(h)
        .filter(([k]) => k.startsWith('m') || k === 'cmake' || k === 'honest')
        .map(([, v]) => v),
    );
    for (const f of r.findings) {
      if (['critical', 'high', 'medium'].includes(f.severity)) {
        for (const e of f.evidence)
          assert.ok(!e.commit || !mine.has(e.commit) || e.label?.startsWith('first tag'), `${f.rule} names a maintainer commit`);
      }
    }
  });

  test('--until before the takeover: no later tags, so no escalation or new key yet', async () => {
    const early = await analyzeHistory(repo.dir, { until: '2021-12-31', subject: 'demo' });
    assert.equal(early.facts.tags.total, 4);
    assert.deepEqual(
      early.findings.filter((f) => f.severity === 'high'),
      [],
    );
    assert.ok(early.findings.some((f) => f.rule === 'history/truck-factor-one'));
  });

  test('--since keeps the long-standing maintainer established (first activity from the whole history)', async () => {
    const late = await analyzeHistory(repo.dir, { since: '2020-06-01', subject: 'demo' });
    const lasse = late.facts.people.find((p) => p.name === 'Lasse Maintainer');
    assert.equal(lasse?.firstActivity, '2010-01-10');
    assert.equal(late.findings.find((f) => f.rule === 'history/broken-feature-check')?.severity, 'high');
    assert.equal(late.findings.find((f) => f.rule === 'history/fast-trust-escalation')?.severity, 'high');
  });

  test('person facts give the timeline: months, tags with keys, firsts', () => {
    const jia = r.facts.people.find((p) => p.name === 'Jia Newcomer');
    assert.ok(jia);
    assert.equal(jia.firstAuthored?.commit, h.first);
    assert.equal(jia.firstSignedTag?.key, KEY_B);
    assert.deepEqual(jia.firstPolicyChange, { commit: h.security, date: '2021-12-01', file: 'SECURITY.md' });
    assert.deepEqual(
      jia.tags.map((t) => t.name),
      ['v2.0'],
    );
    assert.equal(jia.months['2022-02'], 4);
    assert.ok(jia.flags.includes('history/broken-feature-check'));
    const lasse = r.facts.people.find((p) => p.name === 'Lasse Maintainer');
    assert.equal(lasse?.tags.length, 4);
    assert.equal(lasse?.tags[0]?.key, KEY_A);
  });
});
