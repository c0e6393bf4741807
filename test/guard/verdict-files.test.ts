/**
 * Guard's kept analyses as files next to the store: a key reads back what was put under it and
 * nothing else; a damaged, foreign or missing entry is a miss; a folder that cannot be written only
 * means "not kept"; the folder keeps the newest entries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileVerdictMemo, VERDICT_FILES_KEEP } from '../../src/app/guard/verdict-files.js';
import { pruneOldest } from '../../src/app/guard/memo-dir.js';

const tempDir = (t: { after: (f: () => void) => void }) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-verdict-files-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

test('what is put under a key is read back under that key only', (t) => {
  const dir = join(tempDir(t), 'guard-verdicts');
  const memo = fileVerdictMemo(dir);
  assert.equal(memo.getAnalysis('guard-verdict|a'), undefined, 'nothing kept yet (the folder does not exist)');
  memo.putAnalysis('guard-verdict|a', { at: 1, findings: [{ rule: 'x' }] });
  memo.putAnalysis('guard-verdict|b', { at: 2, findings: [] });
  assert.deepEqual(memo.getAnalysis('guard-verdict|a'), { at: 1, findings: [{ rule: 'x' }] });
  assert.deepEqual(memo.getAnalysis('guard-verdict|b'), { at: 2, findings: [] });
  assert.equal(memo.getAnalysis('guard-verdict|c'), undefined);
  assert.equal(readdirSync(dir).length, 2, 'one file per key, no temporary file left');
  memo.putAnalysis('guard-verdict|a', { at: 3, findings: [] });
  assert.deepEqual(memo.getAnalysis('guard-verdict|a'), { at: 3, findings: [] }, 'replaced in place');
});

test('a damaged entry, or one that holds another key, is a miss', (t) => {
  const dir = tempDir(t);
  const memo = fileVerdictMemo(dir);
  memo.putAnalysis('k1', { at: 1 });
  memo.putAnalysis('k2', { at: 2 });
  const [f1, f2] = readdirSync(dir).map((n) => join(dir, n));
  const k1File = readFileSync(f1!, 'utf8').includes('"k1"') ? f1! : f2!;
  const k2File = k1File === f1 ? f2! : f1!;
  writeFileSync(k1File, readFileSync(k2File)); // k2's entry under k1's name
  assert.equal(memo.getAnalysis('k1'), undefined);
  writeFileSync(k2File, '{"key":"k2","value":{"at":');
  assert.equal(memo.getAnalysis('k2'), undefined);
});

test('a folder that cannot be written: nothing is kept, nothing throws', (t) => {
  const root = tempDir(t);
  writeFileSync(join(root, 'file'), '');
  const memo = fileVerdictMemo(join(root, 'file', 'guard-verdicts'));
  memo.putAnalysis('k', { at: 1 });
  assert.equal(memo.getAnalysis('k'), undefined);
  if (process.getuid?.() !== 0) {
    const ro = join(root, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o500);
    fileVerdictMemo(ro).putAnalysis('k', { at: 1 });
    assert.equal(fileVerdictMemo(ro).getAnalysis('k'), undefined);
  }
});

test('the folder keeps the newest entries, and leaves files it does not name alone', (t) => {
  const dir = tempDir(t);
  const names = Array.from({ length: 5 }, (_, i) => `${String(i).repeat(64)}.json`);
  names.forEach((n, i) => {
    writeFileSync(join(dir, n), '{}');
    utimesSync(join(dir, n), 1000 + i, 1000 + i);
  });
  writeFileSync(join(dir, 'notes.txt'), '');
  pruneOldest(dir, 3, /^[0-9a-f]{64}\.json$/);
  assert.deepEqual(readdirSync(dir).sort(), [...names.slice(2), 'notes.txt'].sort());
  assert.ok(VERDICT_FILES_KEEP >= 64);
});
