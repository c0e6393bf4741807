/**
 * Rules over ContentFacts. Capabilities are facts; a finding needs a combination that ordinary
 * packages do not have (install time + network + secrets; obfuscation, not minification; build
 * logic reading test data). Severity rises with the combination, never with one capability alone.
 */
import { posix } from 'node:path';
import type { AnalyzerRef, Confidence, Evidence, Finding, Severity } from '../../core/types.js';
import { ESCAPING_NAMES } from '../../sources/archive/types.js';
import { CONTENT_RULES as R } from './rules.js';
import type { BuildIdiom, Capability, CapabilityKind, ContentFacts, Site } from './types.js';
import { behaviourFindings } from './behaviour/findings.js';

const STRONG_IDIOMS: ReadonlySet<BuildIdiom> = new Set([
  'tr-swap',
  'grep-binary-marker',
  'decompress-to-shell',
  'decode-to-shell',
  'silenced-decompress',
]);

export function fileEvidence(s: Site, label?: string): Evidence {
  return { kind: 'file', file: s.file, ...(s.line ? { line: s.line } : {}), excerpt: s.excerpt, ...(label ? { label } : {}) };
}

interface Emit {
  (
    rule: string,
    severity: Severity,
    confidence: Confidence,
    title: string,
    evidence: Evidence[],
    explanation: string,
    remediation?: string,
  ): void;
}

export function contentFindings(facts: ContentFacts, subject: string, analyzer: AnalyzerRef): Finding[] {
  const out: Finding[] = [];
  const emit: Emit = (rule, severity, confidence, title, evidence, explanation, remediation) => {
    out.push({
      rule,
      severity,
      confidence,
      subject,
      title,
      evidence: evidence.slice(0, 12),
      explanation,
      ...(remediation ? { remediation } : {}),
      analyzer,
    });
  };
  const sites = (file: string, kind: CapabilityKind): Capability[] => facts.capabilities.filter((c) => c.file === file && c.kind === kind);
  const has = (file: string, kind: CapabilityKind): boolean => (facts.fileCapabilities[file] ?? []).includes(kind);
  const evidenceFor = (file: string, kinds: CapabilityKind[]): Evidence[] =>
    kinds.flatMap((k) => {
      const s = sites(file, k);
      return s.length > 0
        ? s.slice(0, 2).map((c) => fileEvidence(c, k + (c.detail ? `: ${c.detail}` : '')))
        : has(file, k)
          ? [{ kind: 'file' as const, file, label: k, excerpt: `uses ${k}` }]
          : [];
    });
  const installFiles = new Set(facts.installScripts.flatMap((s) => s.files));

  installRules(facts, emit, has, evidenceFor);
  codeRules(facts, emit, has, evidenceFor, installFiles);
  buildRules(facts, emit);
  binaryAndArchiveRules(facts, emit);
  behaviourFindings(facts.behaviour, emit);
  return out;
}

type Has = (file: string, kind: CapabilityKind) => boolean;
type EvidenceFor = (file: string, kinds: CapabilityKind[]) => Evidence[];

function installRules(facts: ContentFacts, emit: Emit, has: Has, evidenceFor: EvidenceFor): void {
  // What install code sends, downloads and runs is the behaviour chains' job (secret-exfiltration,
  // identity-beacon, remote-code, decoded-exec, reverse-shell); this lists the capabilities only.
  for (const s of facts.installScripts) {
    const scriptEv: Evidence = s.implicit
      ? {
          kind: 'metadata',
          field: s.implicit,
          value: s.command,
          label: `implicit install script (npm runs "${s.command}" when ${s.implicit} exists)`,
        }
      : { kind: 'metadata', field: `scripts.${s.event}`, value: s.command, label: 'install script' };
    const kinds: CapabilityKind[] = ['network', 'child-process', 'eval', 'vm'];
    const used = kinds.filter((k) => s.files.some((f) => has(f, k)));
    if (used.length > 0) {
      emit(
        R.installCapabilities,
        'low',
        'high',
        `${s.event} script uses ${used.join(', ')}`,
        [scriptEv, ...s.files.flatMap((f) => evidenceFor(f, used)).slice(0, 6)],
        `Code run by the ${s.event} script uses ${used.join(', ')}. Expected for packages that download prebuilt binaries; review otherwise.`,
      );
    }
  }
}

