/** Parsed view of one ELF file: only what vigil's binary analyzers read. Addresses are virtual addresses. */

export type ElfMachine = 'x86-64' | 'aarch64' | 'i386' | 'arm' | 'other';

export interface ElfSection {
  index: number;
  name: string;
  type: number;
  flags: number;
  addr: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  entsize: number;
}

export interface ElfSegment {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
}

export type SymbolType = 'notype' | 'object' | 'func' | 'section' | 'file' | 'tls' | 'ifunc' | 'other';

export interface ElfSymbol {
  name: string;
  value: number;
  size: number;
  type: SymbolType;
  bind: 'local' | 'global' | 'weak' | 'other';
  /** Section index; 0 = undefined (an import). */
  shndx: number;
  /** Symbol version suffix for dynamic symbols when known (`GLIBC_2.2.5`). */
  version?: string;
}

export type RelocKind = 'irelative' | 'jump-slot' | 'glob-dat' | 'relative' | 'abs' | 'copy' | 'tls' | 'other';

export interface ElfReloc {
  /** Section the relocation was read from (`.rela.dyn`). */
  section: string;
  /** Address the relocation patches. */
  offset: number;
  type: number;
  kind: RelocKind;
  /** Symbol name (dynamic symbol table), empty when none. */
  symbol: string;
  addend: number;
}

export interface ElfDynamicInfo {
  needed: string[];
  soname?: string;
  runpath: string[];
  rpath: string[];
  /** DT_INIT address, when present. */
  init?: number;
  bindNow: boolean;
  textrel: boolean;
}

export interface ElfFile {
  bits: 32 | 64;
  littleEndian: boolean;
  /** e_type: 1 relocatable, 2 executable, 3 shared object / PIE, 4 core. */
  type: number;
  machine: ElfMachine;
  machineId: number;
  entry: number;
  segments: ElfSegment[];
  sections: ElfSection[];
  dynamic: ElfDynamicInfo;
  /** .dynsym (imports have shndx 0). */
  dynsym: ElfSymbol[];
  /** .symtab; empty when stripped. */
  symtab: ElfSymbol[];
  relocations: ElfReloc[];
  /** Constructor addresses from .init_array / .preinit_array (RELATIVE relocations applied). */
  initArray: number[];
  /** PLT stub address → imported symbol name. */
  plt: Map<number, string>;
  /** GOT slot address → symbol bound there by GLOB_DAT / JUMP_SLOT / ABS relocations. */
  got: Map<number, string>;
  /** Function start addresses from .eh_frame_hdr (available in stripped files too), sorted. */
  functionStarts: number[];
  /** Function lengths from the FDEs of .eh_frame (start → bytes), where their encoding is read. */
  functionSizes: Map<number, number>;
  buildId?: string;
  /** Non-fatal oddities (a table out of bounds, a cap reached): the view is partial where one says so. */
  problems: string[];
}
