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
import { day, FixtureRepo, MAINTAINER as M, NEWCOMER as N } from './fixture-repo.js';

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
