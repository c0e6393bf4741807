/** High-entropy runs inside executable sections: compressed or encrypted data where code should be. */
import { SHF_EXECINSTR, type ElfFile } from '../../sources/elf/index.js';

export interface EntropyBlob {
  section: string;
  /** File offset of the run. */
  offset: number;
  length: number;
  /** Bits per byte (max 8). */
  entropy: number;
}

const WINDOW = 4096;
/** Machine code stays well below this (x86-64 ≈ 5.5–6.6, aarch64 ≈ 5.8–6.4 bits/byte); compressed data is ≥ 7.9. */
export const BLOB_ENTROPY = 7.5;

export function shannon(b: Buffer): number {
  if (!b.length) return 0;
  const counts = new Uint32Array(256);
  for (let i = 0; i < b.length; i++) counts[b[i]!]!++;
  let h = 0;
  for (const c of counts) {
    if (!c) continue;
    const p = c / b.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export function codeEntropyBlobs(elf: ElfFile, buf: Buffer): EntropyBlob[] {
  const out: EntropyBlob[] = [];
  for (const s of elf.sections) {
    if (!(s.flags & SHF_EXECINSTR) || s.size < WINDOW || s.offset + s.size > buf.length) continue;
    let run: EntropyBlob | undefined;
    for (let o = 0; o + WINDOW <= s.size; o += WINDOW) {
      const h = shannon(buf.subarray(s.offset + o, s.offset + o + WINDOW));
      if (h >= BLOB_ENTROPY) {
        if (run && run.offset + run.length === s.offset + o) {
          run.entropy = Math.max(run.entropy, h);
          run.length += WINDOW;
        } else {
          run = { section: s.name, offset: s.offset + o, length: WINDOW, entropy: h };
          out.push(run);
        }
      }
    }
  }
  for (const b of out) b.entropy = Math.round(b.entropy * 100) / 100;
  return out;
}
