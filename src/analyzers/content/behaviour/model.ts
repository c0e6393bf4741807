/**
 * The behaviour model of one package: per-file behaviour (JS from the AST scan, shell files,
 * lifecycle command lines, binding.gyp expansions), the entry points, and the chains between them.
 */
import { CLOSURE_MAX, parseCommand } from '../install-scripts.js';
import { buildChains } from './chains.js';
import { LoadReach } from './load-reach.js';
import { entryPoints, LIFECYCLE_HOOKS, scriptFile } from './entries.js';
import { gypCommands, shellBehaviour, emptyBehaviour } from './shell-behaviour.js';
import type { BehaviourFacts, FileBehaviour } from './types.js';
import type { ShellHit } from '../shell-scan.js';

export interface ModelInput {
  manifest: Record<string, unknown> | undefined;
  has: (path: string) => boolean;
  /** Relative requires of a JS file, and its behaviour when it was parsed. */
  scan: (
    path: string,
  ) => { requires: string[]; behaviour?: FileBehaviour; behaviourByUnits?: true; obfuscation?: readonly DecodeSignal[] } | undefined;
  /** All analysed JS paths. */
  jsFiles: string[];
  /** Shell / batch / PowerShell files with their text. */
  shellFiles: [string, string][];
  /** What the idiom scanner (scanShell) already found in a shell file, so it is not scanned twice. */
  shellHits?: (path: string) => readonly ShellHit[] | undefined;
  text: (path: string) => string | undefined;
  /** Scan inline JavaScript (`node -e "…"`) under a virtual file name. */
  scanInline: (virtual: string, code: string) => { behaviour?: FileBehaviour; obfuscation?: readonly DecodeSignal[] } | undefined;
  /** Behaviour of a whole large file, which the per-file scan read by units (run for install-reached files only). */
  scanLarge: (path: string) => FileBehaviour | undefined;
}

/** The text scanners' obfuscation signals; `encoded-exec` is decoded data reaching an execution sink. */
interface DecodeSignal {
  technique: string;
  line: number;
  excerpt: string;
  detail?: string;
}

/**
 * Decoded data that is executed (base64/hex/decrypted/char-code data into eval, Function, vm,
 * module._compile, require or a child process), as found by the decode-taint pass: a proven
 * decoded → eval flow in the file's behaviour, so the decoded-exec chain rates it.
 */
function withDecodedExec(
  file: string,
  b: FileBehaviour | undefined,
  signals: readonly DecodeSignal[] | undefined,
): FileBehaviour | undefined {
  const hits = (signals ?? []).filter((o) => o.technique === 'encoded-exec');
  if (hits.length === 0) return b;
  // A copy: the file's scan may be shared (split.ts keeps file facts for the scan).
  const out = b ? { ...b, sources: [...b.sources], sinks: [...b.sinks], flows: [...b.flows] } : emptyBehaviour();
  for (const h of hits.slice(0, 10)) {
    const site = { file, line: h.line, excerpt: h.excerpt, detail: h.detail ?? 'decoded data executed' };
    const src = out.sources.push({ kind: 'decoded', ...site, detail: 'decoded data' }) - 1;
    const sink = out.sinks.push({ kind: 'eval', ...site }) - 1;
    out.flows.push({ sources: [src], sink, transforms: [] });
  }
  return out;
}

const INTERESTING_SINK = new Set(['write-persistence', 'write-npmrc', 'write-package', 'hook-global', 'dns', 'git-api', 'shell-net']);

function worthPublishing(b: FileBehaviour, install: boolean): boolean {
  return (
    install ||
    b.flows.length > 0 ||
    b.signals.length > 0 ||
    b.sources.some((s) => s.kind !== 'remote') ||
    b.sinks.some((s) => INTERESTING_SINK.has(s.kind))
  );
}

