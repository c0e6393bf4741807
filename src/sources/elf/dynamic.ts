/** Dynamic section, notes (GNU build-id) and constructor arrays. */
import type { Bytes } from './bytes.js';
import { addrToOffset, SHT_NOBITS, SHT_NOTE, SHT_DYNAMIC, SHT_INIT_ARRAY, SHT_PREINIT_ARRAY, PT_DYNAMIC } from './header.js';
import type { ElfDynamicInfo, ElfReloc, ElfSection, ElfSegment, ElfSymbol } from './types.js';

const DT = {
  NULL: 0,
  NEEDED: 1,
  STRTAB: 5,
  STRSZ: 10,
  INIT: 12,
  SONAME: 14,
  RPATH: 15,
  TEXTREL: 22,
  BIND_NOW: 24,
  RUNPATH: 29,
  FLAGS: 30,
  FLAGS_1: 0x6ffffffb,
} as const;
const MAX_DYN_ENTRIES = 4096;

export function readDynamic(b: Bytes, sections: ElfSection[], segments: ElfSegment[], problems: string[]): ElfDynamicInfo {
  const out: ElfDynamicInfo = { needed: [], runpath: [], rpath: [], bindNow: false, textrel: false };
  const sec = sections.find((s) => s.type === SHT_DYNAMIC);
  const seg = segments.find((p) => p.type === PT_DYNAMIC);
  const start = sec ? sec.offset : seg?.offset;
  const size = sec ? sec.size : seg?.filesz;
  if (start === undefined || size === undefined || (sec && sec.type === SHT_NOBITS)) return out;
  if (!b.has(start, size)) {
    problems.push(`dynamic section at offset ${start} lies outside the file`);
    return out;
  }
  const ent = b.is64 ? 16 : 8;
  const entries: [number, number][] = [];
  for (let o = start; o + ent <= start + size && entries.length < MAX_DYN_ENTRIES; o += ent) {
    const tag = b.sword(o);
    if (tag === DT.NULL) break;
    entries.push([tag, b.word(o + ent / 2)]);
  }
  let strStart: number | undefined;
  let strEnd = 0;
  const linked = sec ? sections[sec.link] : undefined;
  if (linked && linked.type !== SHT_NOBITS && b.has(linked.offset, linked.size)) {
    strStart = linked.offset;
    strEnd = linked.offset + linked.size;
  } else {
    const addr = entries.find(([t]) => t === DT.STRTAB)?.[1];
    const sz = entries.find(([t]) => t === DT.STRSZ)?.[1] ?? 0;
    const off = addr === undefined ? undefined : addrToOffset(addr, sections, segments);
    if (off !== undefined && b.has(off, sz)) {
      strStart = off;
      strEnd = off + sz;
    }
  }
  const str = (v: number): string => (strStart === undefined ? '' : b.cstr(strStart, v, strEnd));
  for (const [tag, val] of entries) {
    if (tag === DT.NEEDED) out.needed.push(str(val));
    else if (tag === DT.SONAME) out.soname = str(val);
    else if (tag === DT.RUNPATH) out.runpath.push(...str(val).split(':').filter(Boolean));
    else if (tag === DT.RPATH) out.rpath.push(...str(val).split(':').filter(Boolean));
    else if (tag === DT.INIT) out.init = val;
    else if (tag === DT.BIND_NOW) out.bindNow = true;
    else if (tag === DT.TEXTREL) out.textrel = true;
    else if (tag === DT.FLAGS) {
      if (val & 0x8) out.bindNow = true;
      if (val & 0x4) out.textrel = true;
    } else if (tag === DT.FLAGS_1 && val & 0x1) out.bindNow = true;
  }
  return out;
}

/** Hex GNU build-id from the first NT_GNU_BUILD_ID note. */
export function readBuildId(b: Bytes, sections: ElfSection[]): string | undefined {
  for (const s of sections) {
    if (s.type !== SHT_NOTE || !b.has(s.offset, s.size)) continue;
    let o = s.offset;
    const end = s.offset + s.size;
    for (let guard = 0; o + 12 <= end && guard < 256; guard++) {
      const namesz = b.u32(o);
      const descsz = b.u32(o + 4);
      const type = b.u32(o + 8);
      const nameAt = o + 12;
      const descAt = nameAt + ((namesz + 3) & ~3);
      const next = descAt + ((descsz + 3) & ~3);
      if (namesz > 256 || descsz > 4096 || next > end) break;
      if (type === 3 && namesz === 4 && b.buf.toString('latin1', nameAt, nameAt + 3) === 'GNU')
        return b.buf.toString('hex', descAt, descAt + descsz);
      o = next;
    }
  }
  return undefined;
}

/**
 * Constructors: every non-null slot of .preinit_array and .init_array. In position-independent
 * files the slots hold 0 and a RELATIVE (or ABS) relocation supplies the address.
 */
export function readInitArray(b: Bytes, sections: ElfSection[], relocs: ElfReloc[], symbols: ElfSymbol[], problems: string[]): number[] {
  const out: number[] = [];
  const byOffset = new Map<number, ElfReloc>();
  for (const r of relocs) if (r.kind === 'relative' || r.kind === 'abs') byOffset.set(r.offset, r);
  const ent = b.is64 ? 8 : 4;
  for (const s of sections) {
    if (s.type !== SHT_INIT_ARRAY && s.type !== SHT_PREINIT_ARRAY) continue;
    if (!b.has(s.offset, s.size)) {
      problems.push(`${s.name} lies outside the file`);
      continue;
    }
    for (let i = 0; i + ent <= s.size && out.length < 65536; i += ent) {
      const slot = s.addr + i;
      const raw = b.word(s.offset + i);
      const r = byOffset.get(slot);
      let addr = raw;
      if (r?.kind === 'relative') addr = r.addend || raw;
      else if (r?.kind === 'abs') addr = (symbols.find((x) => x.name === r.symbol && x.shndx !== 0)?.value ?? 0) + r.addend;
      const allOnes = b.is64 ? addr >= Number.MAX_SAFE_INTEGER : addr === 0xffffffff;
      if (addr !== 0 && !allOnes) out.push(addr);
    }
  }
  return out;
}
