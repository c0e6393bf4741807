/**
 * What code reachable from one entry point (an IFUNC resolver, a constructor) touches: the imports it
 * calls, the symbols and GOT slots it references, how much code it spans. Bounded: call depth 3 and
 * 64 functions; anything cut off is counted in `truncated`.
 */
import type { ElfFile } from '../../sources/elf/index.js';
import { codeRefs, flowRefs, probesCpu } from './code-refs.js';
import type { FunctionIndex } from './functions.js';

export interface ReachSummary {
  entry: number;
  entryName?: string;
  /** File offset of the entry (evidence). */
  fileOffset: number;
  section: string;
  /** Size in bytes of the entry function itself. */
  size: number;
  sizeEstimated: boolean;
  /** The size is that of the instructions the entry's control flow reaches (x86-flow.ts), not a recorded length. */
  sizeDecoded?: boolean;
  /** Total bytes of all functions reached. */
  reachedBytes: number;
  /** Bytes of reached functions that execute CPUID/XGETBV (x86) or read ID registers (aarch64): CPU probes. */
  cpuProbeBytes: number;
  /** Internal functions reached (entry excluded). */
  functions: { addr: number; name?: string; size: number; cpuProbe?: boolean }[];
  /** Imported functions called (through the PLT or an indirect call through the GOT). */
  imports: string[];
  /** Symbols referenced as data (GOT slots and named objects). */
  dataRefs: string[];
  /** Stores into the GOT or .got.plt by address (code patching its own relocated pointers). */
  gotWrites: number;
  truncated: number;
}

const MAX_DEPTH = 3;
const MAX_FUNCS = 64;

export class Reacher {
  private readonly objects = new Map<number, string>();
  private readonly gotRanges: [number, number][];

  constructor(
    private readonly elf: ElfFile,
    private readonly buf: Buffer,
    private readonly fns: FunctionIndex,
  ) {
    for (const s of [...elf.dynsym, ...elf.symtab]) {
      if (s.shndx !== 0 && s.value && (s.type === 'object' || s.type === 'tls' || s.type === 'notype') && s.name)
        this.objects.set(s.value, s.name);
    }
    this.gotRanges = elf.sections.filter((s) => s.name === '.got' || s.name === '.got.plt').map((s) => [s.addr, s.addr + s.size]);
  }

  private code(start: number, end: number, secAddr: number, secOffset: number): Buffer {
    const off = secOffset + (start - secAddr);
    const len = end - start;
    if (off < 0 || len <= 0 || off + len > this.buf.length) return Buffer.alloc(0);
    return this.buf.subarray(off, off + len);
  }

  walk(entry: number): ReachSummary | undefined {
    const ext = this.fns.extent(entry);
    if (!ext) return undefined;
    const out: ReachSummary = {
      entry,
      ...(ext.name ? { entryName: ext.name } : {}),
      fileOffset: ext.section.offset + (entry - ext.section.addr),
      section: ext.section.name,
      size: ext.end - ext.start,
      sizeEstimated: ext.estimated,
      reachedBytes: 0,
      cpuProbeBytes: 0,
      functions: [],
      imports: [],
      dataRefs: [],
      gotWrites: 0,
      truncated: 0,
    };
    const imports = new Set<string>();
    const data = new Set<string>();
    const seen = new Set<number>([entry]);
    const queue: { addr: number; depth: number }[] = [{ addr: entry, depth: 0 }];
    while (queue.length) {
      const { addr, depth } = queue.shift()!;
      const e = addr === entry ? ext : this.fns.extent(addr);
      if (!e) continue;
      const bytes = this.code(e.start, e.end, e.section.addr, e.section.offset);
      // An extent without a recorded length runs to the next known start: what the function's own
      // control flow reaches is read instead, when it can be followed (x86-64).
      const flow = e.estimated ? flowRefs(this.elf.machine, bytes, e.start) : undefined;
      const size = flow ? flow.end : e.end - e.start;
      const reached = flow ? flow.bytes : bytes.length;
      out.reachedBytes += reached;
      const probe = flow ? flow.cpuProbe : probesCpu(this.elf.machine, bytes);
      if (probe) out.cpuProbeBytes += reached;
      if (addr === entry) {
        out.size = size;
        if (flow) out.sizeDecoded = true;
      } else out.functions.push({ addr, ...(e.name ? { name: e.name } : {}), size, ...(probe ? { cpuProbe: true } : {}) });
      const refs = flow ? flow.refs : codeRefs(this.elf.machine, bytes, e.start);
      if (!refs) continue;
      const end = flow ? e.start + flow.end : e.end;
      const follow = (t: number, isJump: boolean): void => {
        const imp = this.elf.plt.get(t);
        if (imp) {
          imports.add(imp);
          return;
        }
        if (isJump && t >= e.start && t < end) return;
        if (!this.fns.isStart(t) && (this.fns.known || !this.fns.execSectionOf(t))) return;
        if (seen.has(t)) return;
        seen.add(t);
        if (depth + 1 > MAX_DEPTH || seen.size > MAX_FUNCS) {
          out.truncated++;
          return;
        }
        queue.push({ addr: t, depth: depth + 1 });
      };
      for (const t of refs.calls) follow(t, false);
      for (const t of refs.jumps) follow(t, true);
      for (const slot of refs.indirect) {
        const s = this.elf.got.get(slot);
        if (s) imports.add(s);
      }
      for (const d of refs.data) {
        const s = this.elf.got.get(d.addr) ?? this.objects.get(d.addr);
        if (s) data.add(s);
        if (d.write && this.gotRanges.some(([a, b]) => d.addr >= a && d.addr < b)) out.gotWrites++;
      }
    }
    out.imports = [...imports].sort();
    out.dataRefs = [...data].sort();
    return out;
  }
}
