/**
 * One inflated-bytes budget per scan, not per process: a long-lived worker (`vigil worker`) runs
 * scans for days on one set of deps, and each scan job must start with the whole budget again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { withOfflineDeps } from './offline-deps.js';
import { tarHeader } from '../hostile/bombs.js';

const KiB = 1024;

function packageTgz(bytes: number): Buffer {
  const data = randomBytes(bytes);
  return gzipSync(
    Buffer.concat([tarHeader('package/blob.bin', data.length), data, Buffer.alloc(512 - (data.length % 512)), Buffer.alloc(1024)]),
  );
}

test('each scan from forNextScan() draws on a budget of its own; the shared deps keep theirs', async () => {
  await withOfflineDeps({ scanInflateBytes: 1000 * KiB }, async (deps) => {
    const tgz = packageTgz(600 * KiB);
    // Two packages of 600 KiB overrun one 1000 KiB budget …
    assert.equal((await deps.readPackage(tgz, 'a.tgz')).problems, undefined);
    assert.match((await deps.readPackage(tgz, 'b.tgz')).problems?.[0]?.message ?? '', /^b\.tgz: more than .* inflated in this scan/);
    // … but every later scan starts afresh, and two scans do not share theirs.
    const one = deps.forNextScan();
    const two = deps.forNextScan();
    assert.equal((await one.readPackage(tgz, 'c.tgz')).problems, undefined);
    assert.equal((await two.readPackage(tgz, 'd.tgz')).problems, undefined);
    assert.match((await one.readPackage(tgz, 'e.tgz')).problems?.[0]?.message ?? '', /^e\.tgz: more than .* inflated in this scan/);
    assert.equal(one.store, deps.store, 'the same store');
  });
});
