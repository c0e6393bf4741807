/**
 * Compression bombs in every container format stop inside the decoder (inflated bytes stay near
 * the cap), give a partial result with E_ARCHIVE_LIMIT naming the archive, and corrupt streams
 * give a clean E_ARCHIVE message (never the decoder library's own text).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { readArchive } from '../../src/sources/archive/index.js';
import { ScanInflateBudget } from '../../src/sources/archive/budget.js';
import { isVigilError } from '../../src/core/errors.js';
import { ordinaryZip, overlappingZip, quotedOverlapZip, tarHeader, zstdBomb } from './bombs.js';

const HOSTILE = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));
const MiB = 1024 * 1024;

function assertStopped(r: Awaited<ReturnType<typeof readArchive>>, origin: string, reason: RegExp, maxInflated: number): void {
  assert.equal(r.problems?.[0]?.code, 'E_ARCHIVE_LIMIT', 'a limit problem is reported');
  assert.match(r.problems![0]!.message, reason);
  assert.ok(r.problems![0]!.message.startsWith(origin), 'the message names the archive');
  assert.ok((r.inflatedBytes ?? Infinity) <= maxInflated, `decoder stopped early (${r.inflatedBytes} bytes inflated)`);
  assert.ok(!r.files.some((f) => f.data && f.data.length > 32 * MiB), 'no huge entry kept');
}

test('bzip2 bomb (1.6 KB → 2 GB): the decoder stops at the ratio cap', async () => {
  const path = `${HOSTILE}bomb-2g.tar.bz2`;
  const r = await readArchive(path);
  assertStopped(r, path, /compression ratio above 200:1/, 20 * MiB);
});

test('zstd bomb (RLE blocks → 10 GB): the decoder stops at the ratio cap, with backpressure', async () => {
  const bomb = zstdBomb(10 * 1024 * MiB);
  assert.ok(bomb.length < 400_000);
  const r = await readArchive(bomb, { origin: 'bomb.tar.zst' });
  assertStopped(r, 'bomb.tar.zst', /compression ratio above 200:1/, 80 * MiB);
});

test('xz bomb (156 KB → 1 GB): the decoder stops at the ratio cap', async () => {
  const path = `${HOSTILE}bomb-1g.tar.xz`;
  const r = await readArchive(path);
  assertStopped(r, path, /compression ratio above 200:1/, 64 * MiB);
});

test('zip whose central-directory entries share one deflate stream is refused before anything is inflated', async () => {
  const zip = overlappingZip(20_000, 4 * MiB);
  const r = await readArchive(zip, { origin: 'overlap.zip' });
  assertStopped(r, 'overlap.zip', /zip entries overlap or share data \("f1\.bin" reuses bytes of "f0\.bin"\)/, 0);
  assert.equal(r.inflatedBytes ?? 0, 0, 'not one byte inflated');
  assert.equal(r.files.length, 0);
});

test('zip whose local headers move each entry\'s data onto one shared stream ("quoted" overlap) is refused before inflating', async () => {
  const zip = quotedOverlapZip(50, MiB);
  const r = await readArchive(zip, { origin: 'quoted.zip' });
  assertStopped(r, 'quoted.zip', /zip entries overlap or share data \("q\d+" reuses bytes of "q\d+"\)/, 0);
  assert.equal(r.inflatedBytes ?? 0, 0, 'not one byte inflated');
  assert.equal(r.files.length, 0);
});

test('an ordinary zip whose central directory lists entries in descending offset order is read whole', async () => {
  const files = Array.from({ length: 300 }, (_, i) => ({ name: `package/f${i}.txt`, data: Buffer.from(`file ${i}\n`.repeat(i + 1)) }));
  const r = await readArchive(ordinaryZip(files, 'descending'), { origin: 'ordinary.zip' });
  assert.equal(r.problems, undefined);
  assert.equal(r.files.length, 300);
  const f7 = r.files.find((f) => f.path === 'f7.txt');
  assert.equal(f7?.data?.toString(), 'file 7\n'.repeat(8));
});

test('small and large zip entries read the same bytes, on the one-call path and the streamed one', async () => {
  const big = Buffer.from('abcdefghij'.repeat(60_000)); // 600 KB: past the one-call bound, streamed
  const files = [
    { name: 'package/small.js', data: Buffer.from('module.exports = 1;\n') },
    { name: 'package/empty.txt', data: Buffer.alloc(0) },
    { name: 'package/big.txt', data: big },
  ];
  const r = await readArchive(ordinaryZip(files), { origin: 'mixed.zip' });
  assert.equal(r.problems, undefined);
  assert.equal(r.files.find((f) => f.path === 'small.js')?.data?.toString(), 'module.exports = 1;\n');
  assert.equal(r.files.find((f) => f.path === 'empty.txt')?.data?.length ?? 0, 0);
  assert.ok(r.files.find((f) => f.path === 'big.txt')?.data?.equals(big));
});

for (const [lie, declared, reason] of [
  ['smaller', 10, /too many bytes in the stream\. expected 10\./],
  ['larger', 5000, /not enough bytes in the stream\. expected 5000\. got only 2000/],
  ['much smaller, for a file past the one-call bound', 10, /too many bytes in the stream\. expected 10\./],
] as const) {
  test(`a zip entry declaring a ${lie} size than it inflates to: a clean E_ARCHIVE naming the zip`, async () => {
    const data = Buffer.alloc(lie.startsWith('much') ? 600_000 : 2000, 'x');
    const zip = ordinaryZip([{ name: 'package/liar.bin', data, declaredSize: declared }]);
    await assert.rejects(readArchive(zip, { origin: 'liar.zip' }), (e: unknown) => {
      assert.ok(isVigilError(e, 'E_ARCHIVE'), String(e));
      assert.match(e.message, /^liar\.zip: cannot read zip archive: /);
      assert.match(e.message, reason);
      return true;
    });
  });
}

test('per-archive inflated-bytes cap holds on data that compresses poorly (ratio never trips)', async () => {
  const data = randomBytes(3 * MiB);
  const tgz = gzipSync(
    Buffer.concat([tarHeader('package/r.bin', data.length), data, Buffer.alloc(512 - (data.length % 512 || 512)), Buffer.alloc(1024)]),
  );
  const r = await readArchive(tgz, { origin: 'big.tgz', limits: { maxInflatedBytes: MiB } });
  assertStopped(r, 'big.tgz', /more than 1 MiB inflated from one archive/, MiB + 128 * 1024);
});

test('per-scan inflated-bytes cap: once spent, later archives stop at once', async () => {
  const data = randomBytes(600 * 1024);
  const tgz = gzipSync(
    Buffer.concat([tarHeader('package/r.bin', data.length), data, Buffer.alloc(512 - (data.length % 512)), Buffer.alloc(1024)]),
  );
  const scanBudget = new ScanInflateBudget(MiB);
  const first = await readArchive(tgz, { origin: 'a.tgz', scanBudget });
  assert.equal(first.problems, undefined);
  const second = await readArchive(tgz, { origin: 'b.tgz', scanBudget });
  assert.match(second.problems?.[0]?.message ?? '', /^b\.tgz: more than 1 MiB inflated in this scan/);
});

test('decompression time cap', async () => {
  const r = await readArchive(zstdBomb(4 * MiB), { origin: 'slow.tar.zst', limits: { maxMillis: -1 } });
  assert.match(r.problems?.[0]?.message ?? '', /decompression took more than/);
});

const corrupt: [string, () => Promise<Buffer>, RegExp][] = [
  [
    'bzip2 with a damaged block',
    async () => Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.alloc(200, 0x41)]),
    /bzip2 data is (corrupt|truncated)/,
  ],
  ['truncated bzip2', async () => (await readFile(`${HOSTILE}bomb-2g.tar.bz2`)).subarray(0, 60), /bzip2 data is (corrupt|truncated)/],
  ['bzip2 header only', async () => Buffer.from('BZh9'), /bzip2 data is (corrupt|truncated)/],
  [
    'zstd with a reserved block type',
    async () => Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38, 0x07, 0x00, 0x00, 0x00]),
    /zstd data is (corrupt|truncated)/,
  ],
  ['truncated gzip', async () => gzipSync(randomBytes(4096)).subarray(0, 100), /gzip data is truncated/],
  ['truncated xz', async () => (await readFile(`${HOSTILE}bomb-1g.tar.xz`)).subarray(0, 60), /xz data is (corrupt|truncated)/],
];
for (const [what, make, expected] of corrupt) {
  test(`${what}: a clean E_ARCHIVE message, no library text`, async () => {
    await assert.rejects(readArchive(await make(), { origin: 'bad-input' }), (e: unknown) => {
      assert.ok(isVigilError(e, 'E_ARCHIVE'), String(e));
      assert.match(e.message, /^bad-input: cannot read/);
      assert.match(e.message, expected);
      assert.doesNotMatch(e.message, /dinosaur|Cannot read properties|undefined|error code \d|eek|meh/i);
      return true;
    });
  });
}
