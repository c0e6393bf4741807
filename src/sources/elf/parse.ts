/**
 * parseElf: bytes → ElfFile. Never executes or maps anything. A broken file header throws
 * ElfFormatError; a broken table inside an otherwise valid file yields a partial view with the
 * reason in `problems`.
 */
import { ElfFormatError } from './bytes.js';
import { readHeader, readSections, readSegments, SHT_DYNSYM, SHT_REL, SHT_RELA, SHT_SYMTAB } from './header.js';
import { readBuildId, readDynamic, readInitArray } from './dynamic.js';
import { fdeSizes, functionStarts } from './eh-frame.js';
import { gotSymbols, pltStubs } from './plt.js';
import { readRelocs, readSymbols } from './tables.js';
import type { ElfFile, ElfReloc, ElfSymbol } from './types.js';

export function parseElf(buf: Buffer): ElfFile {
  const { h, b } = readHeader(buf);
  const problems: string[] = [];
  const segments = readSegments(h, b, problems);
  const sections = readSections(h, b, problems);
  const guard = <T>(what: string, f: () => T, fallback: T): T => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof ElfFormatError)) throw e;
      problems.push(`${what}: ${e.message}`);
      return fallback;
    }
  };
  const dynsymSec = sections.find((s) => s.type === SHT_DYNSYM);
  const symtabSec = sections.find((s) => s.type === SHT_SYMTAB);
  const dynsym: ElfSymbol[] = dynsymSec ? guard('.dynsym', () => readSymbols(b, dynsymSec, sections, problems), []) : [];
  const symtab: ElfSymbol[] = symtabSec ? guard('.symtab', () => readSymbols(b, symtabSec, sections, problems), []) : [];
  const relocations: ElfReloc[] = [];
  for (const s of sections) {
    if (s.type !== SHT_REL && s.type !== SHT_RELA) continue;
    const linked = sections[s.link];
    const syms = linked === symtabSec ? symtab : dynsym;
    relocations.push(...guard(s.name, () => readRelocs(b, s, h.machine, syms, problems), []));
  }
  const dynamic = guard('dynamic section', () => readDynamic(b, sections, segments, problems), {
    needed: [],
    runpath: [],
    rpath: [],
    bindNow: false,
    textrel: false,
  });
  const allSyms = symtab.length ? symtab : dynsym;
  const initArray = guard('.init_array', () => readInitArray(b, sections, relocations, allSyms, problems), []);
  const got = gotSymbols(relocations);
  const plt = guard('PLT', () => pltStubs(b, h.machine, sections, got), new Map<number, string>());
  const starts = guard('.eh_frame_hdr', () => functionStarts(b, sections, problems), []);
  const sizes = guard('.eh_frame', () => fdeSizes(b, sections, problems), new Map<number, number>());
  const buildId = guard('notes', () => readBuildId(b, sections), undefined);
  return {
    bits: h.bits,
    littleEndian: h.littleEndian,
    type: h.type,
    machine: h.machine,
    machineId: h.machineId,
    entry: h.entry,
    segments,
    sections,
    dynamic,
    dynsym,
    symtab,
    relocations,
    initArray,
    plt,
    got,
    functionStarts: starts,
    functionSizes: sizes,
    ...(buildId ? { buildId } : {}),
    problems,
  };
}
