/**
 * PLT stubs and GOT slots → symbol names. x86-64 stubs are read by their `jmp *disp(%rip)`
 * instruction (works for lazy, IBT `.plt.sec` and `.plt.got` layouts); aarch64 stubs by their
 * `adrp x16; ldr x17, [x16, #off]` pair.
 */
import type { Bytes } from './bytes.js';
import { sectionBytes } from './header.js';
import type { ElfMachine, ElfReloc, ElfSection } from './types.js';

export function gotSymbols(relocs: ElfReloc[]): Map<number, string> {
  const got = new Map<number, string>();
  for (const r of relocs) {
    if ((r.kind === 'glob-dat' || r.kind === 'jump-slot' || r.kind === 'abs') && r.symbol) got.set(r.offset, r.symbol);
  }
  return got;
}

const PLT_NAMES = new Set(['.plt', '.plt.sec', '.plt.got', '.iplt']);

export const adrpTarget = (insn: number, pc: number): number => {
  const immlo = (insn >>> 29) & 3;
  const immhi = (insn >>> 5) & 0x7ffff;
  let imm = (immhi << 2) | immlo;
  if (imm & 0x100000) imm -= 0x200000;
  return Math.floor(pc / 4096) * 4096 + imm * 4096;
};
export const isAdrp = (insn: number): boolean => (insn & 0x9f000000) >>> 0 === 0x90000000;
/** `ldr Xt, [Xn, #imm]` (64-bit, unsigned offset): returns the byte offset. */
export const ldr64Offset = (insn: number): number | undefined =>
  (insn & 0xffc00000) >>> 0 === 0xf9400000 ? ((insn >>> 10) & 0xfff) * 8 : undefined;

export function pltStubs(b: Bytes, machine: ElfMachine, sections: ElfSection[], got: Map<number, string>): Map<number, string> {
  const plt = new Map<number, string>();
  for (const s of sections) {
    if (!PLT_NAMES.has(s.name)) continue;
    const code = sectionBytes(b, s);
    if (machine === 'x86-64') {
      const entSize = s.entsize >= 8 && s.entsize <= 32 ? s.entsize : 16;
      for (let i = 0; i + 6 <= code.length; i++) {
        if (code[i] !== 0xff || code[i + 1] !== 0x25) continue;
        const slot = s.addr + i + 6 + code.readInt32LE(i + 2);
        const name = got.get(slot);
        if (name) plt.set(s.addr + i - (i % entSize), name);
      }
    } else if (machine === 'aarch64' && b.le) {
      for (let i = 0; i + 8 <= code.length; i += 4) {
        const a = code.readUInt32LE(i);
        if (!isAdrp(a)) continue;
        const off = ldr64Offset(code.readUInt32LE(i + 4));
        if (off === undefined) continue;
        const name = got.get(adrpTarget(a, s.addr + i) + off);
        if (name) plt.set(s.addr + i, name);
      }
    }
  }
  return plt;
}
