/**
 * zstd frame headers are checked before the decoder allocates their window: a declared window (or
 * single-segment content size) above the cap stops the archive with a limit naming it, while
 * ordinary streams (several frames, skippable frames, checksums, single segment) read as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readArchive } from '../../src/sources/archive/index.js';
import { LimitReached } from '../../src/sources/archive/limit-reached.js';
import { ZstdFrameGuard } from '../../src/sources/archive/zstd-frames.js';
import { zstdBomb } from '../hostile/bombs.js';

const FIX = fileURLToPath(new URL('../fixtures/archive/', import.meta.url));
const MiB = 1024 * 1024;
/**
 * Made by the zstd CLI: a frame with an 8 MiB window and an XXH64 checksum (level 19), a 14-byte
 * skippable frame, then a single-segment frame of 5,120 bytes without checksum (level 3).
 */
const multiFrame = readFileSync(`${FIX}zstd/multi-frame.tar.zst`);
const SECOND_FRAME = 197 + 14;

function feedBytewise(g: ZstdFrameGuard, b: Buffer): void {
  for (let i = 0; i < b.length; i++) g.feed(b.subarray(i, i + 1));
}

test('several frames, a skippable frame and checksums read in full', async () => {
  const r = await readArchive(multiFrame, { origin: 'multi.tar.zst' });
  assert.equal(r.problems, undefined);
  assert.deepEqual(r.files.map((f) => f.path).sort(), ['index.js', 'lib/a.js', 'package.json']);
  // The walker follows frame and block boundaries however the bytes are sliced.
  assert.doesNotThrow(() => feedBytewise(new ZstdFrameGuard(8 * MiB), multiFrame));
});

test('a frame declaring a 1.9 GiB window stops before the decoder allocates it', async () => {
  const bomb = zstdBomb(12 * MiB, 0xa7);
  const r = await readArchive(bomb, { origin: 'window.tar.zst' });
  assert.equal(r.problems?.[0]?.code, 'E_ARCHIVE_LIMIT');
  assert.match(r.problems![0]!.message, /^window\.tar\.zst: zstd frame declares a 1920 MiB window, above the 128 MiB limit/);
  assert.equal(r.inflatedBytes ?? 0, 0, 'nothing was decoded');
  assert.throws(() => feedBytewise(new ZstdFrameGuard(128 * MiB), bomb), LimitReached);
});

test('the window descriptor is read, not guessed: the 2 MiB window of the CLI-made fixture passes a 2 MiB cap and not a 1 MiB one', async () => {
  const pkg = readFileSync(`${FIX}basic/pkg.tar.zst`);
  const ok = await readArchive(pkg, { origin: 'pkg.tar.zst', limits: { maxZstdWindowBytes: 2 * MiB } });
  assert.equal(ok.problems, undefined);
  assert.equal(ok.files.length, 3);
  const refused = await readArchive(pkg, { origin: 'pkg.tar.zst', limits: { maxZstdWindowBytes: MiB } });
  assert.match(refused.problems?.[0]?.message ?? '', /^pkg\.tar\.zst: zstd frame declares a 2 MiB window, above the 1 MiB limit/);
});

test('a single-segment frame is judged by its declared content size', () => {
  // Descriptor 0xe0: single segment, 8-byte content size (2^33), no dictionary, no checksum.
  const header = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xe0]), Buffer.from([0, 0, 0, 0, 2, 0, 0, 0])]);
  assert.throws(
    () => new ZstdFrameGuard(128 * MiB).feed(header),
    (e: unknown) => e instanceof LimitReached && /declares a 8192 MiB window/.test(e.message),
  );
  // The fixture's last frame is single segment: 5,120 bytes declared, so a 4 KiB cap refuses it.
  assert.equal(multiFrame.readUInt32LE(SECOND_FRAME), 0xfd2fb528);
  assert.throws(() => feedBytewise(new ZstdFrameGuard(4 * 1024), multiFrame.subarray(SECOND_FRAME)), /declares a 5120 bytes window/);
  assert.doesNotThrow(() => feedBytewise(new ZstdFrameGuard(5 * 1024), multiFrame.subarray(SECOND_FRAME)));
});

test('bytes where a frame must start and reserved block types are corrupt data, not a crash', () => {
  assert.throws(() => new ZstdFrameGuard(MiB).feed(Buffer.from('not zstd')), /no frame magic/);
  const reservedBlock = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38, 0x06, 0x00, 0x00]);
  assert.throws(() => new ZstdFrameGuard(MiB).feed(reservedBlock), /reserved block type/);
});
