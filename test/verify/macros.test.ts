import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { collectMacros } from '../../src/sources/macros/collect.js';
import { judgeMacro, loadMacroCatalogue, loadMacroTexts } from '../../src/sources/macros/catalogue.js';
import { compareSerials, m4Digest, m4Serial } from '../../src/sources/macros/normalize.js';
import { diffLines } from '../../src/analyzers/artifact/line-diff.js';
import { debianUpstreamVersion, tagCandidates } from '../../src/analyzers/artifact/ref-guess.js';
import { nameVersionFromFile } from '../../src/app/load-artifact.js';
import { fixture } from './helpers.js';

describe('m4 serials and digests', () => {
  test('serial line formats aclocal reads', () => {
    assert.equal(m4Serial('# serial 3\n'), '3');
    assert.equal(m4Serial('#serial 5   -*- Autoconf -*-\n'), '5');
    assert.equal(m4Serial('# gettext.m4 serial 77 (gettext-0.22)\n'), '77');
    assert.equal(m4Serial('dnl serial 2\n'), '2');
    assert.equal(m4Serial('# serial 59 LT_INIT\n'), '59');
    assert.equal(m4Serial('AC_DEFUN([X])\n'), undefined);
    assert.ok(compareSerials('30', '3') > 0 && compareSerials('1.10', '1.2') > 0 && compareSerials('4', '4.0') === 0);
  });
  test('CRLF and trailing blanks do not change the digest; a token does', () => {
    assert.equal(m4Digest('a\nb\n'), m4Digest('a \r\nb\r\n\n'));
    assert.notEqual(m4Digest('a\nb\n'), m4Digest('a\nc\n'));
  });
});

describe('judgeMacro', () => {
  const v = (serial: string, body: string): string => `# x.m4 serial ${serial}\n${body}\n`;
  const { catalogue } = collectMacros(
    [
      { name: 'x.m4', text: v('3', 'A'), from: 'gnulib 1' },
      { name: 'x.m4', text: v('5', 'B'), from: 'gnulib 2' },
      { name: 'x.m4', text: v('3', 'A'), from: 'gettext 9' },
    ],
    ['gnulib 1', 'gnulib 2', 'gettext 9'],
  );
  test('statuses', () => {
    assert.deepEqual(catalogue.macros['x.m4']![0]!.from, ['gettext 9', 'gnulib 1'], 'identical content merged');
    assert.equal(judgeMacro(catalogue, 'x.m4', v('3', 'A')).status, 'canonical');
    assert.equal(judgeMacro(catalogue, 'x.m4', v('3', 'EVIL')).status, 'modified');
    assert.equal(judgeMacro(catalogue, 'x.m4', v('30', 'A')).status, 'unknown-serial');
    assert.equal(judgeMacro(catalogue, 'x.m4', v('4', 'C')).status, 'unlisted-serial');
    assert.equal(judgeMacro(catalogue, 'x.m4', 'A\n').status, 'no-serial');
    assert.equal(judgeMacro(catalogue, 'own.m4', 'A\n').status, 'not-catalogued');
    assert.equal(judgeMacro(catalogue, 'x.m4', v('30', 'A')).nearest!.serial, '5');
  });
});

describe('the shipped catalogue', () => {
  test('knows build-to-host.m4 and keeps its canonical texts; rejects the xz serial 30', () => {
    const cat = loadMacroCatalogue();
    const bth = cat.macros['build-to-host.m4']!;
    assert.ok(bth.length >= 1 && bth.every((x) => Number(x.serial) < 30));
    assert.ok(
      cat.sources.some((s) => s.startsWith('gnulib ')) &&
        cat.sources.some((s) => s.startsWith('libtool ')) &&
        cat.sources.some((s) => s.startsWith('autoconf-archive ')),
    );
    const texts = loadMacroTexts();
    for (const x of bth) assert.match(texts[x.sha256]!, /AC_DEFUN\(\[gl_BUILD_TO_HOST\]/);
    const verdict = judgeMacro(cat, 'build-to-host.m4', fixture('autotools-tampered-macro/release/build-to-host.m4'));
    assert.equal(verdict.status, 'unknown-serial');
    assert.ok(!cat.macros['aclocal.m4'], 'project-generated files are not catalogued');
  });
});

describe('helpers', () => {
  test('diffLines marks added lines with their new line numbers', () => {
    const d = diffLines('a\nb\nc\n', 'a\nX\nb\nc\nY\n');
    assert.deepEqual(
      d.filter((x) => x.op === '+').map((x) => [x.line, x.text]),
      [
        [2, 'X'],
        [5, 'Y'],
      ],
    );
    assert.deepEqual(
      diffLines('a\nb\n', 'a\n').map((x) => x.op + x.text),
      ['-b'],
    );
  });
  test('tag candidates and version parsing', () => {
    const c = tagCandidates('5.6.1', 'xz');
    for (const t of ['v5.6.1', '5.6.1', 'xz-5.6.1', 'release-5.6.1', 'v5_6_1']) assert.ok(c.includes(t), t);
    assert.equal(debianUpstreamVersion('1:1.2.13.dfsg-1'), '1.2.13.dfsg');
    assert.equal(debianUpstreamVersion('5.4.1-0.2'), '5.4.1');
    assert.equal(debianUpstreamVersion('2.3+dfsg-1'), '2.3');
    assert.deepEqual(nameVersionFromFile('/x/xz-5.6.1.tar.xz'), { name: 'xz', version: '5.6.1' });
    assert.deepEqual(nameVersionFromFile('zlib_1.3.orig.tar.gz'), { name: 'zlib', version: '1.3' });
    assert.deepEqual(nameVersionFromFile('notes.txt'), {});
  });
});