function codeRules(facts: ContentFacts, emit: Emit, has: Has, evidenceFor: EvidenceFor, installFiles: Set<string>): void {
  const byFile = new Map<string, typeof facts.obfuscation>();
  for (const o of facts.obfuscation) byFile.set(o.file, [...(byFile.get(o.file) ?? []), o]);
  for (const [file, sigs] of byFile) {
    const obf = sigs.filter((s) => s.technique === 'string-array' || s.technique === 'packed-eval' || s.technique === 'jsfuck');
    if (obf.length > 0)
      emit(
        R.obfuscatedCode,
        'high',
        'high',
        `Obfuscated code in ${file} (${[...new Set(obf.map((s) => s.technique))].join(', ')})`,
        obf.map((s) => fileEvidence(s, s.detail)),
        `${file} uses obfuscator output (${obf.map((s) => s.detail).join('; ')}), which minifiers never produce.`,
      );
    const app = sigs.filter((s) => s.technique === 'appended-loader');
    if (app.length > 0)
      emit(
        R.appendedLoader,
        'high',
        'medium',
        `Loader appended after minified code in ${file}`,
        app.map((s) => fileEvidence(s, s.detail)),
        app[0]!.detail ?? '',
      );
    const bidi = sigs.filter((s) => s.technique === 'bidi-control');
    if (bidi.length > 0)
      emit(
        R.trojanSource,
        'high',
        'high',
        `Bidirectional control characters in ${file}`,
        bidi.map((s) => fileEvidence(s, s.detail)),
        `${file} contains Unicode bidi controls; the code may run differently from how it displays (shown as \\u{...} in the excerpt).`,
      );
    const inv = sigs.filter((s) => s.technique === 'invisible-identifier');
    if (inv.length > 0)
      emit(
        R.invisibleIdentifier,
        'high',
        'high',
        `Invisible characters in identifiers in ${file}`,
        inv.slice(0, 5).map((s) => fileEvidence(s, s.detail)),
        `${file} has identifiers containing invisible characters (shown as \\u{...}).`,
      );
  }
  // A finding per behaviour: when a chain already reports the data leaving, the endpoint it names
  // is part of that story, not a second finding.
  const chained = (facts.behaviour?.chains ?? []).some(
    (c) => (c.kind === 'secret-exfiltration' || c.kind === 'identity-beacon') && c.severity !== 'info' && c.severity !== 'low',
  );
  const eps = facts.endpoints;
  if (eps.length > 0 && !chained) {
    const notIp = eps.filter((e) => e.category !== 'raw-ip');
    const atInstall = eps.filter((e) => installFiles.has(e.file) || e.file.startsWith('package.json'));
    const sev: Severity = atInstall.some((e) => e.category !== 'raw-ip') ? 'high' : notIp.length > 0 ? 'medium' : 'low';
    const shown = [...atInstall, ...notIp, ...eps].filter((e, i, a) => a.indexOf(e) === i).slice(0, 8);
    emit(
      R.exfilEndpoint,
      sev,
      'medium',
      `Exfiltration-style endpoints: ${[...new Set(shown.map((e) => e.host))].slice(0, 4).join(', ')}`,
      shown.map((e) => fileEvidence(e, `${e.category}: ${e.host}`)),
      `The package names ${eps.length} endpoint(s) of kinds ${[...new Set(eps.map((e) => e.category))].join(', ')}${atInstall.length ? ', some at install time' : ''}.`,
    );
  }
}

