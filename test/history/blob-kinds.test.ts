/** binaryBlobs: git's binary rule (a NUL in the first 8,000 bytes) on a streamed cat-file --batch. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { binaryBlobs } from '../../src/sources/git/blob-kinds.js';
import { day, FixtureRepo, MAINTAINER as M } from './fixture-repo.js';

const repo = new FixtureRepo();
after(() => repo.remove());

const text = (n: number) => Buffer.from('abcdefghij\n'.repeat(Math.ceil(n / 11)).slice(0, n));
const withNulAt = (n: number, at: number) => {
  const b = text(n);
  b[at] = 0;
  return b;
};
const files: Record<string, Buffer> = {
  'plain.txt': text(500),
  'empty.txt': Buffer.alloc(0),
  'nul-early.bin': withNulAt(500, 3),
  'nul-at-7999.dat': withNulAt(200_000, 7999),
  'nul-at-8000.txt': withNulAt(200_000, 8000),
  'big-text.txt': text(300_000),
  'big-nul-start.bin': withNulAt(300_000, 0),
};
repo.commit(M, day('2020-01-01'), 'files', files);
const id = (p: string) => repo.git(['rev-parse', `HEAD:${p}`]).trim();

test('binary exactly as git judges it, across chunk boundaries; missing ids are listed, not thrown', async () => {
  const missing = 'ab'.repeat(20);
  // Text between big blobs, so records straddle the pipe's chunks.
  const order = ['big-text.txt', 'plain.txt', 'nul-at-8000.txt', 'nul-early.bin', 'big-nul-start.bin', 'empty.txt', 'nul-at-7999.dat'];
  const k = await binaryBlobs(repo.dir, [...order.map(id), missing, id('plain.txt')]);
  const binary = order.filter((p) => k.binary.has(id(p))).sort();
  assert.deepEqual(binary, ['big-nul-start.bin', 'nul-at-7999.dat', 'nul-early.bin']);
  assert.deepEqual(k.missing, [missing]);
  // The same verdict git's numstat prints as "-".
  const numstat = repo.git(['show', '--numstat', '--format=', 'HEAD']).trim().split('\n');
  const gitBinary = numstat
    .filter((l) => l.startsWith('-\t-\t'))
    .map((l) => l.split('\t')[2]!)
    .sort();
  assert.deepEqual(gitBinary, binary);
});

test('nothing asked, nothing run; ids that are not object ids are ignored', async () => {
  const k = await binaryBlobs(repo.dir, ['--batch-all-objects', 'HEAD']);
  assert.equal(k.binary.size, 0);
  assert.deepEqual(k.missing, []);
});
