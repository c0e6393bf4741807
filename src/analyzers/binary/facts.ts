/** Facts the binary analyzer hands on: one record per ELF file of a package. */
import type { ElfMachine } from '../../sources/elf/index.js';
import type { EntropyBlob } from './entropy.js';
import type { ReachSummary } from './reach.js';
import type { SignatureHit } from './signatures.js';
import { defineFacts } from '../../core/facts.js';
import { isObj } from '../../core/guards.js';

export type IfuncVerdict = 'cpu-dispatch' | 'complex' | 'linker-access';

export interface IfuncFact {
  /** The IFUNC symbol, when the file names it. */
  symbol?: string;
  /** How it was found: an STT_GNU_IFUNC symbol or an IRELATIVE relocation. */
  via: 'symbol' | 'irelative';
  resolver: ReachSummary;
  verdict: IfuncVerdict;
  /** Why, in words, with the symbols that decided it. */
  reasons: string[];
}

export interface ElfFileFacts {
  path: string;
  size: number;
  /** The archive kept only the first bytes: tables past them are missing. */
  truncated?: boolean;
  machine: ElfMachine;
  bits: 32 | 64;
  kind: 'shared-object' | 'executable' | 'relocatable' | 'other';
  soname?: string;
  needed: string[];
  buildId?: string;
  /** No .symtab: only dynamic symbols are named. */
  stripped: boolean;
  /** Bytes of executable sections. */
  textBytes: number;
  /** Defined dynamic symbols (functions and objects), version suffix removed, sorted. */
  exports: string[];
  /** Undefined dynamic symbols, sorted. */
  imports: string[];
  ifuncs: IfuncFact[];
  /** Constructors (.init_array, .preinit_array, DT_INIT) and, for Node addons, the module registration function. */
  loadTime: {
    entries: number;
    imports: string[];
    dataRefs: string[];
    reachedBytes: number;
    evidence: { name?: string; entry: number; fileOffset: number; section: string }[];
  };
  blobs: EntropyBlob[];
  signatures: SignatureHit[];
  problems: string[];
}

export interface BinaryFacts {
  files: ElfFileFacts[];
  /** ELF-looking files that could not be parsed, and why. */
  /** Files not analysed; `tooLarge`: the size of one over the archive read cap (`--max-file-mb` reads it). */
  unreadable: { path: string; reason: string; tooLarge?: number }[];
  /** Total bytes of ELF files analysed (for throughput). */
  elfBytes: number;
}

export const BINARY_FACTS = defineFacts<BinaryFacts>({
  key: 'binary',
  scope: 'component',
  version: 1,
  about: 'ELF files of a release or .deb: IFUNCs, entropy blobs, reachability, signature hits',
  is: (v): v is BinaryFacts => isObj(v) && Array.isArray(v['files']) && Array.isArray(v['unreadable']),
});
