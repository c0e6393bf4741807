/** scanPatch: the text rules on synthetic patches (no git needed). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPatch } from '../../src/analyzers/history/signals/patch-rules.js';
import type { FilePatch } from '../../src/sources/git/patches.js';

const fp = (path: string, added: string[], removed: string[] = [], context: string[] = []): FilePatch => ({
  commit: 'c'.repeat(40),
  path,
  binary: false,
  truncated: false,
  added: added.map((text, i) => ({ line: i + 1, text })),
  removed: removed.map((text, i) => ({ line: i + 1, text })),
  context: context.map((text, i) => ({ line: i + 1, text })),
});
const rules = (p: FilePatch) => scanPatch(p).hits.map((h) => h.rule);

describe('scanPatch', () => {
  test('a bug-report address that changes is a contact hit; a version bump in AC_INIT is not', () => {
    assert.deepEqual(
      rules(fp('configure.ac', ['AC_INIT([XZ Utils], [5.4.2], [jia@new.example])'], ['AC_INIT([XZ Utils], [5.4.1], [lasse@old.example])'])),
      ['contact'],
    );
    assert.deepEqual(
      rules(
        fp('configure.ac', ['AC_INIT([XZ Utils], [5.4.2], [lasse@old.example])'], ['AC_INIT([XZ Utils], [5.4.1], [lasse@old.example])']),
      ),
      [],
    );
    const h = scanPatch(fp('README', ['Report bugs to <jia@new.example>.'], ['Report bugs to <lasse@old.example>.'])).hits[0]!;
    assert.match(h.excerpt, /\+jia@new\.example -lasse@old\.example/);
  });

  test('any change to a security policy is a hit', () => {
    assert.deepEqual(rules(fp('.github/SECURITY.md', ['Email security@new.example'])), ['security-policy']);
  });

  test('CI: --disable-ifunc or a removed sanitizer is a hit; ordinary --disable flags are not', () => {
    assert.deepEqual(rules(fp('tests/oss-fuzz/build.sh', ['./configure --disable-ifunc --enable-static'])), ['ci']);
    assert.deepEqual(rules(fp('.github/workflows/ci.yml', ['  run: make'], ['  run: CFLAGS=-fsanitize=address make'])), ['ci']);
    assert.deepEqual(rules(fp('.github/workflows/ci.yml', ['  run: ./configure --disable-shared --disable-nls'])), []);
  });

  test('.gitignore of m4 macros (not libtool ones), IFUNC, sandbox detection, snippet check trigger', () => {
    assert.deepEqual(rules(fp('m4/.gitignore', ['libtool.m4'])), []);
    assert.deepEqual(rules(fp('m4/.gitignore', ['build-to-host.m4'])), ['gitignore']);
    assert.deepEqual(rules(fp('src/check/crc64_fast.c', ['__attribute__((__ifunc__("crc64_resolve")))'])), ['ifunc']);
    const cm = scanPatch(fp('CMakeLists.txt', ['.'], [], ['check_c_source_compiles("', '#include <linux/landlock.h>']));
    assert.equal(cm.checkSnippets, true);
    assert.deepEqual(
      scanPatch(fp('CMakeLists.txt', ['    (void)SYS_landlock_create_ruleset;'])).hits.map((h) => h.rule),
      ['sandbox'],
    );
    assert.equal(scanPatch(fp('CMakeLists.txt', ['set(X 1)'])).checkSnippets, false);
  });
});
