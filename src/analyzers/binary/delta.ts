/**
 * Binary delta between two versions of a package: ELF files matched by path, then by soname, then
 * by name without its version suffix; per pair the symbols added/removed, new imports by class,
 * IFUNC resolvers and constructors before/after, and code growth. Findings flag what the source
 * change rarely explains.
 */
import type { Evidence, Finding } from '../../core/types.js';
import type { BinaryFacts, ElfFileFacts } from './facts.js';
import { resolverEvidence } from './findings.js';
import { BINARY_ANALYZER, BINARY_RULES as R } from './rules.js';
import { classify, COMPILER_HELPERS, type SymbolClass } from './symbol-classes.js';

export interface ElfPairDelta {
  path: string;
  previousPath: string;
  textBytes: { before: number; after: number };
  exportsAdded: string[];
  exportsRemoved: string[];
  importsAdded: string[];
  importsRemoved: string[];
  /** New imports in the classes that change what a library can do. */
  riskyImportsAdded: { symbol: string; class: SymbolClass }[];
  neededAdded: string[];
  ifuncs: { before: number; after: number; added: string[] };
  constructors: { before: number; after: number };
  buildId: { before?: string; after?: string };
}

export interface BinaryDelta {
  from: string;
  to: string;
  pairs: ElfPairDelta[];
  added: string[];
  removed: string[];
  elfBytes: { before: number; after: number };
}

const RISKY: ReadonlySet<SymbolClass> = new Set(['linker', 'memory-protection', 'exec', 'network', 'crypto']);
const unversioned = (p: string): string => p.replace(/(\.so)(\.\d+)+$/, '$1').replace(/-\d+(\.\d+)+(\.so)/, '$2');
const minus = (a: string[], b: string[]): string[] => {
  const s = new Set(b);
  return a.filter((x) => !s.has(x));
};
const ifuncKey = (i: ElfFileFacts['ifuncs'][number]): string => i.symbol ?? `resolver@${i.resolver.entryName ?? 'unnamed'}`;

function matchFiles(
  before: ElfFileFacts[],
  after: ElfFileFacts[],
): { pairs: [ElfFileFacts, ElfFileFacts][]; added: ElfFileFacts[]; removed: ElfFileFacts[] } {
  const left = new Set(before);
  const pairs: [ElfFileFacts, ElfFileFacts][] = [];
  const added: ElfFileFacts[] = [];
  const keys: ((f: ElfFileFacts) => string | undefined)[] = [(f) => f.path, (f) => f.soname, (f) => unversioned(f.path)];
  for (const a of after) {
    let hit: ElfFileFacts | undefined;
    for (const k of keys) {
      const v = k(a);
      hit = v === undefined ? undefined : [...left].find((b) => k(b) === v);
      if (hit) break;
    }
    if (hit) {
      left.delete(hit);
      pairs.push([hit, a]);
    } else added.push(a);
  }
  return { pairs, added, removed: [...left] };
}

export function binaryDelta(before: BinaryFacts, after: BinaryFacts, from: string, to: string): BinaryDelta {
  const m = matchFiles(before.files, after.files);
  const pairs = m.pairs.map(([b, a]): ElfPairDelta => {
    const importsAdded = minus(a.imports, b.imports);
    const bIf = b.ifuncs.map(ifuncKey);
    return {
      path: a.path,
      previousPath: b.path,
      textBytes: { before: b.textBytes, after: a.textBytes },
      exportsAdded: minus(a.exports, b.exports),
      exportsRemoved: minus(b.exports, a.exports),
      importsAdded,
      importsRemoved: minus(b.imports, a.imports),
      riskyImportsAdded: importsAdded.flatMap((s) => {
        const c = classify(s);
        return c && RISKY.has(c) ? [{ symbol: s, class: c }] : [];
      }),
      neededAdded: minus(a.needed, b.needed),
      ifuncs: { before: b.ifuncs.length, after: a.ifuncs.length, added: minus(a.ifuncs.map(ifuncKey), bIf) },
      constructors: { before: b.loadTime.entries, after: a.loadTime.entries },
      buildId: { ...(b.buildId ? { before: b.buildId } : {}), ...(a.buildId ? { after: a.buildId } : {}) },
    };
  });
  return {
    from,
    to,
    pairs,
    added: m.added.map((f) => f.path),
    removed: m.removed.map((f) => f.path),
    elfBytes: { before: before.elfBytes, after: after.elfBytes },
  };
}

