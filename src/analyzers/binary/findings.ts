/** ElfFileFacts → findings, each with the section, symbol and file offset that support it. */
import type { Evidence, Finding, Severity } from '../../core/types.js';
import type { ElfFileFacts, IfuncFact } from './facts.js';
import { BINARY_ANALYZER, BINARY_RULES as R } from './rules.js';
import { classify } from './symbol-classes.js';

export interface BinaryContext {
  subject: string;
  /** Where the files came from: npm prebuilds get the load-time and platform checks. */
  ecosystem: 'npm' | 'deb' | 'file';
  /** package.json of an npm package (os, cpu, optionalDependencies). */
  manifest?: { os?: unknown; cpu?: unknown; optionalDependencies?: unknown };
}

const hex = (n: number): string => `0x${n.toString(16)}`;

export function resolverEvidence(f: ElfFileFacts, i: IfuncFact): Evidence {
  const r = i.resolver;
  return {
    kind: 'file',
    file: f.path,
    label: `IFUNC ${i.symbol ?? '(unnamed, IRELATIVE)'} → resolver ${r.entryName ?? hex(r.entry)} in ${r.section} at file offset ${hex(r.fileOffset)}, ${r.size} bytes${r.sizeDecoded ? ' (as its control flow reaches; no recorded length)' : r.sizeEstimated ? ' (estimated)' : ''}`,
    value: {
      imports: r.imports,
      dataRefs: r.dataRefs,
      reachedBytes: r.reachedBytes,
      cpuProbeBytes: r.cpuProbeBytes,
      functions: r.functions.length,
    },
  };
}

const NODE_CPU: Record<string, string> = { 'x86-64': 'x64', aarch64: 'arm64', i386: 'ia32', arm: 'arm' };

function platformFinding(f: ElfFileFacts, ctx: BinaryContext): { why: string } | undefined {
  const m = ctx.manifest;
  if (!m) return undefined;
  const cpus = Array.isArray(m.cpu) ? m.cpu.filter((c): c is string => typeof c === 'string') : [];
  const want = NODE_CPU[f.machine];
  const allowed = cpus.filter((c) => !c.startsWith('!'));
  if (want && allowed.length && !allowed.includes(want))
    return { why: `package.json cpu is ${JSON.stringify(cpus)} but ${f.path} is ${f.machine} code` };
  if (want && cpus.includes(`!${want}`)) return { why: `package.json cpu excludes ${want} but ${f.path} is ${f.machine} code` };
  const opt = m.optionalDependencies && typeof m.optionalDependencies === 'object' ? Object.keys(m.optionalDependencies) : [];
  const platformPkgs = opt.filter((n) => /(linux|darwin|win32|freebsd|android)-(x64|arm64|ia32|arm)/.test(n));
  if (platformPkgs.length >= 2)
    return {
      why: `the package distributes its native code through ${platformPkgs.length} platform packages (${platformPkgs.slice(0, 3).join(', ')}…) yet ships ${f.path} itself`,
    };
  return undefined;
}

export function fileFindings(f: ElfFileFacts, ctx: BinaryContext): Finding[] {
  const out: Finding[] = [];
  const emit = (
    rule: string,
    severity: Severity,
    confidence: Finding['confidence'],
    title: string,
    evidence: Evidence[],
    explanation: string,
  ): void => {
    out.push({ rule, severity, confidence, subject: ctx.subject, title, evidence, explanation, analyzer: { ...BINARY_ANALYZER } });
  };
  const linker = f.ifuncs.filter((i) => i.verdict === 'linker-access');
  const complex = f.ifuncs.filter((i) => i.verdict === 'complex');
  if (linker.length) {
    emit(
      R.resolverLinker,
      'high',
      'high',
      `${f.path}: ${linker.length} IFUNC resolver(s) reach the dynamic linker or page protections`,
      linker.slice(0, 6).map((i) => resolverEvidence(f, i)),
      linker
        .slice(0, 3)
        .map((i) => `${i.resolver.entryName ?? hex(i.resolver.entry)}: ${i.reasons.join('; ')}`)
        .join('. ') + '.',
    );
  }
  if (complex.length) {
    emit(
      R.resolverComplex,
      'medium',
      'medium',
      `${f.path}: ${complex.length} IFUNC resolver(s) do more than CPU-feature selection`,
      complex.slice(0, 6).map((i) => resolverEvidence(f, i)),
      complex
        .slice(0, 3)
        .map((i) => `${i.resolver.entryName ?? hex(i.resolver.entry)}: ${i.reasons.join('; ')}`)
        .join('. ') + '.',
    );
  }
  const loadExec = f.loadTime.imports.filter((s) => classify(s) === 'exec');
  const loadNet = f.loadTime.imports.filter((s) => classify(s) === 'network');
  if (ctx.ecosystem === 'npm' && (loadExec.length || loadNet.length)) {
    emit(
      R.loadTimeExec,
      loadExec.length ? 'high' : 'medium',
      'medium',
      `${f.path} ${loadExec.length ? 'runs programs' : 'opens network connections'} when it is loaded`,
      [
        {
          kind: 'file',
          file: f.path,
          label: `load-time code (${f.loadTime.entries} constructor/registration entries)`,
          value: {
            exec: loadExec,
            network: loadNet,
            entries: f.loadTime.evidence.map((e) => ({ name: e.name, section: e.section, fileOffset: hex(e.fileOffset) })),
          },
        },
      ],
      `Code reached from the constructors or the Node module registration function imports ${[...loadExec, ...loadNet].join(', ')}.`,
    );
  }
  if (ctx.ecosystem === 'npm') {
    const p = platformFinding(f, ctx);
    if (p)
      emit(
        R.platformMismatch,
        'medium',
        'medium',
        `${f.path} is outside the package's declared platforms`,
        [{ kind: 'file', file: f.path, label: `${f.machine} ${f.kind}` }],
        `${p.why}.`,
      );
  }
  if (f.blobs.length) {
    const joined = linker.length + complex.length > 0 || loadExec.length > 0;
    emit(
      R.codeBlob,
      joined ? 'medium' : 'low',
      'low',
      `${f.path}: ${f.blobs.length} high-entropy run(s) inside executable sections${f.stripped ? ' of a stripped binary' : ''}`,
      f.blobs.slice(0, 6).map((b) => ({
        kind: 'file' as const,
        file: f.path,
        label: `${b.section} at file offset ${hex(b.offset)}, ${b.length} bytes, entropy ${b.entropy} bits/byte`,
      })),
      joined
        ? 'The same file has a suspicious resolver or load-time exec; the blob may be its payload.'
        : 'Compressed or encrypted data where code is expected (precomputed crypto tables look the same).',
    );
  }
  for (const s of f.signatures) {
    emit(
      R.knownSignature,
      'high',
      'high',
      `${f.path}: bytes of ${s.title}`,
      [
        {
          kind: 'file',
          file: f.path,
          label: `signature ${s.id} at file offset ${hex(s.offset)}`,
          value: { source: s.source, date: s.date },
          url: s.reference,
        },
      ],
      `Matches ${s.id} from ${s.source} (${s.date}).`,
    );
  }
  return out;
}
