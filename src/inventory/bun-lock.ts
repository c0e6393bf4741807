/**
 * bun.lock (Bun ≥ 1.1.39 text lockfile; the default since Bun 1.2): JSONC — comments and trailing
 * commas — read with jsonc-parser. Layout:
 *   workspaces: { "": {name, dependencies, devDependencies, optionalDependencies, peerDependencies},
 *                 "packages/a": {...} }
 *   packages:   { KEY: ENTRY }, where KEY is a node_modules-like path of package names ("debug",
 *               "express/debug" for a copy nested under express, "ws-name/dep" for a workspace's own)
 *   ENTRY:      npm       ["name@version", registry, INFO, integrity]
 *               workspace ["name@workspace:path"]
 *               git/github/tarball ["name@SPEC", INFO, ...]; link/folder ["name@link:path" | "name@file:path", INFO]
 * A dependency of KEY resolves to the deepest of KEY/dep, parent(KEY)/dep, ..., dep — node's lookup.
 * The binary bun.lockb cannot be read: `bunLockbExtractor` says how to write the text form.
 */
import { parseTree, type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { VigilError } from '../core/errors.js';
import type { DependencyKind, Inventory } from '../core/types.js';
import { InventoryBuilder } from './builder.js';
import { isRecord, str, stringMap } from './json-input.js';
import { assertNoConflictMarkers, guardNesting, stripBom } from './text-checks.js';
import type { ExtractInput, Extractor } from './types.js';

type Info = Record<string, unknown>;
interface Entry {
  key: string;
  name: string;
  spec: string;
  info: Info;
  integrity?: string;
  line?: number;
}

/** "name@spec" → name and spec (scoped names keep their first "@"). */
function splitIdent(ident: string): { name: string; spec: string } | undefined {
  const at = ident.indexOf('@', ident.startsWith('@') ? 1 : 0);
  if (at <= 0) return undefined;
  return { name: ident.slice(0, at), spec: ident.slice(at + 1) };
}

/** "a/@s/b/c" → ["a", "@s/b", "c"]. */
function keySegments(key: string): string[] {
  const parts = key.split('/');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++)
    out.push(parts[i]!.startsWith('@') && i + 1 < parts.length ? `${parts[i]}/${parts[++i]}` : parts[i]!);
  return out;
}

function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function parseBunLock(input: ExtractInput): { lock: Record<string, unknown>; lineOfPackage: Map<string, number> } {
  const file = input.displayPath;
  const text = stripBom(input.text);
  assertNoConflictMarkers(text, file, 'E_LOCKFILE_PARSE');
  const errors: ParseError[] = [];
  const root = guardNesting(text, file, 'E_LOCKFILE_PARSE', 'bun.lock', () =>
    parseTree(text, errors, { allowTrailingComma: true, disallowComments: false }),
  );
  const lineOf = lineIndex(text);
  if (errors.length || !root) {
    const e = errors[0];
    throw new VigilError('E_LOCKFILE_PARSE', `bun.lock is not valid JSONC: ${e ? printParseErrorCode(e.error) : 'empty file'}`, {
      file,
      line: e ? lineOf(e.offset) : 1,
      hint: 'The file may be truncated or hand-edited; regenerate it with `bun install --lockfile-only`.',
    });
  }
  if (root.type !== 'object') throw new VigilError('E_LOCKFILE_PARSE', 'bun.lock is not a JSON object', { file, line: 1 });
  const lineOfPackage = new Map<string, number>();
  const pkgs = root.children?.find((p) => p.children?.[0]?.value === 'packages')?.children?.[1];
  for (const prop of pkgs?.children ?? []) {
    const k = prop.children?.[0] as Node | undefined;
    if (typeof k?.value === 'string') lineOfPackage.set(k.value, lineOf(k.offset));
  }
  return {
    lock: guardNesting(text, file, 'E_LOCKFILE_PARSE', 'bun.lock', () => nodeValue(root)) as Record<string, unknown>,
    lineOfPackage,
  };
}

function nodeValue(n: Node): unknown {
  switch (n.type) {
    case 'object': {
      const o: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const p of n.children ?? []) if (p.children?.length === 2) o[String(p.children[0]!.value)] = nodeValue(p.children[1]!);
      return o;
    }
    case 'array':
      return (n.children ?? []).map(nodeValue);
    default:
      return n.value;
  }
}

function readEntries(b: InventoryBuilder, packages: Record<string, unknown>, lines: Map<string, number>, file: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const [key, raw] of Object.entries(packages)) {
    const line = lines.get(key);
    const ident = Array.isArray(raw) && typeof raw[0] === 'string' ? splitIdent(raw[0]) : undefined;
    if (!Array.isArray(raw) || !ident) {
      b.problem({
        code: 'E_LOCKFILE_PARSE',
        message: `bun.lock package "${key}" is not a ["name@version", ...] entry; left out`,
        file,
        line,
        subject: key,
      });
      continue;
    }
    const npm = raw.length >= 4 && typeof raw[1] === 'string' && isRecord(raw[2]);
    const info = (npm ? raw[2] : raw.find((x, i) => i > 0 && isRecord(x))) as Info | undefined;
    out.set(key, { key, ...ident, info: info ?? {}, integrity: npm ? str(raw[3]) : undefined, line });
  }
  return out;
}

