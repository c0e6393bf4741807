import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDirectory } from '../../src/sources/archive/index.js';
import { isVigilError } from '../../src/core/errors.js';

test('readDirectory: files, symlinks recorded not followed, .git and node_modules skipped, caps apply', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-dir-'));
  try {
    mkdirSync(join(dir, 'lib'));
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'package.json'), '{"name":"d","version":"1.0.0"}');
    writeFileSync(join(dir, 'lib', 'a.js'), 'module.exports = 1;');
    writeFileSync(join(dir, 'lib', 'big.bin'), Buffer.alloc(5000, 1));
    writeFileSync(join(dir, 'node_modules', 'x', 'i.js'), 'no');
    writeFileSync(join(dir, '.git', 'HEAD'), 'no');
    symlinkSync('/etc/passwd', join(dir, 'lib', 'pw'));
    const r = await readDirectory(dir, { limits: { maxFileBytes: 1000, headBytes: 16 } });
    assert.deepEqual(
      r.files.map((f) => f.path),
      ['lib/a.js', 'lib/big.bin', 'lib/pw', 'package.json'],
    );
    assert.equal(r.files.find((f) => f.path === 'lib/pw')?.linkTarget, '/etc/passwd');
    assert.equal(r.files.find((f) => f.path === 'lib/pw')?.data, undefined);
    const big = r.files.find((f) => f.path === 'lib/big.bin')!;
    assert.equal(big.truncated, true);
    assert.equal(big.head?.length, 16);
    assert.equal(r.format, 'directory');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('readDirectory on a missing folder → E_INPUT_NOT_FOUND', async () => {
  await assert.rejects(readDirectory('/nonexistent/vigil-test'), (e: unknown) => isVigilError(e, 'E_INPUT_NOT_FOUND'));
});
