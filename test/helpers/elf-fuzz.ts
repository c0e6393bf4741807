/** Property-based fuzzing of the ELF reader and analyzer over mutations of gcc-built libraries. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ElfFormatError } from '../../src/sources/elf/index.js';
import { analyzeElf } from '../../src/analyzers/binary/analyze-elf.js';
import { buildLib } from './native-fixtures.js';

/** Mutations of a real library: byte flips, overwritten words and truncation. */
function mutated(base: Buffer): fc.Arbitrary<Buffer> {
  return fc
    .record({
      flips: fc.array(fc.record({ at: fc.nat(base.length - 1), v: fc.integer({ min: 0, max: 255 }) }), { maxLength: 24 }),
      words: fc.array(fc.record({ at: fc.nat(Math.min(base.length, 4096) - 8), v: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) }), {
        maxLength: 6,
      }),
      cut: fc.option(fc.nat(base.length), { nil: undefined }),
    })
    .map(({ flips, words, cut }) => {
      const b = Buffer.from(base);
      for (const f of flips) b[f.at] = f.v;
      for (const w of words) b.writeBigUInt64LE(w.v, w.at);
      return cut === undefined ? b : b.subarray(0, Math.max(cut, 4));
    });
}

/**
 * Mutations of gotpatch-v2 (symbols give every function its length) and, on x86-64, of the stripped
 * asm-resolver-benign (resolvers without a recorded length: their code is decoded by control flow).
 */
export function fuzzElf(runs: number, seed?: number): void {
  const bases = [buildLib('gotpatch-v2'), ...(process.arch === 'x64' ? [buildLib('asm-resolver-benign', { strip: true })] : [])];
  fc.assert(
    fc.property(fc.oneof(...bases.map(mutated)), (b) => {
      try {
        const f = analyzeElf('fuzz.so', b);
        assert.ok(Array.isArray(f.ifuncs) && Array.isArray(f.problems));
      } catch (e) {
        if (!(e instanceof ElfFormatError)) throw e;
      }
    }),
    { numRuns: runs, ...(seed !== undefined ? { seed } : {}) },
  );
}
