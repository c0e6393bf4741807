/**
 * High-entropy runs in executable sections: compressed data hidden where machine code should be is
 * found as one run with its offset and entropy; code-like bytes and non-executable sections are not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { codeEntropyBlobs, shannon } from '../../src/analyzers/binary/entropy.js';
import { SHF_EXECINSTR, type ElfFile } from '../../src/sources/elf/index.js';

const W = 4096;

/** Code-like filler: a small, skewed instruction vocabulary (entropy well under 7.5). */
function codeLike(n: number): Buffer {
  const ops = [0x48, 0x89, 0xe5, 0x8b, 0x45, 0xfc, 0x00, 0x00, 0xc3, 0x55, 0x31, 0xc0, 0xe8, 0x0f, 0x1f, 0x44];
  return Buffer.from(Array.from({ length: n }, (_, i) => ops[(i * 7 + (i >> 3)) % ops.length]!));
}

test('a compressed payload inside .text is one high-entropy run; code and data sections are not', () => {
  const payload = gzipSync(randomBytes(6 * W), { level: 9 }).subarray(0, 3 * W);
  const text = Buffer.concat([codeLike(2 * W), payload, codeLike(2 * W)]);
  const data = randomBytes(4 * W);
  const buf = Buffer.concat([Buffer.alloc(W), text, data]);
  const elf = {
    sections: [
      { name: '.text', flags: SHF_EXECINSTR, offset: W, size: text.length },
      { name: '.rodata', flags: 0, offset: W + text.length, size: data.length },
    ],
  } as unknown as ElfFile;
  const blobs = codeEntropyBlobs(elf, buf);
  assert.equal(blobs.length, 1, JSON.stringify(blobs));
  assert.deepEqual({ ...blobs[0], entropy: undefined }, { section: '.text', offset: 3 * W, length: 3 * W, entropy: undefined });
  const expected = Math.max(...[0, 1, 2].map((i) => shannon(payload.subarray(i * W, (i + 1) * W))));
  assert.equal(blobs[0]!.entropy, Math.round(expected * 100) / 100);
  assert.ok(shannon(codeLike(W)) < 7.5);
});
