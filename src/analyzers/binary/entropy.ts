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

/** c·log2(c) for every count a window can hold: a window's entropy without a logarithm per byte value. */
const C_LOG_C = Float64Array.from({ length: WINDOW + 1 }, (_, c) => (c ? c * Math.log2(c) : 0));

/** shannon() of one WINDOW-byte slice, by table: log2(N) − Σ c·log2(c) / N. */
function windowEntropy(buf: Buffer, from: number, counts: Uint32Array): number {
  counts.fill(0);
  for (let i = from, end = from + WINDOW; i < end; i++) counts[buf[i]!]!++;
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += C_LOG_C[counts[v]!]!;
  return Math.log2(WINDOW) - sum / WINDOW;
}

export function codeEntropyBlobs(elf: ElfFile, buf: Buffer): EntropyBlob[] {
  const out: EntropyBlob[] = [];
  const counts = new Uint32Array(256);
  for (const s of elf.sections) {
    if (!(s.flags & SHF_EXECINSTR) || s.size < WINDOW || s.offset + s.size > buf.length) continue;
    let run: EntropyBlob | undefined;
    for (let o = 0; o + WINDOW <= s.size; o += WINDOW) {
      const h = windowEntropy(buf, s.offset + o, counts);
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
