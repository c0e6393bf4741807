/** ELF identification, file header, program headers and section headers. */
import { Bytes, ElfFormatError } from './bytes.js';
import type { ElfMachine, ElfSection, ElfSegment } from './types.js';

export const MAX_SECTIONS = 4096;
export const MAX_SEGMENTS = 512;

export interface ElfHeader {
  bits: 32 | 64;
  littleEndian: boolean;
  type: number;
  machineId: number;
  machine: ElfMachine;
  entry: number;
  phoff: number;
  phentsize: number;
  phnum: number;
  shoff: number;
  shentsize: number;
  shnum: number;
  shstrndx: number;
}

const MACHINES: Record<number, ElfMachine> = { 3: 'i386', 40: 'arm', 62: 'x86-64', 183: 'aarch64' };

export const isElf = (b: Buffer | undefined): boolean =>
  !!b && b.length >= 4 && b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46;

export function readHeader(buf: Buffer): { h: ElfHeader; b: Bytes } {
  if (!isElf(buf)) throw new ElfFormatError('no ELF magic');
  if (buf.length < 52) throw new ElfFormatError(`file header truncated (${buf.length} bytes)`);
  const cls = buf[4];
  const data = buf[5];
  if (cls !== 1 && cls !== 2) throw new ElfFormatError(`unknown ELF class ${cls} at offset 4`);
  if (data !== 1 && data !== 2) throw new ElfFormatError(`unknown ELF data encoding ${data} at offset 5`);
  const is64 = cls === 2;
  const b = new Bytes(buf, data === 1, is64);
  b.check(0, is64 ? 64 : 52, 'ELF header');
  const machineId = b.u16(18);
  const h: ElfHeader = {
    bits: is64 ? 64 : 32,
    littleEndian: data === 1,
    type: b.u16(16),
    machineId,
    machine: MACHINES[machineId] ?? 'other',
    entry: b.word(24),
    phoff: b.word(is64 ? 32 : 28),
    shoff: b.word(is64 ? 40 : 32),
    phentsize: b.u16(is64 ? 54 : 42),
    phnum: b.u16(is64 ? 56 : 44),
    shentsize: b.u16(is64 ? 58 : 46),
    shnum: b.u16(is64 ? 60 : 48),
    shstrndx: b.u16(is64 ? 62 : 50),
  };
  return { h, b };
}

export function readSegments(h: ElfHeader, b: Bytes, problems: string[]): ElfSegment[] {
  const out: ElfSegment[] = [];
  if (!h.phnum || !h.phoff) return out;
  if (h.phentsize < (b.is64 ? 56 : 32)) {
    problems.push(`program header entry size ${h.phentsize} is too small`);
    return out;
  }
  const n = Math.min(h.phnum, MAX_SEGMENTS);
  for (let i = 0; i < n; i++) {
    const o = h.phoff + i * h.phentsize;
    if (!b.has(o, h.phentsize)) {
      problems.push(`program header ${i} at offset ${o} lies outside the file`);
      break;
    }
    out.push(
      b.is64
        ? { type: b.u32(o), flags: b.u32(o + 4), offset: b.u64(o + 8), vaddr: b.u64(o + 16), filesz: b.u64(o + 32), memsz: b.u64(o + 40) }
        : { type: b.u32(o), offset: b.u32(o + 4), vaddr: b.u32(o + 8), filesz: b.u32(o + 16), memsz: b.u32(o + 20), flags: b.u32(o + 24) },
    );
  }
  return out;
}

export function readSections(h: ElfHeader, b: Bytes, problems: string[]): ElfSection[] {
  const out: ElfSection[] = [];
  if (!h.shoff || !h.shnum) return out;
  if (h.shentsize < (b.is64 ? 64 : 40)) {
    problems.push(`section header entry size ${h.shentsize} is too small`);
    return out;
  }
  if (h.shnum > MAX_SECTIONS) problems.push(`${h.shnum} sections: only the first ${MAX_SECTIONS} are read`);
  const n = Math.min(h.shnum, MAX_SECTIONS);
  for (let i = 0; i < n; i++) {
    const o = h.shoff + i * h.shentsize;
    if (!b.has(o, h.shentsize)) {
      problems.push(`section header ${i} at offset ${o} lies outside the file`);
      break;
    }
    const s: ElfSection = b.is64
      ? {
          index: i,
          name: '',
          type: b.u32(o + 4),
          flags: b.u64(o + 8),
          addr: b.u64(o + 16),
          offset: b.u64(o + 24),
          size: b.u64(o + 32),
          link: b.u32(o + 40),
          info: b.u32(o + 44),
          entsize: b.u64(o + 56),
        }
      : {
          index: i,
          name: '',
          type: b.u32(o + 4),
          flags: b.u32(o + 8),
          addr: b.u32(o + 12),
          offset: b.u32(o + 16),
          size: b.u32(o + 20),
          link: b.u32(o + 24),
          info: b.u32(o + 28),
          entsize: b.u32(o + 36),
        };
    (s as { nameOff?: number }).nameOff = b.u32(o);
    out.push(s);
  }
  const strtab = out[h.shstrndx];
  for (const s of out) {
    const nameOff = (s as { nameOff?: number }).nameOff ?? 0;
    delete (s as { nameOff?: number }).nameOff;
    if (strtab && strtab.type !== SHT_NOBITS) s.name = b.cstr(strtab.offset, nameOff, strtab.offset + strtab.size);
  }
  return out;
}

export const SHT_SYMTAB = 2;
export const SHT_RELA = 4;
export const SHT_DYNAMIC = 6;
export const SHT_NOTE = 7;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;
export const SHT_DYNSYM = 11;
export const SHT_INIT_ARRAY = 14;
export const SHT_PREINIT_ARRAY = 16;
export const SHT_GNU_VERSYM = 0x6fffffff;
export const SHT_GNU_VERNEED = 0x6ffffffe;
export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const PT_LOAD = 1;
export const PT_DYNAMIC = 2;

/** File bytes of a section (empty for NOBITS or out-of-bounds sections, with a problem noted). */
export function sectionBytes(b: Bytes, s: ElfSection, problems?: string[]): Buffer {
  if (s.type === SHT_NOBITS || s.size === 0) return Buffer.alloc(0);
  if (!b.has(s.offset, s.size)) {
    problems?.push(`section ${s.name || s.index} (offset ${s.offset}, ${s.size} bytes) lies outside the file`);
    return Buffer.alloc(0);
  }
  return b.buf.subarray(s.offset, s.offset + s.size);
}

/** File offset of a virtual address, through the sections (or the loadable segments). */
export function addrToOffset(addr: number, sections: ElfSection[], segments: ElfSegment[]): number | undefined {
  for (const s of sections) {
    if (s.addr && s.type !== SHT_NOBITS && addr >= s.addr && addr < s.addr + s.size) return s.offset + (addr - s.addr);
  }
  for (const p of segments) {
    if (p.type === PT_LOAD && addr >= p.vaddr && addr < p.vaddr + p.filesz) return p.offset + (addr - p.vaddr);
  }
  return undefined;
}
