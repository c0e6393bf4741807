/**
 * False alarms seen on healthy real histories, reduced to their shape: libarchive's configure.ac
 * quotes preprocessor lines inside AC_LANG_PROGRAM's prologue (`[[#include <x.h>] [#if …]]`), and
 * a fuzzing file renamed without change is not "fuzzing weakened".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractSnippets } from '../../src/analyzers/history/snippets.js';
import { checkCSyntax } from '../../src/analyzers/history/c-syntax.js';
import { analyzeHistory } from '../../src/analyzers/history/analyze.js';
import { day, FixtureRepo, MAINTAINER as M, NEWCOMER as N, noise } from './fixture-repo.js';

const LIBARCHIVE_AC = `AC_CACHE_CHECK(
    [whether we have multithread support in lzma],
    ac_cv_lzma_has_mt,
    [AC_LINK_IFELSE([
      AC_LANG_PROGRAM([[#include <lzma.h>]
                       [#if LZMA_VERSION < 50020000]
                       [#error unsupported]
                       [#endif]],
                      [[int ignored __attribute__((unused)); ignored = lzma_stream_encoder_mt(0, 0);]])],
      [ac_cv_lzma_has_mt=yes], [ac_cv_lzma_has_mt=no])])
`;

test('preprocessor lines quoted one per line inside AC_LANG_PROGRAM are C, not stray characters', () => {
  const [s] = extractSnippets('configure.ac', LIBARCHIVE_AC);
  assert.ok(s, 'snippet extracted');
  assert.match(s.code, /^#include <lzma\.h>\n\s*#if LZMA_VERSION < 50020000\n\s*#error unsupported\n\s*#endif/);
  assert.deepEqual(checkCSyntax(s.code), { ok: true });
  // Double quoting still keeps literal brackets of the C code.
  const [arr] = extractSnippets('configure.ac', 'AC_LANG_PROGRAM([[int a[2];]], [[a[0] = 1;]])\n');
  assert.match(arr!.code, /int a\[2\];/);
  assert.deepEqual(checkCSyntax(arr!.code), { ok: true });
  // A real stray character is still caught.
  const [bad] = extractSnippets('configure.ac', 'AC_LANG_PROGRAM([[#include <x.h>]\n [.]], [[return 0;]])\n');
  assert.equal(checkCSyntax(bad!.code).ok, false);
});

test('a fuzzing configuration renamed without change is not fuzzing weakened; removing it is', async () => {
  const repo = new FixtureRepo();
  try {
    const ci =
      'jobs:\n  fuzz:\n    steps:\n      - uses: google/oss-fuzz/infra/cifuzz/actions/run_fuzzers@master\n        with:\n          sanitizer: address\n';
    for (let i = 0; i < 8; i++) repo.commit(M, day('2015-01-01', i * 200), `work ${i}`, { [`src/a${i}.c`]: `int a${i};\n` });
    repo.commit(M, day('2019-01-01'), 'CI: add fuzzing', { '.github/workflows/fuzz.yml': ci });
    repo.commit(N, day('2020-01-01'), 'Add code', { 'src/b.c': 'int b;\n' });
    repo.git(['mv', '.github/workflows/fuzz.yml', '.github/workflows/cifuzz.yml']);
    repo.commit(N, day('2020-02-01'), 'CI: rename the fuzzing workflow');
    const moved = repo.git(['rev-parse', 'HEAD']).trim();
    repo.git(['rm', '-q', '.github/workflows/cifuzz.yml']);
    repo.commit(N, day('2020-03-01'), 'CI: drop fuzzing');
    const dropped = repo.git(['rev-parse', 'HEAD']).trim();
    const r = await analyzeHistory(repo.dir, { subject: 'demo' });
    const weakened = r.findings.filter((f) => f.rule === 'history/ci-fuzzing-weakened').map((f) => f.evidence[0]?.commit);
    assert.ok(!weakened.includes(moved), 'pure rename flagged');
    assert.ok(weakened.includes(dropped), 'removal not flagged');
  } finally {
    repo.remove();
  }
});

test('a fuzzing configuration renamed with edits (git does not pair them) is not fuzzing weakened; dropping the token is', async () => {
  const repo = new FixtureRepo();
  try {
    for (let i = 0; i < 8; i++) repo.commit(M, day('2015-01-01', i * 200), `work ${i}`, { [`src/a${i}.c`]: `int a${i};\n` });
    repo.commit(M, day('2019-01-01'), 'Tests: add fuzzing', { 'tests/fuzz/config/fuzz.options': '[libfuzzer]\ndict = fuzz.dict\n' });
    repo.commit(N, day('2020-01-01'), 'Add code', { 'src/b.c': 'int b;\n' });
    // Renamed, and its content edited so much that git sees a deletion and an addition.
    repo.git(['rm', '-q', 'tests/fuzz/config/fuzz.options']);
    repo.commit(N, day('2020-02-01'), 'Tests: rename the fuzzing files', {
      'tests/fuzz/config/fuzz_decode.options': '[libfuzzer]\nmax_len = 4096\ndict = fuzz_decode.dict\n',
    });
    const moved = repo.git(['rev-parse', 'HEAD']).trim();
    // The same shape, but the new file no longer configures the fuzzer.
    repo.git(['rm', '-q', 'tests/fuzz/config/fuzz_decode.options']);
    repo.commit(N, day('2020-03-01'), 'Tests: simplify the options', { 'tests/fuzz/config/decode.options': '[runner]\nmax_len = 4096\n' });
    const dropped = repo.git(['rev-parse', 'HEAD']).trim();
    const r = await analyzeHistory(repo.dir, { subject: 'demo' });
    const weakened = r.findings.filter((f) => f.rule === 'history/ci-fuzzing-weakened').map((f) => f.evidence[0]?.commit);
    assert.ok(!weakened.includes(moved), 'rename with edits flagged');
    assert.ok(weakened.includes(dropped), 'token dropped on the way not flagged');
  } finally {
    repo.remove();
  }
});

test("libarchive's feature checks (`#if`/`#ifndef` quoted inside AC_LANG_PROGRAM) pushed by a newcomer are not broken checks; a stray '.' is", async () => {
  const repo = new FixtureRepo();
  try {
    for (let i = 0; i < 8; i++) repo.commit(M, day('2015-01-01', i * 200), `work ${i}`, { [`src/a${i}.c`]: `int a${i};\n` });
    repo.commit(M, day('2019-01-01'), 'build: configure', { 'configure.ac': 'AC_INIT([demo], [1.0])\nAC_PROG_CC\n' });
    const ifndef = LIBARCHIVE_AC.replace(
      '#if LZMA_VERSION < 50020000',
      '#ifndef LZMA_VERSION_MAJOR]\n                       [#error no version]\n                       [#endif]\n                       [#if LZMA_VERSION < 50020000',
    );
    const valid = repo.commit(N, day('2020-01-01'), 'build: check lzma multithreading', {
      'configure.ac': `AC_INIT([demo], [1.0])\nAC_PROG_CC\n${ifndef}`,
    });
    const broken = repo.commit(N, day('2020-02-01'), 'build: check lzma multithreading again', {
      'configure.ac': `AC_INIT([demo], [1.0])\nAC_PROG_CC\n${ifndef.replace('[#error unsupported]', '[#error unsupported]\n                       [.]')}`,
    });
    const r = await analyzeHistory(repo.dir, { subject: 'demo' });
    const checks = r.findings.filter((f) => f.rule === 'history/broken-feature-check').map((f) => f.evidence[0]?.commit);
    assert.ok(!checks.includes(valid), 'valid preprocessor lines flagged');
    assert.ok(checks.includes(broken), 'stray character not flagged');
  } finally {
    repo.remove();
  }
});

test("merge-aware: a newcomer's opaque test file merged by the maintainer is not pushed alone; pushed alone it is high", async () => {
  const repo = new FixtureRepo();
  try {
    for (let i = 0; i < 8; i++) repo.commit(M, day('2012-01-01', i * 300), `work ${i}`, { [`src/a${i}.c`]: `int a${i};\n` });
    repo.commit(N, day('2020-01-01'), 'Add code', { 'src/b.c': 'int b;\n' }, M);
    // A pull request: the newcomer's branch (author = committer), merged with a merge commit by the maintainer.
    repo.git(['checkout', '-q', '-b', 'pr']);
    const merged = repo.commit(N, day('2020-02-01'), 'tests: add sample', { 'tests/files/sample.bin': noise(4096, 1) });
    repo.git(['checkout', '-q', 'main']);
    repo.commit(M, day('2020-02-02'), 'unrelated', { 'src/c.c': 'int c;\n' });
    repo.merge('pr', M, day('2020-02-03'), 'Merge pull request #7');
    const pushed = repo.commit(N, day('2020-03-01'), 'tests: add another sample', { 'tests/files/other.bin': noise(4096, 2) });
    const r = await analyzeHistory(repo.dir, { subject: 'demo' });
    const sev = (c: string) =>
      r.findings.find((f) => f.rule === 'history/binary-test-file-without-generator' && f.evidence[0]?.commit === c)?.severity;
    assert.equal(sev(pushed), 'high');
    assert.ok(sev(merged) !== 'high' && sev(merged) !== 'medium', `merged by the maintainer: ${sev(merged)}`);
  } finally {
    repo.remove();
  }
});

test('a certificate regenerated by a script that writes a templated name (`-out $PREFIX-ca.der`) has a generator; a mere `$tmp.der` does not', async () => {
  const repo = new FixtureRepo();
  try {
    for (let i = 0; i < 8; i++) repo.commit(M, day('2012-01-01', i * 300), `work ${i}`, { [`src/a${i}.c`]: `int a${i};\n` });
    repo.commit(N, day('2020-01-01'), 'certs: scripts', {
      'tests/certs/scripts/genroot.sh': '#!/bin/sh\nPREFIX=$1\nopenssl x509 -in $PREFIX-ca.crt -outform der -out $PREFIX-ca.der\n',
      'tests/other/scripts/conv.sh': '#!/bin/sh\nopenssl x509 -outform der -out $tmp.der\n',
    });
    const certs = repo.commit(N, day('2020-01-02'), 'certs: regenerate', { 'tests/certs/Root-ca.der': noise(4096, 3) });
    const other = repo.commit(N, day('2020-01-03'), 'add key', { 'tests/other/key.der': noise(4096, 4) });
    const r = await analyzeHistory(repo.dir, { subject: 'demo' });
    const flagged = r.findings.filter((f) => f.rule === 'history/binary-test-file-without-generator').map((f) => f.evidence[0]?.commit);
    assert.ok(!flagged.includes(certs), 'templated generator not recognised');
    assert.ok(flagged.includes(other), '`$tmp.der` taken for a generator');
  } finally {
    repo.remove();
  }
});

test("a newcomer's tag on a commit no branch contains (a vendor's tag) is a medium escalation; on the main line it is high", async () => {
  for (const dangling of [true, false]) {
    const repo = new FixtureRepo();
    try {
      for (let i = 0; i < 8; i++) {
        repo.commit(M, day('2012-01-01', i * 200), `work ${i}`, { [`src/a${i}.c`]: `int a${i};\n` });
        if (i % 2) repo.tag(`v1.${i}`, M, day('2012-01-02', i * 200));
      }
      repo.git(['checkout', '-q', '-b', 'vendor']);
      repo.commit(N, day('2017-01-01'), 'vendor tweak', { 'src/v.c': 'int v;\n' });
      repo.tag('1.7-vendor', N, day('2017-01-03'));
      repo.git(['checkout', '-q', 'main']);
      if (dangling) repo.git(['branch', '-q', '-D', 'vendor']);
      else repo.git(['merge', '-q', '--ff-only', 'vendor']);
      const r = await analyzeHistory(repo.dir, { subject: 'demo' });
      const f = r.findings.find((x) => x.rule === 'history/fast-trust-escalation');
      assert.equal(f?.severity, dangling ? 'medium' : 'high', `dangling=${dangling}`);
      if (dangling) assert.match(f.explanation, /1\.7-vendor points to a commit no branch contains/);
    } finally {
      repo.remove();
    }
  }
});

test('a patch written before the repository began (old author date, committed later) does not make its founder a newcomer', async () => {
  const repo = new FixtureRepo();
  try {
    const readme = (who: string) => `demo\n\nReport bugs to ${who}.\n`;
    // The founder imports the project's releases in the repository's first days (zlib's shape)...
    for (let i = 0; i < 6; i++) repo.commit(M, day('2011-09-09', i), `demo 1.${i}`, { [`src/a${i}.c`]: `int a${i};\n` });
    const founderContact = repo.commit(M, day('2011-09-10'), 'demo 1.6', { README: readme('lasse@tukaani.example') });
    for (let i = 0; i < 8; i++) repo.commit(M, day('2012-01-01', i * 90), `work ${i}`, { [`src/b${i}.c`]: `int b${i};\n` });
    // ...and two years later merges a patch its author wrote a year before the repository existed.
    repo.commit(N, day('2013-03-24'), 'Add man pages', { 'doc/demo.1': '.TH demo 1\n' }, M, day('2010-07-06'));
    // A real newcomer who changes the contact on their own still counts.
    const later = { name: 'Late Comer', email: 'late@mail.example' };
    repo.commit(later, day('2014-01-01'), 'Add code', { 'src/c.c': 'int c;\n' });
    const newcomerContact = repo.commit(later, day('2014-02-01'), 'README: new contact', { README: readme('late@mail.example') });
    const r = await analyzeHistory(repo.dir, { subject: 'demo' });
    const contact = (c: string) => r.findings.find((f) => f.rule === 'history/security-contact-change' && f.evidence[0]?.commit === c);
    assert.equal(contact(founderContact)?.severity, 'low', 'the founder is not a newcomer');
    assert.equal(contact(newcomerContact)?.severity, 'medium');
  } finally {
    repo.remove();
  }
});