/** Growth that the interface does not explain: > 25% and > 16 KiB of code with ≤ 2% more exports. */
export const growthUnexplained = (p: ElfPairDelta, exportsBefore: number): boolean => {
  const grew = p.textBytes.after - p.textBytes.before;
  return grew > 16 * 1024 && grew > 0.25 * p.textBytes.before && p.exportsAdded.length <= Math.max(2, 0.02 * exportsBefore);
};

export function deltaFindings(d: BinaryDelta, after: BinaryFacts, before: BinaryFacts, subject: string, sourceNote: string): Finding[] {
  const out: Finding[] = [];
  const emit = (rule: string, severity: Finding['severity'], title: string, evidence: Evidence[], explanation: string): void => {
    out.push({
      rule,
      severity,
      confidence: 'medium',
      subject,
      title,
      evidence,
      explanation: `${explanation} ${sourceNote}`.trim(),
      analyzer: { ...BINARY_ANALYZER },
    });
  };
  for (const p of d.pairs) {
    const a = after.files.find((f) => f.path === p.path)!;
    const b = before.files.find((f) => f.path === p.previousPath)!;
    const newOnes = a.ifuncs.filter((i) => p.ifuncs.added.includes(ifuncKey(i)));
    if (newOnes.length) {
      const bad = newOnes.some((i) => i.verdict !== 'cpu-dispatch');
      // New CPU-dispatch resolvers are recorded (info); new resolvers that do more are the xz shape.
      emit(
        R.newIfunc,
        !bad ? 'info' : p.ifuncs.before === 0 ? 'high' : 'medium',
        `${p.path}: ${newOnes.length} new IFUNC resolver(s) (${p.ifuncs.before} in ${d.from}, ${p.ifuncs.after} in ${d.to})`,
        newOnes.slice(0, 6).map((i) => resolverEvidence(a, i)),
        `${p.ifuncs.before === 0 ? 'The previous version had no IFUNC at all. ' : ''}New resolvers: ${newOnes.map((i) => `${ifuncKey(i)} (${i.verdict}${i.reasons.length ? `: ${i.reasons.join('; ')}` : ''})`).join(', ')}.`,
      );
    }
    if (p.riskyImportsAdded.length) {
      emit(
        R.newImports,
        newOnes.length ? 'high' : 'medium',
        `${p.path} now imports ${p.riskyImportsAdded
          .map((x) => x.symbol)
          .slice(0, 6)
          .join(', ')}`,
        [{ kind: 'file', file: p.path, label: 'imports added', before: null, after: p.riskyImportsAdded }],
        `Imports new in ${d.to}: ${p.riskyImportsAdded.map((x) => `${x.symbol} (${x.class})`).join(', ')}.`,
      );
    }
    if (p.constructors.after > p.constructors.before) {
      // Constructors whose code reaches no new import (a CPU-feature initialiser) are recorded at info.
      const reachNew = minus(a.loadTime.imports, b.loadTime.imports).filter((s) => !COMPILER_HELPERS.test(s));
      emit(
        R.newConstructor,
        reachNew.length ? 'low' : 'info',
        `${p.path}: ${p.constructors.after - p.constructors.before} more constructor(s)`,
        [
          {
            kind: 'file',
            file: p.path,
            label: 'load-time entries (.init_array, .preinit_array, DT_INIT)',
            before: p.constructors.before,
            after: p.constructors.after,
          },
        ],
        `Load-time code now reaches: ${a.loadTime.imports.slice(0, 10).join(', ') || 'no imports'}${reachNew.length ? ` (new: ${reachNew.slice(0, 10).join(', ')})` : ''}.`,
      );
    }
    if (growthUnexplained(p, b.exports.length)) {
      const pct = Math.round(((p.textBytes.after - p.textBytes.before) / Math.max(1, p.textBytes.before)) * 100);
      emit(
        R.textGrowth,
        newOnes.length || p.riskyImportsAdded.length ? 'medium' : 'low',
        `${p.path}: code grew ${pct}% with ${p.exportsAdded.length} new exported symbol(s)`,
        [{ kind: 'file', file: p.path, label: 'bytes of executable sections', before: p.textBytes.before, after: p.textBytes.after }],
        `Executable sections grew from ${p.textBytes.before} to ${p.textBytes.after} bytes while the exported interface barely changed.`,
      );
    }
  }
  return out;
}
