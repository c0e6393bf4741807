/**
 * Function start addresses from `.eh_frame_hdr`'s binary-search table: present in stripped files,
 * so function boundaries are known without a symbol table. Only the encodings every GNU toolchain
 * emits (table: datarel|sdata4) are read; others are reported, not guessed. Each entry points at its
 * FDE in `.eh_frame`, whose address range gives the function's length (fdeSizes).
 */
import type { Bytes } from './bytes.js';
import type { ElfSection } from './types.js';

const MAX_FDES = 1_000_000;

export function functionStarts(b: Bytes, sections: ElfSection[], problems: string[]): number[] {
  return fdeTable(b, sections, problems).map((e) => e.start);
}

/** The `.eh_frame_hdr` table: each function's start and the address of its FDE, sorted by start. */
function fdeTable(b: Bytes, sections: ElfSection[], problems: string[]): { start: number; fde: number }[] {
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
  const out: { start: number; fde: number }[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = { start: s.addr + b.i32(s.offset + 12 + i * 8), fde: s.addr + b.i32(s.offset + 16 + i * 8) };
  return out.sort((x, y) => x.start - y.start);
}

/** DW_EH_PE value formats whose size is fixed: what an FDE's address range can be read with. */
const FIXED_FORMAT: Record<number, { size: number; signed: boolean }> = {
  0x02: { size: 2, signed: false },
  0x03: { size: 4, signed: false },
  0x04: { size: 8, signed: false },
  0x0a: { size: 2, signed: true },
  0x0b: { size: 4, signed: true },
  0x0c: { size: 8, signed: true },
};

function uleb(b: Bytes, off: number): [number, number] {
  let v = 0;
  let shift = 0;
  for (let i = 0; i < 10; i++) {
    const x = b.u8(off + i);
    v += (x & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(x & 0x80)) return [v, off + i + 1];
  }
  throw new RangeError('uleb128 too long');
}

function fixed(b: Bytes, off: number, f: { size: number; signed: boolean }): number {
  if (f.size === 2) return f.signed ? (b.u16(off) << 16) >> 16 : b.u16(off);
  if (f.size === 4) return f.signed ? b.i32(off) : b.u32(off);
  return f.signed ? b.i64(off) : b.u64(off);
}

/**
 * The pointer encoding a CIE gives its FDEs (augmentation 'R'), or undefined when the CIE has none
 * or one this reader does not size (then the FDE's length is not read).
 */
function cieEncoding(b: Bytes, cie: number, end: number): number | undefined {
  let at = cie + 8; // length, CIE id
  const version = b.u8(at++);
  let aug = '';
  for (let c = b.u8(at++); c !== 0 && at < end; c = b.u8(at++)) aug += String.fromCharCode(c);
  if (!aug.startsWith('z')) return undefined;
  if (version >= 4) at += 2; // address size, segment selector size
  [, at] = uleb(b, at); // code alignment
  [, at] = uleb(b, at); // data alignment (sleb: same length)
  if (version === 1) at++;
  else [, at] = uleb(b, at); // return address register
  [, at] = uleb(b, at); // augmentation data length
  for (const ch of aug.slice(1)) {
    if (ch === 'R') return b.u8(at);
    if (ch === 'L') at++;
    else if (ch === 'P') {
      const f = FIXED_FORMAT[b.u8(at) & 0x0f];
      if (!f) return undefined;
      at += 1 + f.size;
    } else if (ch !== 'S' && ch !== 'B') return undefined;
  }
  return undefined;
}

/**
 * Function lengths from the FDEs `.eh_frame_hdr` points at (start → bytes), for the FDEs whose CIE
 * encodes addresses in a fixed-size format. Lengths, like symbol sizes, are what the file says:
 * callers must not take them as proof that no code lies past them.
 */
export function fdeSizes(b: Bytes, sections: ElfSection[], problems: string[]): Map<number, number> {
  const out = new Map<number, number>();
  const eh = sections.find((x) => x.name === '.eh_frame');
  if (!eh || !b.has(eh.offset, eh.size)) return out;
  const end = eh.offset + eh.size;
  const encodings = new Map<number, number | undefined>();
  for (const { start, fde } of fdeTable(b, sections, [])) {
    const off = eh.offset + (fde - eh.addr);
    if (off < eh.offset || off + 16 > end) continue;
    const len = b.u32(off);
    if (len === 0xffffffff || off + 4 + len > end) continue;
    const cie = off + 4 - b.u32(off + 4);
    if (cie < eh.offset || cie + 9 > end) continue;
    let enc = encodings.get(cie);
    if (!encodings.has(cie)) {
      try {
        enc = cieEncoding(b, cie, end);
      } catch {
        enc = undefined;
      }
      encodings.set(cie, enc);
    }
    const f = enc === undefined ? undefined : FIXED_FORMAT[enc & 0x0f];
    if (!f) continue;
    const range = fixed(b, off + 8 + f.size, f);
    if (range > 0 && range < 1 << 30) out.set(start, range);
  }
  if (out.size === 0 && encodings.size > 0) problems.push('.eh_frame: no FDE length read (unsupported encodings)');
  return out;
}
