/**
 * package.json reading for extractors that need the project's manifests (yarn.lock roots, bare
 * package.json, npm v1): declared dependencies with their kinds, the 1-based line of each
 * declaration, and npm/yarn workspace globs expanded to workspace folders.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import type { DependencyKind } from '../core/types.js';
import { isRecord, parseJsonInput, str, stringMap } from './json-input.js';

export interface DeclaredDep {
  name: string;
  spec: string;
  kind: DependencyKind;
  line?: number;
}

export interface Manifest {
  /** Path relative to the project directory, POSIX separators (`packages/a/package.json`). */
  file: string;
  /** Folder relative to the project (`.` for the top). */
  dir: string;
  name?: string;
  version?: string;
  deps: DeclaredDep[];
  /** Optional peers (`peerDependenciesMeta.x.optional`) are not listed in `deps`. */
  workspaces: string[];
  raw: Record<string, unknown>;
}

const FIELDS: [string, DependencyKind][] = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
  ['devDependencies', 'dev'],
];

export function parseManifest(text: string, file: string, dir: string): Manifest {
  const { value, lines } = parseJsonInput(text, file, 'E_MANIFEST_PARSE', 'package.json');
  const raw = isRecord(value) ? value : {};
  const optionalPeers = isRecord(raw.peerDependenciesMeta) ? raw.peerDependenciesMeta : {};
  const deps: DeclaredDep[] = [];
  const seen = new Set<string>();
  for (const [field, kind] of FIELDS) {
    for (const [name, spec] of Object.entries(stringMap(raw[field]))) {
      if (kind === 'peer') {
        const meta = optionalPeers[name];
        if (isRecord(meta) && meta.optional === true) continue;
      }
      // npm: a name in both dependencies and optionalDependencies is optional; first field wins otherwise.
      if (seen.has(name)) continue;
      seen.add(name);
      deps.push({ name, spec, kind, line: lines.lineOf([field, name]) });
    }
  }
  const ws = raw.workspaces;
  const workspaces = Array.isArray(ws)
    ? ws.filter((x): x is string => typeof x === 'string')
    : isRecord(ws) && Array.isArray(ws.packages)
      ? ws.packages.filter((x): x is string => typeof x === 'string')
      : [];
  return { file, dir, name: str(raw.name), version: str(raw.version), deps, workspaces, raw };
}

/** Read `<projectDir>/<dir>/package.json`, or undefined when there is none. */
export function readManifest(projectDir: string, dir = '.'): Manifest | undefined {
  const abs = join(projectDir, dir, 'package.json');
  if (!existsSync(abs)) return undefined;
  const file = dir === '.' ? 'package.json' : posix.join(dir, 'package.json');
  return parseManifest(readFileSync(abs, 'utf8'), file, dir);
}

/** Expand workspace globs (`packages/*`, `apps/**`, `tools/x`, `!excluded`) to folders with a package.json. */
export function expandWorkspaces(projectDir: string, patterns: string[]): string[] {
  const include = patterns.filter((p) => !p.startsWith('!'));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => globRegExp(p.slice(1)));
  const found = new Set<string>();
  for (const pat of include) {
    const re = globRegExp(pat);
    const fixed = pat.split('/').findIndex((s) => /[*?[{]/.test(s));
    const base = fixed === -1 ? pat : pat.split('/').slice(0, fixed).join('/');
    for (const d of walkDirs(projectDir, base || '.', fixed === -1 ? 0 : pat.includes('**') ? 6 : pat.split('/').length - fixed)) {
      if (re.test(d) && !exclude.some((x) => x.test(d)) && existsSync(join(projectDir, d, 'package.json'))) found.add(d);
    }
  }
  return [...found].sort();
}

function walkDirs(projectDir: string, base: string, depth: number): string[] {
  const out: string[] = [];
  const start = join(projectDir, base);
  const visit = (abs: string, left: number): void => {
    let st;
    try {
      st = statSync(abs);
    } catch {
      return;
    }
    if (!st.isDirectory()) return;
    out.push(relative(projectDir, abs).split(sep).join('/') || '.');
    if (left <= 0) return;
    let names: string[];
    try {
      names = readdirSync(abs);
    } catch {
      return;
    }
    for (const n of names) if (n !== 'node_modules' && !n.startsWith('.')) visit(join(abs, n), left - 1);
  };
  visit(start, depth);
  return out;
}

/** Minimal glob → RegExp for workspace patterns: `*` within a segment, `**` across segments. */
export function globRegExp(glob: string): RegExp {
  const g = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*' && g[i + 1] === '*') {
      re += '.*';
      i++;
      if (g[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
