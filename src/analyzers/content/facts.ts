/**
 * contentFacts: every file of a release → ContentFacts. Pure and synchronous: same files in, same
 * JSON out (sorted, capped), so facts can be stored and diffed between releases.
 */
import type { PackageFile, PackageFiles } from '../../sources/archive/types.js';
import { compressedFormat, executableKind, HIGH_ENTROPY_EXT, INNOCENT_EXT, isKnownMedia } from './binaries.js';
import { INSTALL_EVENTS, closure, parseCommand, resolveInPackage } from './install-scripts.js';
import { MAX_PARSE_BYTES, scanJsFile, type JsFileResult } from './js-file.js';
import { posixToRegExp, scanShell, type ShellHit } from './shell-scan.js';
import { basename, entropy, kindOf, LineIndex, TEST_DIR, type FileKind } from './text-utils.js';
import { behaviourModel } from './behaviour/model.js';
import { scanBehaviour } from './behaviour/js-behaviour.js';
import { unitScan } from './units.js';
import { parseJs } from './js-parse.js';
import type {
  BinaryFile,
  BuildSignal,
  Capability,
  CapabilityKind,
  ContentFacts,
  DataBlob,
  Endpoint,
  InstallScript,
  ObfuscationSignal,
} from './types.js';
import { CONTENT_FACTS_VERSION } from './types.js';
import { InternalError } from '../../core/errors.js';

/** Per kind, at most this many sites are published (fileCapabilities stays complete). */
const MAX_SITES_PER_KIND = 40;
const MAX_SITES_PER_FILE_KIND = 3;
const MAX_BLOBS = 300;

interface Ctx {
  byPath: Map<string, PackageFile>;
  kinds: Map<string, FileKind>;
  /** Files read as text (not docs, not binaries), in path order; their text is decoded when asked for. */
  textPaths: string[];
  textSet: Set<string>;
  scans: Map<string, JsFileResult>;
  shell: Map<string, ShellHit[]>;
  endpoints: Endpoint[];
  facts: ContentFacts;
}

/**
 * What one file contributes, computed from that file alone: a worker can compute it for a slice of
 * a large package's files (see split.ts), and assembleFacts joins the slices as if one pass had
 * read them all. Plain data (structured-clone safe).
 */
export interface FileFacts {
  path: string;
  /** Unset for links and for files with no bytes at all. */
  kind?: FileKind;
  /** Only the first bytes were kept (the file exceeded the per-file cap). */
  headOnly?: true;
  js?: JsFileResult;
  shell?: { hits: ShellHit[]; endpoints: Endpoint[] };
  binary?: BinaryFile;
  /** A data blob, published unless the package already has MAX_BLOBS of them. */
  blob?: DataBlob;
}

