/** Unit tests: C snippet check, snippet extraction, signature key ids, log parsing, mailmap, path unquoting. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { checkCSyntax } from '../../src/analyzers/history/c-syntax.js';
import { extractSnippets } from '../../src/analyzers/history/snippets.js';
import { buildMailmap, parseMailmap } from '../../src/analyzers/history/mailmap.js';
import { parseSignatureBlock } from '../../src/sources/git/signature.js';
import { COMMIT_MARK, LogParser } from '../../src/sources/git/log-parser.js';
import { unquoteGitPath } from '../../src/sources/git/unquote.js';
import type { GitCommit } from '../../src/sources/git/types.js';
import { fakePgpSignature } from './fixture-repo.js';

describe('checkCSyntax', () => {
  test('valid snippets pass: designated initializers, member access, floats, varargs, for(;;)', () => {
    for (const code of [
      '#include <stdio.h>\nstruct s { int a; } v = { .a = 1 };\nint main(void) { double d = .5 + 1.e3; v.a = 2; for (;;) break; return v.a; }',
      'int f(int n, ...);\nint main(void) { int x[] = {1, 2}; return x[0] ? f(1) : 0; }',
      '#if defined(A) \\\n  || defined(B)\nint main(void) { return 0; }\n#else\ncompile error\n#endif',
      '#ifdef _WIN32\nint ok;\n#else\n  Not a native Windows build target.\n#endif\nint main(void){return 0;}',
    ])
      assert.deepEqual(checkCSyntax(code), { ok: true }, code);
  });

  test('the xz Landlock sabotage (a lone ".") and other impossible code fail, with the line', () => {
    const v = checkCSyntax('\n#include <linux/landlock.h>\n.\nvoid f(void) { return; }\nint main(void) { return 0; }');
    assert.equal(v.ok, false);
    assert.equal(v.line, 3);
    assert.equal(checkCSyntax('int main(void) { return 0; ').ok, false);
    assert.equal(checkCSyntax('int main(void) { return 0; })').ok, false);
    assert.equal(checkCSyntax('int main(void) { @ return 0; }').ok, false);
    assert.equal(checkCSyntax('int x;\n= 3;\nint main(void){return 0;}').ok, false);
  });
});

describe('extractSnippets', () => {
  test('CMake quoted and bracket arguments with their result variable', () => {
    const s = extractSnippets(
      'CMakeLists.txt',
      'check_c_source_compiles("int main(void) { return \\"x\\"[0]; }" HAVE_A)\nCHECK_C_SOURCE_RUNS([=[int main(void){return 0;}]=] HAVE_B)\ncheck_source_compiles(C "int main(void){return 1;}" HAVE_C)',
    );
    assert.deepEqual(
      s.map((x) => [x.variable, x.line]),
      [
        ['HAVE_A', 1],
        ['HAVE_B', 2],
        ['HAVE_C', 3],
      ],
    );
    assert.equal(s[0]!.code, 'int main(void) { return "x"[0]; }');
  });

  test('autoconf AC_LANG_PROGRAM with m4 quoting and quadrigraphs; m4 programming is skipped', () => {
    const s = extractSnippets(
      'configure.ac',
      'AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[@%:@include <x.h>]], [[int a@<:@2@:>@; (void)a;]])])\nAC_LANG_SOURCE([ifelse($1,,x,y)])',
    );
    assert.equal(s.length, 1);
    assert.match(s[0]!.code, /#include <x\.h>/);
    assert.match(s[0]!.code, /int a\[2\];/);
    assert.ok(checkCSyntax(s[0]!.code).ok);
    const single = extractSnippets('m4/x.m4', 'AC_LINK_IFELSE([AC_LANG_SOURCE([\nint main(void) { FUNC[](42); return 0; }\n])])');
    assert.ok(checkCSyntax(single[0]!.code).ok, single[0]!.code);
  });

  test('meson cc.compiles', () => {
    const s = extractSnippets('meson.build', "cc.compiles('''int main(void) { return 0; }''', name: 'x')");
    assert.equal(s[0]?.macro, 'cc.compiles');
  });
});

describe('signatures', () => {
  test('OpenPGP: issuer fingerprint and key id without gpg', () => {
    const s = parseSignatureBlock(fakePgpSignature('22D465F2B4C173803B20C6DE59FCF207FEA7F445', 1679153836));
    assert.deepEqual(s, {
      kind: 'pgp',
      created: 1679153836,
      fingerprint: '22D465F2B4C173803B20C6DE59FCF207FEA7F445',
      keyId: '59FCF207FEA7F445',
    });
  });

  test('SSH: SHA256 fingerprint of the public key blob', () => {
    const str = (b: Buffer) => {
      const l = Buffer.alloc(4);
      l.writeUInt32BE(b.length);
      return Buffer.concat([l, b]);
    };
    const key = Buffer.concat([str(Buffer.from('ssh-ed25519')), str(Buffer.alloc(32, 7))]);
    const v = Buffer.alloc(4);
    v.writeUInt32BE(1);
    const env = Buffer.concat([
      Buffer.from('SSHSIG'),
      v,
      str(key),
      str(Buffer.from('git')),
      str(Buffer.alloc(0)),
      str(Buffer.from('sha512')),
      str(Buffer.alloc(10)),
    ]);
    const s = parseSignatureBlock(`-----BEGIN SSH SIGNATURE-----\n${env.toString('base64')}\n-----END SSH SIGNATURE-----\n`);
    const fp = 'SHA256:' + createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
    assert.equal(s?.fingerprint, fp);
  });

  test('garbage armor is reported as unreadable, not thrown', () => {
    assert.equal(
      parseSignatureBlock('-----BEGIN PGP SIGNATURE-----\n\n!!!!\n-----END PGP SIGNATURE-----')?.unreadable,
      'empty or malformed armor',
    );
    assert.equal(parseSignatureBlock('-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----')?.kind, 'pgp');
  });
});

describe('LogParser', () => {
  test('pairs --raw and --numstat lines per path, binary as undefined counts', () => {
    const out: GitCommit[] = [];
    const p = new LogParser((c) => out.push(c));
    const h = 'a'.repeat(40);
    const z = '0'.repeat(40);
    for (const l of [
      `${COMMIT_MARK}${h}\x1f${'b'.repeat(40)}\x1fAnn\x1fann@x.org\x1f100\x1fBob\x1fbob@x.org\x1f200\x1fsubject\x1fwith sep`,
      '',
      `:000000 100644 ${z} ${'c'.repeat(40)} A\tsrc/new.c`,
      `:100644 100644 ${'d'.repeat(40)} ${'e'.repeat(40)} M\t"odd\\tname"`,
      `:100644 000000 ${'f'.repeat(40)} ${z} D\tdata.bin`,
      '3\t0\tsrc/new.c',
      '1\t1\t"odd\\tname"',
      '-\t-\tdata.bin',
      'garbage line',
    ])
      p.push(l);
    p.flush();
    assert.equal(out.length, 1);
    const c = out[0]!;
    assert.equal(c.subject, 'subject\x1fwith sep');
    assert.deepEqual(
      c.files.map((f) => [f.path, f.status, f.added, f.deleted, f.binary, !!f.oldBlob, !!f.newBlob]),
      [
        ['src/new.c', 'A', 3, 0, false, false, true],
        ['odd\tname', 'M', 1, 1, false, true, true],
        ['data.bin', 'D', undefined, undefined, true, true, false],
      ],
    );
    assert.equal(p.strayLines, 1);
  });

  test('unquoteGitPath decodes octal UTF-8 bytes and escapes', () => {
    assert.equal(unquoteGitPath('"na\\303\\257ve \\"q\\".txt"'), 'naïve "q".txt');
    assert.equal(unquoteGitPath('plain.txt'), 'plain.txt');
  });
});

describe('mailmap', () => {
  test('all four forms; commit-name entries win', () => {
    const mm = buildMailmap(
      parseMailmap(
        '# c\nProper <p@x.org>\n<new@x.org> <old@x.org>\nA B <ab@x.org> <ab@old.org>\nC D <cd@x.org> Weird Name <shared@x.org>\n',
      ),
    );
    assert.deepEqual(mm.map('whatever', 'P@x.org'), { name: 'Proper', email: 'P@x.org' });
    assert.deepEqual(mm.map('Someone', 'old@x.org'), { name: 'Someone', email: 'new@x.org' });
    assert.deepEqual(mm.map('x', 'ab@old.org'), { name: 'A B', email: 'ab@x.org' });
    assert.deepEqual(mm.map('Weird Name', 'shared@x.org'), { name: 'C D', email: 'cd@x.org' });
    assert.deepEqual(mm.map('Other', 'shared@x.org'), { name: 'Other', email: 'shared@x.org' });
  });
});