function extract(input: ExtractInput): Inventory {
  const file = input.displayPath;
  const { lock, lineOfPackage } = parseBunLock(input);
  const version = lock.lockfileVersion;
  if (version !== 0 && version !== 1) {
    throw new VigilError(
      'E_LOCKFILE_PARSE',
      `unsupported bun.lock lockfileVersion ${JSON.stringify(version ?? null)} (vigil reads 0 and 1)`,
      {
        file,
        line: 1,
        hint: 'Regenerate it with Bun 1.2 or later (`bun install --lockfile-only`).',
      },
    );
  }
  const b = new InventoryBuilder({ file, format: `bun.lock v${String(version)}` });
  const workspaces = isRecord(lock.workspaces) ? lock.workspaces : {};
  const entries = readEntries(b, isRecord(lock.packages) ? lock.packages : {}, lineOfPackage, file);

  const purlOf = new Map<string, string>();
  const rootIds = new Map<string, string>(); // workspace path → root id
  for (const [path, ws] of Object.entries(workspaces)) {
    const name = (isRecord(ws) && str(ws.name)) || (path === '' ? '(root)' : path);
    const id = b.addRoot({
      id: `root:${name}`,
      name,
      path: path || '.',
      ...(isRecord(ws) && str(ws.version) ? { version: str(ws.version) } : {}),
    });
    rootIds.set(path, id);
  }
  for (const e of entries.values()) {
    if (e.spec.startsWith('workspace:')) continue;
    if (e.spec.startsWith('link:') || e.spec.startsWith('file:')) {
      b.problem({
        code: 'E_UNSUPPORTED',
        message: `"${e.name}" is a local folder (${e.spec}); not inventoried`,
        file,
        line: e.line,
        subject: e.name,
      });
      continue;
    }
    const registry = /^\d/.test(e.spec);
    const purl = b.addComponent({
      name: e.name,
      version: e.spec,
      location: { file, line: e.line },
      ...(registry ? {} : { resolved: e.spec }),
      ...(e.integrity ? { integrity: e.integrity } : {}),
      path: `node_modules/${keySegments(e.key).join('/node_modules/')}`,
    });
    if (purl) purlOf.set(e.key, purl);
  }

  /** node's lookup: KEY/dep, then each parent's, then the top level. */
  const resolve = (fromSegs: string[], dep: string): Entry | undefined => {
    for (let i = fromSegs.length; i >= 0; i--) {
      const hit = entries.get([...fromSegs.slice(0, i), dep].join('/'));
      if (hit) return hit;
    }
    return undefined;
  };
  const link = (
    from: string,
    fromSegs: string[],
    deps: Record<string, string>,
    kind: DependencyKind,
    optionalNames: Set<string>,
    line: number | undefined,
  ) => {
    for (const [dep, spec] of Object.entries(deps)) {
      const to = resolve(fromSegs, dep);
      // A workspace depending on another is not an edge (as npm, yarn and pnpm record it): both are roots.
      if (to?.spec.startsWith('workspace:')) continue;
      const purl = to && purlOf.get(to.key);
      if (purl) b.addEdge(from, purl, kind, spec);
      else if (!to && kind !== 'optional' && !optionalNames.has(dep)) {
        b.problem({ code: 'E_LOCKFILE_PARSE', message: `"${dep}" (${spec}) is not in the lockfile's packages`, file, line, subject: dep });
      }
    }
  };
  const depsOf = (info: Info, from: string, segs: string[], line: number | undefined, withDev: boolean) => {
    const optionalPeers = new Set(
      Array.isArray(info.optionalPeers) ? info.optionalPeers.filter((x): x is string => typeof x === 'string') : [],
    );
    link(from, segs, stringMap(info.dependencies), 'prod', new Set(), line);
    link(from, segs, stringMap(info.optionalDependencies), 'optional', new Set(), line);
    link(from, segs, stringMap(info.peerDependencies), 'peer', optionalPeers, line);
    if (withDev) link(from, segs, stringMap(info.devDependencies), 'dev', new Set(), line);
  };
  for (const [path, ws] of Object.entries(workspaces)) {
    if (!isRecord(ws)) continue;
    const name = str(ws.name);
    // A workspace's own copies are keyed under its name ("ws-name/dep"); the root's are top level.
    depsOf(ws, rootIds.get(path)!, path === '' || !name ? [] : [name], 1, true);
  }
  for (const e of entries.values()) {
    const from = purlOf.get(e.key);
    if (from) depsOf(e.info, from, keySegments(e.key), e.line, false);
  }
  return b.build();
}

export const bunLockExtractor: Extractor = {
  id: 'bun-lock',
  format: 'bun.lock (lockfileVersion 0, 1)',
  fileNames: ['bun.lock'],
  detect: (path) => /(^|[\\/])bun\.lock$/.test(path),
  extract: (input) => extract(input),
};

/** bun.lockb is a binary format with no published layout: say how to get the text form instead of guessing. */
export const bunLockbExtractor: Extractor = {
  id: 'bun-lockb',
  format: 'bun.lockb (binary; not readable)',
  fileNames: ['bun.lockb'],
  detect: (path) => /(^|[\\/])bun\.lockb$/.test(path),
  extract: (input) => {
    throw new VigilError(
      'E_UNSUPPORTED',
      "bun.lockb is Bun's binary lockfile, which vigil cannot read (and will not replace with versions guessed from package.json)",
      {
        file: input.displayPath,
        hint: 'write the text lockfile next to it: `bun install --save-text-lockfile --frozen-lockfile --lockfile-only` (Bun ≥ 1.1.39; the default from Bun 1.2), then scan again — bun.lock is read',
      },
    );
  },
};
