/**
 * Function start addresses from `.eh_frame_hdr`'s binary-search table: present in stripped files,
 * so function boundaries are known without a symbol table. Only the encodings every GNU toolchain
 * emits (table: datarel|sdata4) are read; others are reported, not guessed.
 */
import type { Bytes } from './bytes.js';
import type { ElfSection } from './types.js';

const MAX_FDES = 1_000_000;

export function functionStarts(b: Bytes, sections: ElfSection[], problems: string[]): number[] {
  const s = sections.find((x) => x.name === '.eh_frame_hdr');
  if (!s || s.size < 12 || !b.has(s.offset, s.size)) return [];
  const version = b.u8(s.offset);
  const countEnc = b.u8(s.offset + 2);
  const tableEnc = b.u8(s.offset + 3);
  if (version !== 1 || countEnc !== 0x03 || tableEnc !== 0x3b) {
    problems.push(`.eh_frame_hdr uses encodings ${countEnc.toString(16)}/${tableEnc.toString(16)}: function boundaries not read`);
    return [];
  }
  const count = b.u32(s.offset + 8);
  const n = Math.min(count, MAX_FDES, Math.floor((s.size - 12) / 8));
  if (n < count) problems.push(`.eh_frame_hdr lists ${count} functions, ${n} read`);
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = s.addr + b.i32(s.offset + 12 + i * 8);
  return out.sort((x, y) => x - y);
}
