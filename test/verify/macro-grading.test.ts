import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { verifyArtifact } from '../../src/app/verify.js';
import type { VerifySummary } from '../../src/analyzers/artifact/types.js';
import { collectMacros } from '../../src/sources/macros/collect.js';
import { cleanup, makeRepo, makeTarGz, tempDir } from './helpers.js';

const body = (serial: string, lines: string[]): string => [`# serial ${serial}`, 'AC_DEFUN([X], [', ...lines, '])', ''].join('\n');
const CANON = {
  'comments.m4': body('4', ['# a comment', 'x=1']),
  'version.m4': body('7', ['m4_define([V], [2.4.7])', "v='2.4.7'"]),
  'patched.m4': body('59', ['path="/lib /usr/lib"', 'y=2']),
  'grown.m4': body('3', ['z=3']),
};

describe('modified macros are graded by what changed', () => {
  let repo: string;
  let work: string;
  let cat: string;
  before(async () => {
    cat = tempDir('vigil-verify-cat-');
    const { catalogue, texts } = collectMacros(
      Object.entries(CANON).map(([name, text]) => ({ name, text, from: 'gnulib 1' })),
      ['gnulib 1'],
      () => true,
    );
    writeFileSync(join(cat, 'catalogue.json'), JSON.stringify(catalogue));
    writeFileSync(join(cat, 'texts.json.gz'), gzipSync(JSON.stringify(texts)));
    repo = makeRepo({ 'configure.ac': 'AC_INIT\n' }, 'v1.0');
    work = tempDir();
    writeFileSync(
      join(work, 'p-1.0.tar.gz'),
      await makeTarGz(
        {
          'configure.ac': 'AC_INIT\n',
          'm4/comments.m4': body('4', ['# another comment', 'x=1']),
          'm4/version.m4': body('7', ['m4_define([V], [2.4.7-dirty])', "v='2.4.7-dirty'"]),
          'm4/patched.m4': body('59', ['path="/lib64 /usr/lib64 /lib /usr/lib"', 'y=2']),
          'm4/grown.m4': body('3', ['z=3', 'eval $(echo payload | xz -d | sh)']),
        },
        'p-1.0',
      ),
    );
  });
  after(() => cleanup(repo, work, cat));

  test('comments → low, version strings → low, small code patch → medium, decoding code → high', async () => {
    const r = await verifyArtifact(join(work, 'p-1.0.tar.gz'), { source: repo, cwd: work, catalogueDir: cat });
    const sev = (file: string): string | undefined =>
      r.findings.find((f) => f.rule === 'artifact/modified-macro' && f.evidence[0]?.file === file)?.severity;
    assert.equal(sev('m4/comments.m4'), 'low');
    assert.equal(sev('m4/version.m4'), 'low');
    assert.equal(sev('m4/patched.m4'), 'medium');
    assert.equal(sev('m4/grown.m4'), 'high');
    const high = r.findings.find((f) => f.severity === 'high')!;
    assert.ok(
      high.evidence.some((e) => e.line === 4 && /xz -d/.test(e.excerpt ?? '')),
      'the decoding line is evidence',
    );
    const s = Object.values(r.facts['verify']!)[0] as VerifySummary;
    assert.deepEqual(s.unexplained.sort(), ['m4/grown.m4', 'm4/patched.m4']);
    assert.equal(s.explained['catalogued-macro'], 2);
  });
});
