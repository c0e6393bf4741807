/**
 * Function boundaries and names: symbol sizes when the file has them, otherwise the next known
 * function start (symbols and `.eh_frame_hdr`), capped at the end of the executable section.
 */
import { SHF_EXECINSTR, type ElfFile, type ElfSection } from '../../sources/elf/index.js';

const MAX_FUNCTION_BYTES = 256 * 1024;

export interface FunctionExtent {
  start: number;
  end: number;
  /** True when the end is the next function start rather than a recorded size. */
  estimated: boolean;
  name?: string;
  section: ElfSection;
}

export class FunctionIndex {
  private readonly starts: number[];
  private readonly startSet: Set<number>;
  private readonly sizes = new Map<number, number>();
  private readonly names = new Map<number, string>();
  readonly exec: ElfSection[];

  constructor(readonly elf: ElfFile) {
    this.exec = elf.sections.filter((s) => s.flags & SHF_EXECINSTR && s.size > 0);
    const set = new Set<number>(elf.functionStarts);
    for (const s of [...elf.dynsym, ...elf.symtab]) {
      if (s.shndx === 0 || s.value === 0 || (s.type !== 'func' && s.type !== 'ifunc')) continue;
      set.add(s.value);
      if (s.size > 0) this.sizes.set(s.value, Math.max(this.sizes.get(s.value) ?? 0, s.size));
      const cur = this.names.get(s.value);
      if (!cur || (s.type === 'func' && s.bind === 'local') || cur.startsWith('_')) this.names.set(s.value, s.name);
    }
    this.starts = [...set].sort((a, b) => a - b);
    this.startSet = set;
  }

  /** Whether anything marks function starts (false for a file with neither symbols nor .eh_frame_hdr). */
  get known(): boolean {
    return this.starts.length > 0;
  }

  isStart(addr: number): boolean {
    return this.startSet.has(addr);
  }

  nameAt(addr: number): string | undefined {
    return this.names.get(addr);
  }

  execSectionOf(addr: number): ElfSection | undefined {
    return this.exec.find((s) => addr >= s.addr && addr < s.addr + s.size);
  }

  extent(addr: number): FunctionExtent | undefined {
    const section = this.execSectionOf(addr);
    if (!section) return undefined;
    const secEnd = section.addr + section.size;
    const size = this.sizes.get(addr);
    const name = this.names.get(addr);
    if (size) return { start: addr, end: Math.min(addr + size, secEnd), estimated: false, section, ...(name ? { name } : {}) };
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= addr) lo = mid + 1;
      else hi = mid;
    }
    const next = this.starts[lo];
    const end = Math.min(next !== undefined ? next : secEnd, secEnd, addr + MAX_FUNCTION_BYTES);
    return { start: addr, end, estimated: true, section, ...(name ? { name } : {}) };
  }
}