function buildRules(facts: ContentFacts, emit: Emit): void {
  const byFile = new Map<string, typeof facts.buildSignals>();
  for (const b of facts.buildSignals) byFile.set(b.file, [...(byFile.get(b.file) ?? []), b]);
  const decoderFiles = new Set<string>();
  const installFiles = new Set(facts.installScripts.flatMap((s) => s.files));
  // Shell files whose decode/download-and-run idioms are already a behaviour chain (decoded-exec,
  // remote-code) get no second, weaker finding for the same lines.
  const chained = new Set((facts.behaviour?.chains ?? []).flatMap((c) => c.hops.filter((h) => h.role === 'sink').map((h) => h.file)));
  for (const [file, sigs] of byFile) {
    if (installFiles.has(file)) continue;
    const idioms = new Set(sigs.map((s) => s.idiom));
    const strong = [...idioms].filter((i) => STRONG_IDIOMS.has(i));
    const weak: BuildIdiom[] = [...idioms].filter((i) => i === 'carve' || i === 'eval-computed');
    const runs: BuildIdiom[] = [...idioms].filter((i) => i === 'download-exec' || i === 'reverse-shell');
    let sev: Severity | undefined;
    if (strong.length >= 2 || (strong.length === 1 && weak.length >= 1)) sev = 'high';
    else if (strong.length === 1 || runs.length > 0) sev = 'medium';
    if (!sev || (sev === 'medium' && chained.has(file))) continue;
    if (sev === 'high') decoderFiles.add(file);
    const shown = sigs.filter((s) => STRONG_IDIOMS.has(s.idiom) || runs.includes(s.idiom) || (sev === 'high' && weak.includes(s.idiom)));
    emit(
      R.buildDecoder,
      sev,
      sev === 'high' ? 'high' : 'medium',
      `${file} decodes and runs hidden content (${[...new Set(shown.map((s) => s.idiom))].join(', ')})`,
      shown.map((s) => fileEvidence(s, s.idiom)),
      `${file} chains ${[...new Set(shown.map((s) => s.detail ?? s.idiom))].join('; ')}.`,
    );
  }
  const readByBuild = facts.blobs.filter((b) => b.matchedBy.length > 0 || b.referencedBy.build.some((f) => decoderFiles.has(f)));
  for (const b of readByBuild) {
    emit(
      R.blobReadByBuild,
      'critical',
      'high',
      `${b.file} is extracted by build logic`,
      [
        { kind: 'file', file: b.file, label: `${b.format} data, ${b.size} bytes, entropy ${b.entropy}` },
        ...b.matchedBy.map((m) =>
          fileEvidence(
            m,
            m.file.endsWith('#decoded') ? (m.detail ?? 'named by a decoded payload') : `searches for marker ${m.detail ?? ''}`,
          ),
        ),
        ...b.referencedBy.build
          .filter((f) => decoderFiles.has(f))
          .map((f) => ({ kind: 'file' as const, file: f, label: 'names the file and decodes content' })),
      ],
      `${b.file} (${b.format}) ${
        b.matchedBy.some((m) => !m.file.endsWith('#decoded'))
          ? `contains the marker that ${b.matchedBy
              .filter((m) => !m.file.endsWith('#decoded'))
              .map((m) => `${m.file}:${m.line}`)
              .join(', ')} searches binary files for`
          : b.matchedBy.length
            ? `is named by the payload that build logic decodes (${b.matchedBy.map((m) => m.file).join(', ')})`
            : 'is named by a build file that decodes and runs content'
      }.`,
      'Do not build or install this release; compare the tarball with the tagged sources.',
    );
  }
  const unref = facts.blobs.filter(
    (b) => b.inTestDir && b.referencedBy.source.length === 0 && b.referencedBy.build.length === 0 && !readByBuild.includes(b),
  );
  if (unref.length > 0) {
    const ranked = [...unref].sort((a, b) => b.entropy * Math.log2(b.size + 2) - a.entropy * Math.log2(a.size + 2));
    emit(
      R.unreferencedBlob,
      decoderFiles.size > 0 ? 'medium' : 'low',
      'low',
      `${unref.length} compressed or high-entropy data file(s) that no source file names`,
      ranked
        .slice(0, 10)
        .map((b) => ({ kind: 'file' as const, file: b.file, label: `${b.format}, ${b.size} bytes, entropy ${b.entropy}` })),
      `Data files with no reference from code or build files and no generator in the package${decoderFiles.size > 0 ? '; build files in this package decode content, so these are candidate payload carriers' : ''}. Largest and most random first.`,
    );
  }
}

function escapes(path: string, target: string): boolean {
  if (target.startsWith('/') || /^[a-zA-Z]:/.test(target)) return true;
  return posix.normalize(posix.join(posix.dirname(path), target)).startsWith('..');
}

function binaryAndArchiveRules(facts: ContentFacts, emit: Emit): void {
  for (const b of facts.binaries.filter((x) => x.disguised)) {
    emit(
      R.disguisedExecutable,
      'high',
      'high',
      `${b.file} is a ${b.kind} executable`,
      [{ kind: 'file', file: b.file, label: `${b.kind} magic bytes`, value: b.size }],
      `${b.file} has an extension that promises text or media, but its bytes are a ${b.kind} executable.`,
    );
  }
  const exes = facts.binaries.filter((x) => !x.disguised && (x.kind === 'elf' || x.kind === 'pe' || x.kind === 'mach-o'));
  if (exes.length > 0) {
    emit(
      R.bundledExecutable,
      'low',
      'high',
      `Ships ${exes.length} native executable(s)`,
      exes.slice(0, 8).map((b) => ({ kind: 'file' as const, file: b.file, label: `${b.kind}, ${b.size} bytes` })),
      'Prebuilt executables cannot be reviewed as source.',
    );
  }
  const unsafe = facts.archiveIssues.filter((i) => (i.kind === 'link' ? escapes(i.path, i.target) : ESCAPING_NAMES.has(i.kind)));
  if (unsafe.length > 0) {
    emit(
      R.unsafeArchiveEntry,
      'high',
      'high',
      `${unsafe.length} archive entr${unsafe.length === 1 ? 'y' : 'ies'} would escape the package`,
      unsafe.slice(0, 10).map((i) => ({ kind: 'path' as const, label: i.reason, value: i.path })),
      'vigil skipped these entries; a naive extractor would write or link outside the target folder.',
    );
  }
  const stopped = facts.archiveIssues.filter((i) => i.kind === 'stopped');
  if (stopped.length > 0)
    emit(
      R.archiveLimit,
      'medium',
      'high',
      'Archive only partly analysed',
      stopped.map((i) => ({ kind: 'text' as const, label: 'limit', value: i.reason })),
      stopped[0]!.reason,
    );
}