function readManifest(f: PackageFile | undefined): Record<string, unknown> | undefined {
  if (!f?.data) return undefined;
  try {
    const j = JSON.parse(f.data.toString('utf8')) as unknown;
    return j && typeof j === 'object' && !Array.isArray(j) ? (j as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The files in the order every pass reads them (by path). */
export function inPathOrder(files: readonly PackageFile[]): PackageFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
}

export function fileFacts(f: PackageFile): FileFacts {
  const out: FileFacts = { path: f.path };
  if (f.linkTarget !== undefined) return out;
  const bytes = f.data ?? f.head;
  if (!bytes) return out;
  if (!f.data) out.headOnly = true;
  const kind = kindOf(f.path, bytes);
  out.kind = kind;
  if (kind === 'binary') return scanBinary(out, f, bytes);
  if (!f.data || (kind !== 'js' && kind !== 'ts' && kind !== 'build' && kind !== 'shell')) return out;
  const text = f.data.toString('utf8');
  if (kind === 'js' || kind === 'ts') out.js = scanJsFile(f.path, text, { typescript: kind === 'ts' });
  else out.shell = scanShell(text, f.path);
  return out;
}

function scanBinary(out: FileFacts, f: PackageFile, bytes: Buffer): FileFacts {
  const exe = executableKind(bytes);
  if (f.path.endsWith('.node') || exe) {
    const k: BinaryFile['kind'] = f.path.endsWith('.node') ? 'node-addon' : exe!;
    out.binary = { file: f.path, size: f.size, kind: k, disguised: k !== 'wasm' && k !== 'node-addon' && INNOCENT_EXT.test(f.path) };
    return out;
  }
  const fmt = compressedFormat(bytes);
  const h = entropy(bytes);
  if (!fmt && (isKnownMedia(bytes) || HIGH_ENTROPY_EXT.test(f.path) || h < 7.2 || f.size < 1024)) return out;
  out.blob = {
    file: f.path,
    size: f.size,
    format: fmt ?? 'high-entropy',
    entropy: Math.round(h * 100) / 100,
    inTestDir: TEST_DIR.test(f.path),
    referencedBy: { source: [], build: [] },
    matchedBy: [],
  };
  return out;
}

/** Adds one file's facts to the package's, in path order (caps and first-come lists depend on it). */
function addFile(ctx: Ctx, f: PackageFile, r: FileFacts): void {
  const facts = ctx.facts;
  if (r.kind === undefined) return;
  // A source map read as its head (sources/archive/source-map-head.ts) was never analysed whole.
  if (r.headOnly && !f.sourceMapHead)
    facts.notAnalyzed.push({ file: f.path, reason: `larger than the per-file cap (${f.size} bytes): only magic bytes checked` });
  ctx.kinds.set(f.path, r.kind);
  if (r.binary) facts.binaries.push(r.binary);
  if (r.blob && facts.blobs.length < MAX_BLOBS) facts.blobs.push(r.blob);
  if (r.kind === 'binary' || r.headOnly) return;
  if (r.kind !== 'doc') {
    ctx.textPaths.push(f.path);
    ctx.textSet.add(f.path);
  }
  if (r.js) {
    ctx.scans.set(f.path, r.js);
    if (r.js.parser === 'loose' || (r.js.parser === 'regex' && r.kind === 'js'))
      facts.parseFallbacks.push({ file: f.path, parser: r.js.parser });
  } else if (r.shell) {
    ctx.shell.set(f.path, r.shell.hits);
    ctx.endpoints.push(...r.shell.endpoints);
  }
}

/**
 * False only when `data` cannot decode to a text holding `name`: a name (without U+FFFD) in the
 * decoded text is the same characters decoded from valid UTF-8, so its bytes are in `data`.
 */
function mayName(data: Buffer, name: string): boolean {
  return name.includes('\uFFFD') || data.includes(name, 0, 'utf8');
}

function textOf(ctx: Ctx, path: string): string | undefined {
  return ctx.textSet.has(path) ? ctx.byPath.get(path)?.data?.toString('utf8') : undefined;
}

function installScripts(ctx: Ctx, manifest: Record<string, unknown> | undefined): InstallScript[] {
  const scripts = manifest?.scripts;
  const has = (p: string): boolean => ctx.byPath.has(p);
  const out: InstallScript[] = [];
  for (const event of INSTALL_EVENTS) {
    const command = scripts && typeof scripts === 'object' ? (scripts as Record<string, unknown>)[event] : undefined;
    if (typeof command !== 'string') continue;
    const parsed = parseCommand(command);
    const entries = parsed.files.map((p) => resolveInPackage('.', p, has)).filter((p): p is string => !!p);
    const files = closure(entries, (f) => ctx.scans.get(f)?.requires ?? [], has);
    parsed.inlineJs.forEach((code, i) => {
      const virtual = `package.json#scripts.${event}${i ? `[${i}]` : ''}`;
      ctx.scans.set(virtual, scanJsFile(virtual, code));
      files.push(virtual);
    });
    const cmdScan = scanShell(command, `package.json#scripts.${event}`);
    ctx.endpoints.push(...cmdScan.endpoints);
    out.push({
      event,
      command: command.length > 500 ? command.slice(0, 497) + '...' : command,
      files: files.sort(),
      idioms: cmdScan.hits.map((h) => ({ file: `package.json`, line: 0, excerpt: h.excerpt, idiom: h.idiom, detail: h.detail })),
    });
  }
  // npm runs `node-gyp rebuild` at install for a package with a top-level binding.gyp and no
  // install/preinstall script; gyp's `<!(cmd)` expansions and actions run then.
  const named = scripts && typeof scripts === 'object' ? (scripts as Record<string, unknown>) : {};
  if (
    ctx.byPath.has('binding.gyp') &&
    typeof named.install !== 'string' &&
    typeof named.preinstall !== 'string' &&
    manifest?.gypfile !== false
  ) {
    out.push({ event: 'install', command: 'node-gyp rebuild', files: ['binding.gyp'], idioms: [], implicit: 'binding.gyp' });
  }
  return out;
}

function linkBlobs(ctx: Ctx): void {
  const patterns: { re: RegExp; site: BuildSignal }[] = [];
  for (const [file, hits] of ctx.shell) {
    for (const h of hits) {
      const re = h.idiom === 'grep-binary-marker' && h.pattern ? posixToRegExp(h.pattern) : undefined;
      if (re) patterns.push({ re, site: { file, line: h.line, excerpt: h.excerpt, idiom: h.idiom, detail: h.pattern } });
    }
  }
  // Which files name each blob: each text is decoded once, and only when its bytes hold a blob's name.
  const named = ctx.facts.blobs.filter((b) => basename(b.file).length >= 3);
  for (const path of named.length > 0 ? ctx.textPaths : []) {
    const data = ctx.byPath.get(path)!.data!;
    let text: string | undefined;
    for (const b of named) {
      const name = basename(b.file);
      if (path === b.file || !mayName(data, name)) continue;
      text ??= data.toString('utf8');
      if (!text.includes(name)) continue;
      const k = ctx.kinds.get(path);
      (k === 'build' ? b.referencedBy.build : b.referencedBy.source).push(path);
    }
  }
  for (const b of ctx.facts.blobs) {
    const data = ctx.byPath.get(b.file)?.data ?? ctx.byPath.get(b.file)?.head;
    if (data && patterns.length > 0) {
      const s = data.toString('latin1');
      for (const p of patterns)
        if (p.re.test(s)) b.matchedBy.push({ file: p.site.file, line: p.site.line, excerpt: p.site.excerpt, detail: p.site.detail });
    }
  }
}

function publish(ctx: Ctx): void {
  const f = ctx.facts;
  const perKind = new Map<string, number>();
  const caps: Capability[] = [];
  for (const [file, scan] of [...ctx.scans].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const kinds = new Set<CapabilityKind>();
    const perFileKind = new Map<string, number>();
    for (const c of scan.caps) {
      if (c.kind === 'eval' && c.detail === 'literal') continue;
      kinds.add(c.kind);
      const fk = (perFileKind.get(c.kind) ?? 0) + 1;
      perFileKind.set(c.kind, fk);
      const k = (perKind.get(c.kind) ?? 0) + 1;
      if (fk > MAX_SITES_PER_FILE_KIND || k > MAX_SITES_PER_KIND || c.line === 0) continue;
      perKind.set(c.kind, k);
      caps.push({ kind: c.kind, file, line: c.line, excerpt: c.excerpt, ...(c.detail ? { detail: c.detail } : {}) });
    }
    for (const o of scan.obfuscation)
      f.obfuscation.push({ file, technique: o.technique, line: o.line, excerpt: o.excerpt, ...(o.detail ? { detail: o.detail } : {}) });
    ctx.endpoints.push(...scan.endpoints.map((e) => ({ ...e, file })));
    if (kinds.size > 0) f.fileCapabilities[file] = [...kinds].sort();
  }
  for (const b of f.binaries) {
    const kind: CapabilityKind = b.kind === 'wasm' ? 'wasm' : b.kind === 'node-addon' ? 'native-addon' : 'executable';
    caps.push({ kind, file: b.file, line: 0, excerpt: `${b.kind} binary, ${b.size} bytes` });
    f.fileCapabilities[b.file] = [kind];
  }
  f.capabilities = caps.sort((a, b) => a.kind.localeCompare(b.kind) || a.file.localeCompare(b.file) || a.line - b.line);
  for (const [file, hits] of [...ctx.shell].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const h of hits.slice(0, 50))
      f.buildSignals.push({ file, line: h.line, excerpt: h.excerpt, idiom: h.idiom, ...(h.detail ? { detail: h.detail } : {}) });
  }
  const seen = new Set<string>();
  f.endpoints = ctx.endpoints
    .filter((e) => {
      const key = `${e.file}|${e.line}|${e.host}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .slice(0, 100)
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const bySite = (a: { file: string; line: number }, b: { file: string; line: number }): number =>
    a.file.localeCompare(b.file) || a.line - b.line;
  f.obfuscation.sort((a: ObfuscationSignal, b: ObfuscationSignal) => bySite(a, b) || a.technique.localeCompare(b.technique));
  f.binaries.sort((a, b) => a.file.localeCompare(b.file));
  f.blobs.sort((a, b) => a.file.localeCompare(b.file));
  for (const b of f.blobs) {
    b.referencedBy.source.sort();
    b.referencedBy.build.sort();
  }
  f.parseFallbacks.sort((a, b) => a.file.localeCompare(b.file));
}

export function contentFacts(files: PackageFiles): ContentFacts {
  return assembleFacts(files, inPathOrder(files.files).map(fileFacts));
}

/**
 * The package's facts from its files' facts, `scanned` in path order (inPathOrder): the same JSON
 * whether the files were read here in one pass or in slices by several workers.
 */
export function assembleFacts(files: PackageFiles, scanned: readonly FileFacts[]): ContentFacts {
  const facts: ContentFacts = {
    schema: CONTENT_FACTS_VERSION,
    fileCount: files.files.length,
    totalSize: files.totalSize,
    installScripts: [],
    capabilities: [],
    fileCapabilities: {},
    obfuscation: [],
    binaries: [],
    blobs: [],
    buildSignals: [],
    endpoints: [],
    archiveIssues: files.skipped.map((s) => ({ path: s.path, kind: s.kind, reason: s.reason })),
    parseFallbacks: [],
    notAnalyzed: [],
  };
  const ctx: Ctx = {
    byPath: new Map(files.files.map((f) => [f.path, f])),
    kinds: new Map(),
    textPaths: [],
    textSet: new Set(),
    scans: new Map(),
    shell: new Map(),
    endpoints: [],
    facts,
  };
  const manifest = readManifest(ctx.byPath.get('package.json'));
  if (typeof manifest?.name === 'string') facts.name = manifest.name;
  if (typeof manifest?.version === 'string') facts.version = manifest.version;
  const ordered = inPathOrder(files.files);
  if (ordered.length !== scanned.length)
    throw new InternalError('assembleFacts', new Error(`${scanned.length} file facts for ${ordered.length} files`));
  ordered.forEach((f, i) => {
    if (scanned[i]!.path !== f.path)
      throw new InternalError('assembleFacts', new Error(`facts of ${scanned[i]!.path} where ${f.path} was expected`));
    addFile(ctx, f, scanned[i]!);
  });
  facts.installScripts = installScripts(ctx, manifest);
  facts.behaviour = behaviourModel({
    manifest,
    has: (p) => ctx.byPath.has(p),
    scan: (p) => ctx.scans.get(p),
    jsFiles: [...ctx.scans.keys()].filter((p) => !p.startsWith('package.json#')),
    shellFiles: ctx.textPaths.filter((p) => ctx.kinds.get(p) === 'shell').map((p) => [p, textOf(ctx, p)!]),
    shellHits: (p) => ctx.shell.get(p),
    text: (p) => textOf(ctx, p),
    scanInline: (virtual, code) => scanJsFile(virtual, code),
    scanLarge: (p) => {
      const text = textOf(ctx, p);
      if (text === undefined || text.length < unitScan.minBytes || text.length > MAX_PARSE_BYTES) return undefined;
      const parsed = parseJs(text);
      return parsed ? scanBehaviour(p, text, parsed.ast, new LineIndex(text)) : undefined;
    },
  });
  linkBlobs(ctx);
  publish(ctx);
  for (const f of files.files)
    if (f.linkTarget !== undefined)
      facts.archiveIssues.push({
        path: f.path,
        kind: 'link',
        linkType: f.linkType ?? 'symlink',
        target: f.linkTarget,
        reason: `${f.linkType ?? 'link'} to ${f.linkTarget} (not followed)`,
      });
  return facts;
}
