/**
 * A large archive's gzip output goes to 1 MiB buffers (one held per archive being read, not 33 MiB:
 * decompress.ts); a small archive keeps 256 KiB steps, so a bomb in it stops within 256 KiB of the caps.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { decompressStream, LARGE_GUNZIP_CHUNK_BYTES, LARGE_INPUT_BYTES } from '../../src/sources/archive/decompress.js';
import { InflateBudget } from '../../src/sources/archive/budget.js';
import { resolveLimits } from '../../src/sources/archive/limits.js';

async function backingSizes(gz: Buffer, inputBytes: number): Promise<{ sizes: Set<number>; out: Buffer }> {
  const sizes = new Set<number>();
  const parts: Buffer[] = [];
  for await (const c of decompressStream('tgz', Readable.from([gz]), new InflateBudget(resolveLimits()), inputBytes)) {
    sizes.add((c as Buffer).buffer.byteLength);
    parts.push(c as Buffer);
  }
  return { sizes, out: Buffer.concat(parts) };
}

test('from LARGE_INPUT_BYTES compressed, gzip output lands in 1 MiB buffers; below, in 256 KiB ones; the bytes are the same', async () => {
  const data = randomBytes(4 * LARGE_GUNZIP_CHUNK_BYTES);
  const gz = gzipSync(data);
  const large = await backingSizes(gz, gz.length);
  assert.equal(LARGE_GUNZIP_CHUNK_BYTES, 1024 * 1024);
  assert.deepEqual([...large.sizes], [LARGE_GUNZIP_CHUNK_BYTES], 'one size: a full buffer is followed by a new one of the same size');
  assert.deepEqual(large.out, data);
  const small = await backingSizes(gz, LARGE_INPUT_BYTES - 1);
  assert.ok(
    [...small.sizes].every((n) => n <= 256 * 1024),
    `buffers of ${[...small.sizes].join(', ')} bytes`,
  );
  assert.deepEqual(small.out, data);
});

test('a bomb in a small archive stops within one 256 KiB step past the ratio floor', async () => {
  const gz = gzipSync(Buffer.alloc(64 * 1024 * 1024));
  const budget = new InflateBudget(resolveLimits());
  await assert.rejects(async () => {
    for await (const _ of decompressStream('tgz', Readable.from([gz]), budget, gz.length)) void _;
  }, /compression ratio above 200:1/);
  assert.ok(budget.inflated <= resolveLimits().ratioFloorBytes + 256 * 1024, `inflated ${budget.inflated}`);
});
