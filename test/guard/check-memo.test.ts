/**
 * Passes of guard's lockfile check are remembered by the exact inputs checked: the same package.json
 * and lockfile again skip the check, any change to either runs it again, and a failure is never
 * remembered (its plan goes to npm).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECK_MEMO_KEEP, checkKey, fileCheckMemo, type CheckMemo } from '../../src/app/guard/check-memo.js';
import { lockfileMatchesManifest } from '../../src/app/guard/plan-lockfile.js';

const manifest = { name: 'app', version: '1.0.0', dependencies: { a: '^1.0.0' } };
const lockOf = (aVersion: string, bRange = '^2.0.0') => ({
  name: 'app',
  lockfileVersion: 3,
  packages: {
    '': { name: 'app', version: '1.0.0', dependencies: { a: '^1.0.0' } },
    'node_modules/a': { version: aVersion, dependencies: { b: bRange } },
    'node_modules/b': { version: '2.1.0' },
  },
});

/** A memo that records what it is asked. */
function spy(inner: CheckMemo) {
  const log: string[] = [];
  return {
    log,
    memo: {
      passed: (k: string) => (log.push(`passed? ${inner.passed(k)}`), inner.passed(k)),
      remember: (k: string) => (log.push('remember'), inner.remember(k)),
    },
  };
}

test('a passing check is remembered; the same inputs are then answered from the memo', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-check-memo-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { memo, log } = spy(fileCheckMemo(join(dir, 'checks')));
  const lock = lockOf('1.2.0');
  assert.equal(await lockfileMatchesManifest(dir, 'package-lock.json', { manifest, lock, memo }), true);
  assert.deepEqual(log, ['passed? false', 'remember']);
  assert.equal(readdirSync(join(dir, 'checks')).length, 1);
  assert.equal(await lockfileMatchesManifest(dir, 'package-lock.json', { manifest, lock: structuredClone(lock), memo }), true);
  assert.deepEqual(log, ['passed? false', 'remember', 'passed? true']);
});

test('a changed lockfile is checked again: a failure is not remembered, nor answered by the earlier pass', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-check-memo-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { memo, log } = spy(fileCheckMemo(join(dir, 'checks')));
  assert.equal(await lockfileMatchesManifest(dir, 'package-lock.json', { manifest, lock: lockOf('1.2.0'), memo }), true);
  // a@2.0.0 no longer meets the root's ^1.0.0; then b's locked 2.1.0 no longer meets a's edge.
  for (const lock of [lockOf('2.0.0'), lockOf('1.2.0', '^3.0.0')]) {
    log.length = 0;
    assert.equal(await lockfileMatchesManifest(dir, 'package-lock.json', { manifest, lock, memo }), false);
    assert.deepEqual(log, ['passed? false']);
  }
  assert.equal(readdirSync(join(dir, 'checks')).length, 1);
});

test('the key covers the check, every input and the deciding code', () => {
  const base = checkKey('c', ['app/guard/plan-lockfile.ts'], [manifest, lockOf('1.2.0')]);
  assert.equal(checkKey('c', ['app/guard/plan-lockfile.ts'], [structuredClone(manifest), lockOf('1.2.0')]), base);
  assert.notEqual(checkKey('d', ['app/guard/plan-lockfile.ts'], [manifest, lockOf('1.2.0')]), base);
  assert.notEqual(checkKey('c', ['app/guard/plan-lockfile.ts'], [manifest, lockOf('1.2.1')]), base);
  assert.notEqual(checkKey('c', ['app/guard/plan-lockfile.ts'], [{ ...manifest, version: '1.0.1' }, lockOf('1.2.0')]), base);
  assert.notEqual(checkKey('c', ['inventory/package-lock-v2.ts'], [manifest, lockOf('1.2.0')]), base);
});

test('the memo keeps the newest passes only, and an unwritable folder only means "not remembered"', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-check-memo-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const memo = fileCheckMemo(dir);
  const key = (i: number) => i.toString(16).padStart(64, '0');
  for (let i = 0; i < CHECK_MEMO_KEEP; i++) {
    writeFileSync(join(dir, key(i)), '');
    utimesSync(join(dir, key(i)), 1000 + i, 1000 + i);
  }
  memo.remember(key(CHECK_MEMO_KEEP));
  assert.equal(readdirSync(dir).length, CHECK_MEMO_KEEP);
  assert.equal(memo.passed(key(0)), false, 'the oldest pass went');
  assert.equal(memo.passed(key(1)), true);
  assert.equal(memo.passed(key(CHECK_MEMO_KEEP)), true);
  const blocked = join(dir, 'a-file');
  writeFileSync(blocked, '');
  const under = fileCheckMemo(join(blocked, 'checks'));
  assert.doesNotThrow(() => under.remember(key(1)));
  assert.equal(under.passed(key(1)), false);
});
