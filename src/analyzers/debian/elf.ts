/**
 * Minimal ELF reader: the dynamic section's DT_NEEDED, DT_SONAME, DT_RUNPATH and DT_RPATH, read
 * with positional reads through the program headers (PT_DYNAMIC, PT_LOAD). Never executes or maps
 * the file; every offset and count is bounds-checked, and anything odd yields `undefined`.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface ElfDynamic {
  needed: string[];
  soname?: string;
  runpath: string[];
  rpath: string[];
}

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const DT = { NULL: 0, NEEDED: 1, STRTAB: 5, STRSZ: 10, SONAME: 14, RPATH: 15, RUNPATH: 29 } as const;
const MAX_PHDRS = 256;
const MAX_DYN_BYTES = 1 << 20;

export function readElfDynamic(path: string): ElfDynamic | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    const read = (pos: number, len: number): Buffer | undefined => {
      if (pos < 0 || len < 0 || pos + len > size) return undefined;
      const b = Buffer.alloc(len);
      return readSync(fd, b, 0, len, pos) === len ? b : undefined;
    };
    const h = read(0, 64);
    if (!h || h.readUInt32BE(0) !== 0x7f454c46) return undefined;
    const is64 = h[4] === 2;
    const le = h[5] === 1;
    if ((h[4] !== 1 && h[4] !== 2) || (h[5] !== 1 && h[5] !== 2)) return undefined;
    const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
    const word = (b: Buffer, o: number) => (is64 ? Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : u32(b, o));
    const phoff = word(h, is64 ? 32 : 28);
    const phentsize = u16(h, is64 ? 54 : 42);
    const phnum = u16(h, is64 ? 56 : 44);
    if (phnum > MAX_PHDRS || phentsize < (is64 ? 56 : 32)) return undefined;
    const loads: { vaddr: number; offset: number; filesz: number }[] = [];
    let dyn: { offset: number; filesz: number } | undefined;
    for (let i = 0; i < phnum; i++) {
      const p = read(phoff + i * phentsize, phentsize);
      if (!p) return undefined;
      const type = u32(p, 0);
      const offset = word(p, is64 ? 8 : 4);
      const vaddr = word(p, is64 ? 16 : 8);
      const filesz = word(p, is64 ? 32 : 16);
      if (type === PT_LOAD) loads.push({ vaddr, offset, filesz });
      if (type === PT_DYNAMIC) dyn = { offset, filesz };
    }
    if (!dyn) return { needed: [], runpath: [], rpath: [] };
    const d = read(dyn.offset, Math.min(dyn.filesz, MAX_DYN_BYTES));
    if (!d) return undefined;
    const entSize = is64 ? 16 : 8;
    const entries: [number, number][] = [];
    for (let o = 0; o + entSize <= d.length; o += entSize) {
      const tag = word(d, o);
      if (tag === DT.NULL) break;
      entries.push([tag, word(d, o + entSize / 2)]);
    }
    const strtabAddr = entries.find(([t]) => t === DT.STRTAB)?.[1];
    const strsz = entries.find(([t]) => t === DT.STRSZ)?.[1] ?? 0;
    const seg = strtabAddr === undefined ? undefined : loads.find((l) => strtabAddr >= l.vaddr && strtabAddr < l.vaddr + l.filesz);
    if (!seg || strsz <= 0 || strsz > MAX_DYN_BYTES) return { needed: [], runpath: [], rpath: [] };
    const strtab = read(strtabAddr! - seg.vaddr + seg.offset, strsz);
    if (!strtab) return undefined;
    const str = (off: number): string => {
      if (off >= strtab.length) return '';
      const end = strtab.indexOf(0, off);
      return strtab.toString('utf8', off, end < 0 ? strtab.length : end);
    };
    const out: ElfDynamic = { needed: [], runpath: [], rpath: [] };
    for (const [tag, val] of entries) {
      if (tag === DT.NEEDED) out.needed.push(str(val));
      else if (tag === DT.SONAME) out.soname = str(val);
      else if (tag === DT.RUNPATH) out.runpath.push(...str(val).split(':').filter(Boolean));
      else if (tag === DT.RPATH) out.rpath.push(...str(val).split(':').filter(Boolean));
    }
    return out;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
