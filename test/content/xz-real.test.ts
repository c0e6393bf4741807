/**
 * The real backdoored xz-5.6.1.tar.xz (never committed). Opt-in: set VIGIL_XZ_561 to its path
 * (a public copy is in the GitHub repository 0xlane/xz-cve-2024-3094).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from '../../src/app/inspect.js';

const path = process.env.VIGIL_XZ_561;

test(
  'xz 5.6.1: both payload test files and the build-to-host.m4 decoder chain are flagged',
  { skip: !path && 'set VIGIL_XZ_561 to xz-5.6.1.tar.xz' },
  async () => {
    const r = await inspect(path!, { cwd: '/' });
    const blobs = r.findings
      .filter((f) => f.rule === 'content/blob-read-by-build' && f.severity === 'critical')
      .map((f) => f.evidence[0]!.file)
      .sort();
    assert.deepEqual(blobs, ['tests/files/bad-3-corrupt_lzma2.xz', 'tests/files/good-large_compressed.lzma']);
    const m4 = r.findings.find((f) => f.rule === 'content/build-decoder' && f.evidence[0]!.file === 'm4/build-to-host.m4');
    assert.ok(m4);
    assert.deepEqual(
      m4.evidence.map((e) => e.line),
      [63, 63, 86, 95],
    );
    assert.match(m4.evidence.find((e) => e.label === 'tr-swap')!.excerpt!, /tr "\\t \\-_" " \\t_\\-"/);
  },
);