export function behaviourModel(inp: ModelInput): BehaviourFacts {
  const files: Record<string, FileBehaviour> = {};
  for (const p of inp.jsFiles) {
    const r = inp.scan(p);
    const b = withDecodedExec(p, r?.behaviour, r?.obfuscation);
    if (b && (b.sources.length || b.sinks.length || b.signals.length)) files[p] = b;
  }
  for (const [p, t] of inp.shellFiles) {
    const b = shellBehaviour(t, p, 0, emptyBehaviour(), inp.shellHits?.(p));
    if (b.sources.length || b.sinks.length || b.signals.length) files[p] = b;
  }
  const entries = entryPoints({ manifest: inp.manifest, has: inp.has, requiresOf: (f) => inp.scan(f)?.requires ?? [], text: inp.text });
  const inline = new Map<string, string>();
  const scripts =
    inp.manifest?.scripts && typeof inp.manifest.scripts === 'object' ? (inp.manifest.scripts as Record<string, unknown>) : {};
  for (const e of entries) {
    if (e.field === 'binding.gyp') {
      const b = emptyBehaviour();
      for (const c of gypCommands(inp.text('binding.gyp') ?? '')) shellBehaviour(c.command, 'binding.gyp', c.line, b);
      files['binding.gyp'] = b;
      continue;
    }
    const event = e.field.startsWith('scripts.') ? e.field.slice(8) : undefined;
    if (!event || !(LIFECYCLE_HOOKS as readonly string[]).includes(event)) continue;
    const cmd = String(scripts[event] ?? '');
    const v = scriptFile(event);
    files[v] = shellBehaviour(cmd, v, 1);
    parseCommand(cmd).inlineJs.forEach((code, i) => {
      const name = `${v}#js${i}`;
      inline.set(name, code);
      const r = inp.scanInline(name, code);
      const b = withDecodedExec(name, r?.behaviour, r?.obfuscation);
      if (b) {
        files[name] = b;
        e.files.push(name);
        e.reach.push(name);
      }
    });
  }
  for (const f of new Set(entries.filter((e) => e.kind === 'install').flatMap((e) => e.reach))) {
    if ((files[f] && !inp.scan(f)?.behaviourByUnits) || !/\.(c|m)?js$/.test(f)) continue;
    const whole = inp.scanLarge(f);
    const b = whole && withDecodedExec(f, whole, inp.scan(f)?.obfuscation);
    if (b && (b.sources.length || b.sinks.length || b.signals.length)) files[f] = b;
  }
  const has = (p: string): boolean => inp.has(p) || p in files;
  const importLines = new Map<string, { spec: string; line: number }[]>();
  const importsOf = (f: string): { spec: string; line: number }[] => {
    const b = files[f];
    if (b && (b.imports.length > 0 || (inp.scan(f)?.requires.length ?? 0) === 0)) return b.imports;
    // Files without behaviour were not parsed: find each relative require's line in the text (once per file: every chain's search asks).
    let found = importLines.get(f);
    if (!found) {
      const text = inp.text(f) ?? '';
      found = (inp.scan(f)?.requires ?? []).map((spec) => ({ spec, line: lineAt(text, quotedAt(text, spec)) }));
      importLines.set(f, found);
    }
    return found;
  };
  const reaches = new Map<string, LoadReach>();
  const everyJs = [...inp.jsFiles, ...inline.keys()];
  const runsAtLoad = (caller: string, file: string, reach: readonly string[]): boolean => {
    // A reach cut short at CLOSURE_MAX files: any file of the package may load.
    const files = reach.length >= CLOSURE_MAX ? everyJs : reach;
    const key = files.join('\n');
    let r = reaches.get(key);
    if (!r) reaches.set(key, (r = new LoadReach(files, (f) => inline.get(f) ?? inp.text(f))));
    return r.runs(caller, file);
  };
  const self = typeof inp.manifest?.name === 'string' ? inp.manifest.name : undefined;
  const chains = buildChains(entries, files, has, importsOf, self, runsAtLoad);
  const installFiles = new Set(entries.filter((e) => e.kind === 'install').flatMap((e) => e.reach));
  const published: Record<string, FileBehaviour> = {};
  for (const k of Object.keys(files).sort()) if (worthPublishing(files[k]!, installFiles.has(k))) published[k] = files[k]!;
  return { entries, files: published, chains };
}

/** Where `spec` first stands quoted in `text` (any of the three quotes), or -1. */
function quotedAt(text: string, spec: string): number {
  let at = -1;
  for (const q of ["'", '"', '`']) {
    const i = text.indexOf(q + spec + q);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  return at;
}

/** The 1-based line of offset `at` (0 when `at` is -1). */
function lineAt(text: string, at: number): number {
  if (at < 0) return 0;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
