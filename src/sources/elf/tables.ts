/** Symbol tables (.symtab, .dynsym) and relocation sections (.rel*, .rela*). */
import type { Bytes } from './bytes.js';
import { SHT_RELA, SHT_NOBITS } from './header.js';
import type { ElfMachine, ElfReloc, ElfSection, ElfSymbol, RelocKind, SymbolType } from './types.js';

export const MAX_SYMBOLS = 2_000_000;
export const MAX_RELOCS = 2_000_000;

const TYPES: Record<number, SymbolType> = { 0: 'notype', 1: 'object', 2: 'func', 3: 'section', 4: 'file', 6: 'tls', 10: 'ifunc' };
const BINDS = ['local', 'global', 'weak'] as const;

export function readSymbols(b: Bytes, sec: ElfSection, sections: ElfSection[], problems: string[]): ElfSymbol[] {
  const ent = b.is64 ? 24 : 16;
  const strtab = sections[sec.link];
  if (sec.type === SHT_NOBITS || !b.has(sec.offset, sec.size)) {
    problems.push(`symbol table ${sec.name} lies outside the file`);
    return [];
  }
  const strOk = strtab && strtab.type !== SHT_NOBITS && b.has(strtab.offset, strtab.size);
  if (!strOk) problems.push(`string table of ${sec.name} is missing or outside the file: symbol names are empty`);
  let n = Math.floor(sec.size / ent);
  if (n > MAX_SYMBOLS) {
    problems.push(`${sec.name}: ${n} symbols, only the first ${MAX_SYMBOLS} read`);
    n = MAX_SYMBOLS;
  }
  const out: ElfSymbol[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const o = sec.offset + i * ent;
    const nameOff = b.u32(o);
    const info = b.is64 ? b.u8(o + 4) : b.u8(o + 12);
    const shndx = b.is64 ? b.u16(o + 6) : b.u16(o + 14);
    const value = b.is64 ? b.u64(o + 8) : b.u32(o + 4);
    const size = b.is64 ? b.u64(o + 16) : b.u32(o + 8);
    out[i] = {
      name: strOk ? b.cstr(strtab.offset, nameOff, strtab.offset + strtab.size) : '',
      value,
      size,
      type: TYPES[info & 0xf] ?? 'other',
      bind: BINDS[info >> 4] ?? 'other',
      shndx,
    };
  }
  return out;
}

const KINDS: Partial<Record<ElfMachine, Record<number, RelocKind>>> = {
  'x86-64': {
    1: 'abs',
    5: 'copy',
    6: 'glob-dat',
    7: 'jump-slot',
    8: 'relative',
    16: 'tls',
    17: 'tls',
    18: 'tls',
    36: 'tls',
    37: 'irelative',
  },
  aarch64: {
    257: 'abs',
    1024: 'copy',
    1025: 'glob-dat',
    1026: 'jump-slot',
    1027: 'relative',
    1028: 'tls',
    1029: 'tls',
    1030: 'tls',
    1031: 'tls',
    1032: 'irelative',
  },
  i386: { 1: 'abs', 5: 'copy', 6: 'glob-dat', 7: 'jump-slot', 8: 'relative', 14: 'tls', 35: 'tls', 36: 'tls', 42: 'irelative' },
  arm: { 2: 'abs', 20: 'copy', 21: 'glob-dat', 22: 'jump-slot', 23: 'relative', 17: 'tls', 18: 'tls', 19: 'tls', 160: 'irelative' },
};

export function relocKind(machine: ElfMachine, type: number): RelocKind {
  return KINDS[machine]?.[type] ?? 'other';
}

/**
 * One REL/RELA section. Symbol names come from the table the section links to (`dynsym` when it
 * links to .dynsym). REL entries keep their implicit addend as 0 (read from the slot by callers).
 */
export function readRelocs(b: Bytes, sec: ElfSection, machine: ElfMachine, symsByIndex: ElfSymbol[], problems: string[]): ElfReloc[] {
  const rela = sec.type === SHT_RELA;
  const ent = b.is64 ? (rela ? 24 : 16) : rela ? 12 : 8;
  if (!b.has(sec.offset, sec.size)) {
    problems.push(`relocation section ${sec.name} lies outside the file`);
    return [];
  }
  let n = Math.floor(sec.size / ent);
  if (n > MAX_RELOCS) {
    problems.push(`${sec.name}: ${n} relocations, only the first ${MAX_RELOCS} read`);
    n = MAX_RELOCS;
  }
  const out: ElfReloc[] = [];
  for (let i = 0; i < n; i++) {
    const o = sec.offset + i * ent;
    let offset: number;
    let sym: number;
    let type: number;
    let addend = 0;
    if (b.is64) {
      offset = b.u64(o);
      sym = b.u32(o + (b.le ? 12 : 8));
      type = b.u32(o + (b.le ? 8 : 12));
      if (rela) addend = b.i64(o + 16);
    } else {
      offset = b.u32(o);
      const info = b.u32(o + 4);
      sym = info >>> 8;
      type = info & 0xff;
      if (rela) addend = b.i32(o + 8);
    }
    out.push({ section: sec.name, offset, type, kind: relocKind(machine, type), symbol: symsByIndex[sym]?.name ?? '', addend });
  }
  return out;
}
