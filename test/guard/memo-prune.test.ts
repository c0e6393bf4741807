/**
 * `vigil cache prune` also empties guard's memo folders next to the store: verdicts past their day
 * always (they are never served again), checks and verdicts older than --older-than; files that are
 * not memo entries stay.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const DAY = 24 * 3600 * 1000;

const cli = (cwd: string, args: string[]) => runCliInProcess(args, { cwd });

function entry(dir: string, name: string, ageMs: number): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, '{}');
  const t = new Date(Date.now() - ageMs);
  utimesSync(file, t, t);
  return file;
}

test('cache prune removes expired guard verdicts, and memo entries older than --older-than; other files stay', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-memo-prune-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const checks = join(dir, 'guard-checks');
  const verdicts = join(dir, 'guard-verdicts');
  const oldCheck = entry(checks, 'a'.repeat(64), 40 * DAY);
  const newCheck = entry(checks, 'b'.repeat(64), 2 * DAY);
  const notes = entry(checks, 'notes.txt', 40 * DAY);
  const expired = entry(verdicts, `${'c'.repeat(64)}.json`, 2 * DAY);
  const fresh = entry(verdicts, `${'d'.repeat(64)}.json`, 60_000);

  const plain = await cli(dir, ['cache', 'prune', '--store', join(dir, 'store.db')]);
  assert.equal(plain.code, 0, plain.err);
  assert.match(plain.out, /pruned 0 guard checks and 1 guard verdicts/);
  assert.deepEqual([oldCheck, newCheck, notes, expired, fresh].map(existsSync), [true, true, true, false, true]);

  const older = await cli(dir, ['cache', 'prune', '--older-than', '30d', '--store', join(dir, 'store.db')]);
  assert.equal(older.code, 0, older.err);
  assert.match(older.out, /pruned 1 guard checks and 0 guard verdicts/);
  assert.deepEqual([oldCheck, newCheck, notes, fresh].map(existsSync), [false, true, true, true]);

  const all = await cli(dir, ['cache', 'prune', '--older-than', '0m', '--store', join(dir, 'store.db')]);
  assert.equal(all.code, 0, all.err);
  assert.deepEqual([newCheck, notes, fresh].map(existsSync), [false, true, false]);
});
