/** One ELF file → ElfFileFacts: IFUNC resolvers judged, load-time code summarised, blobs and signatures found. */
import { ElfFormatError, parseElf, SHF_EXECINSTR, type ElfFile } from '../../sources/elf/index.js';
import { codeEntropyBlobs } from './entropy.js';
import type { ElfFileFacts, IfuncFact, IfuncVerdict } from './facts.js';
import { FunctionIndex } from './functions.js';
import { Reacher, type ReachSummary } from './reach.js';
import { loadSignatures, matchSignatures } from './signatures.js';
import { bareName, classify, COMPILER_HELPERS } from './symbol-classes.js';

/** A CPU-dispatch resolver is a few dozen instructions; the reach of one well past this is doing something else. */
export const RESOLVER_MAX_BYTES = 2048;
export const RESOLVER_MAX_FUNCTIONS = 8;
const HOSTILE = new Set(['linker', 'memory-protection', 'exec', 'network']);
const NODE_INIT = /^(napi_register_module_v\d+|node_register_module_v\d+)$/;

const KINDS: Record<number, ElfFileFacts['kind']> = { 1: 'relocatable', 2: 'executable', 3: 'shared-object' };

export function judgeResolver(r: ReachSummary): { verdict: IfuncVerdict; reasons: string[] } {
  const refs = [...r.imports, ...r.dataRefs];
  const hostile = refs.filter((s) => HOSTILE.has(classify(s) ?? ''));
  if (hostile.length || r.gotWrites) {
    const reasons = hostile.map((s) => `references ${bareName(s)} (${classify(s)})`);
    if (r.gotWrites) reasons.push(`stores into the GOT ${r.gotWrites} time(s)`);
    return { verdict: 'linker-access', reasons };
  }
  const unrelated = r.imports.filter((s) => !classify(s) && !COMPILER_HELPERS.test(bareName(s)));
  const env = refs.filter((s) => classify(s) === 'environment' || classify(s) === 'crypto');
  const reasons: string[] = [];
  const bytes = r.reachedBytes - r.cpuProbeBytes;
  const fns = r.functions.filter((f) => !f.cpuProbe).length;
  if (bytes > RESOLVER_MAX_BYTES)
    reasons.push(`reaches ${bytes} bytes of code besides CPU probes (a CPU-dispatch resolver needs a few hundred)`);
  if (fns > RESOLVER_MAX_FUNCTIONS) reasons.push(`calls ${fns} internal functions besides CPU probes`);
  if (unrelated.length) reasons.push(`calls unrelated imports: ${unrelated.map(bareName).slice(0, 8).join(', ')}`);
  if (env.length) reasons.push(`reads ${env.map(bareName).join(', ')}`);
  return reasons.length ? { verdict: 'complex', reasons } : { verdict: 'cpu-dispatch', reasons: [] };
}

function ifuncs(elf: ElfFile, reacher: Reacher): IfuncFact[] {
  const resolvers = new Map<number, { symbol?: string; via: IfuncFact['via'] }>();
  for (const s of [...elf.dynsym, ...elf.symtab]) {
    if (s.type === 'ifunc' && s.shndx !== 0 && s.value && !resolvers.has(s.value))
      resolvers.set(s.value, { symbol: s.name, via: 'symbol' });
  }
  for (const r of elf.relocations) {
    if (r.kind === 'irelative' && r.addend > 0 && !resolvers.has(r.addend)) resolvers.set(r.addend, { via: 'irelative' });
  }
  const out: IfuncFact[] = [];
  for (const [addr, info] of [...resolvers].slice(0, 4096)) {
    const resolver = reacher.walk(addr);
    if (!resolver) continue;
    out.push({ ...(info.symbol ? { symbol: info.symbol } : {}), via: info.via, resolver, ...judgeResolver(resolver) });
  }
  return out;
}

function loadTime(elf: ElfFile, reacher: Reacher): ElfFileFacts['loadTime'] {
  const entries = [...elf.initArray, ...(elf.dynamic.init ? [elf.dynamic.init] : [])];
  for (const s of elf.dynsym) if (s.shndx !== 0 && s.type === 'func' && NODE_INIT.test(s.name)) entries.push(s.value);
  const imports = new Set<string>();
  const data = new Set<string>();
  const evidence: ElfFileFacts['loadTime']['evidence'] = [];
  let bytes = 0;
  for (const e of [...new Set(entries)].slice(0, 256)) {
    const r = reacher.walk(e);
    if (!r) continue;
    bytes += r.reachedBytes;
    r.imports.forEach((i) => imports.add(bareName(i)));
    r.dataRefs.forEach((d) => data.add(bareName(d)));
    if (r.imports.some((i) => HOSTILE.has(classify(i) ?? '')))
      evidence.push({ ...(r.entryName ? { name: r.entryName } : {}), entry: r.entry, fileOffset: r.fileOffset, section: r.section });
  }
  return { entries: entries.length, imports: [...imports].sort(), dataRefs: [...data].sort(), reachedBytes: bytes, evidence };
}

export function analyzeElf(path: string, buf: Buffer, opts: { truncated?: boolean; size?: number } = {}): ElfFileFacts {
  const elf = parseElf(buf);
  const fns = new FunctionIndex(elf, buf);
  const reacher = new Reacher(elf, buf, fns);
  const names = (pred: (s: ElfFile['dynsym'][number]) => boolean): string[] =>
    [
      ...new Set(
        elf.dynsym
          .filter(pred)
          .map((s) => bareName(s.name))
          .filter(Boolean),
      ),
    ].sort();
  return {
    path,
    size: opts.size ?? buf.length,
    ...(opts.truncated ? { truncated: true } : {}),
    machine: elf.machine,
    bits: elf.bits,
    kind: KINDS[elf.type] ?? 'other',
    ...(elf.dynamic.soname ? { soname: elf.dynamic.soname } : {}),
    needed: elf.dynamic.needed,
    ...(elf.buildId ? { buildId: elf.buildId } : {}),
    stripped: elf.symtab.length === 0,
    textBytes: elf.sections.filter((s) => s.flags & SHF_EXECINSTR).reduce((n, s) => n + s.size, 0),
    exports: names((s) => s.shndx !== 0 && s.bind !== 'local' && (s.type === 'func' || s.type === 'object' || s.type === 'ifunc')),
    imports: names((s) => s.shndx === 0 && s.name !== ''),
    ifuncs: ifuncs(elf, reacher),
    loadTime: loadTime(elf, reacher),
    blobs: codeEntropyBlobs(elf, buf),
    signatures: matchSignatures(
      buf,
      loadSignatures().filter((s) => !s.machine || s.machine === elf.machine),
    ),
    problems: elf.problems,
  };
}

export { ElfFormatError };
