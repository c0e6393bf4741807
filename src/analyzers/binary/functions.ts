/**
 * Function boundaries and names: symbol sizes when the file has them, otherwise the next known
 * function start (symbols and `.eh_frame_hdr`), capped at the end of the executable section.
 */
import { SHF_EXECINSTR, type ElfFile, type ElfSection } from '../../sources/elf/index.js';

const MAX_FUNCTION_BYTES = 256 * 1024;
/** Alignment between two functions: at most this many bytes of padding. */
const MAX_PADDING = 64;
/** Bytes of x86 alignment padding: nop, int3, zero fill, and the bytes of the multi-byte nops (0f 1f /0 with 66/2e prefixes). */
const PADDING = new Set([0x90, 0xcc, 0x00, 0x0f, 0x1f, 0x40, 0x44, 0x80, 0x84, 0x66, 0x2e]);

function onlyPadding(buf: Buffer, from: number, to: number): boolean {
  if (from < 0 || to > buf.length) return false;
  for (let i = from; i < to; i++) if (!PADDING.has(buf[i]!)) return false;
  return true;
}

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

  /** Function lengths taken from FDEs (see the constructor). */
  private readonly fdeSizes = new Map<number, number>();

  /** `buf`: the file's bytes, to check what lies past an FDE's end; without it FDE lengths are not used. */
  constructor(
    readonly elf: ElfFile,
    buf?: Buffer,
  ) {
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
    // A stripped file's functions: their FDE lengths, where only alignment padding lies between the
    // end the FDE gives and the next known start (symbol sizes, when present, win). Code in that gap
    // belongs to no unwind entry: a length that hides it is not believed, and the extent runs on to
    // the next start as before.
    if (buf) {
      for (const [start, size] of elf.functionSizes ?? []) {
        if (this.sizes.has(start)) continue;
        const sec = this.execSectionOf(start);
        if (!sec) continue;
        const next = this.starts[this.indexAfter(start)] ?? sec.addr + sec.size;
        const from = sec.offset + (start + size - sec.addr);
        const to = sec.offset + (Math.min(next, sec.addr + sec.size) - sec.addr);
        if (to - from >= 0 && to - from <= MAX_PADDING && onlyPadding(buf, from, to)) this.fdeSizes.set(start, size);
      }
    }
    this.startSet = set;
  }

  /** Index of the first known start after `addr`. */
  private indexAfter(addr: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= addr) lo = mid + 1;
      else hi = mid;
    }
    return lo;
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
    const size = this.sizes.get(addr) ?? this.fdeSizes.get(addr);
    const name = this.names.get(addr);
    if (size) return { start: addr, end: Math.min(addr + size, secEnd), estimated: false, section, ...(name ? { name } : {}) };
    const next = this.starts[this.indexAfter(addr)];
    const end = Math.min(next !== undefined ? next : secEnd, secEnd, addr + MAX_FUNCTION_BYTES);
    return { start: addr, end, estimated: true, section, ...(name ? { name } : {}) };
  }
}
