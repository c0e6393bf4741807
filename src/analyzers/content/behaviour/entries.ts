/**
 * Entry points: how a package's code starts running. Lifecycle hooks (their command line is a
 * virtual file `package.json#scripts.<event>`), the implicit `node-gyp rebuild` of a binding.gyp
 * (virtual file `binding.gyp`), bin, main/module, exports and browser. Each entry lists the files
 * it reaches through relative requires/imports.
 */
import { closure, parseCommand, resolveInPackage } from '../install-scripts.js';
import { gypCommands } from './shell-behaviour.js';
import type { EntryPoint } from './types.js';

/** Hooks npm runs on install (prepare/prepublish: on git and local installs, and by older npm). */
export const LIFECYCLE_HOOKS = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish'] as const;

export interface EntryInput {
  manifest: Record<string, unknown> | undefined;
  has: (path: string) => boolean;
  requiresOf: (file: string) => string[];
  text: (path: string) => string | undefined;
}

/** Virtual file name of a lifecycle command line. */
export const scriptFile = (event: string): string => `package.json#scripts.${event}`;

function stringsIn(v: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 6) return out;
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => stringsIn(x, out, depth + 1));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => stringsIn(x, out, depth + 1));
  return out;
}

export function entryPoints(inp: EntryInput): EntryPoint[] {
  const m = inp.manifest ?? {};
  const out: EntryPoint[] = [];
  const resolve = (p: string): string | undefined => resolveInPackage('.', p, inp.has);
  const reach = (files: string[]): string[] =>
    closure(
      files.filter((f) => inp.has(f)),
      inp.requiresOf,
      inp.has,
    );
  const scripts = m.scripts && typeof m.scripts === 'object' ? (m.scripts as Record<string, unknown>) : {};
  for (const event of LIFECYCLE_HOOKS) {
    const cmd = scripts[event];
    if (typeof cmd !== 'string') continue;
    const files = parseCommand(cmd)
      .files.map(resolve)
      .filter((f): f is string => !!f);
    out.push({
      kind: 'install',
      field: `scripts.${event}`,
      value: cmd.slice(0, 300),
      files: [scriptFile(event), ...files],
      reach: [scriptFile(event), ...reach(files)],
    });
  }
  const gyp = inp.text('binding.gyp');
  if (gyp !== undefined && m.gypfile !== false) {
    const files = gypCommands(gyp)
      .flatMap((c) => parseCommand(c.command).files)
      .map(resolve)
      .filter((f): f is string => !!f);
    const explicit = typeof scripts.install === 'string' || typeof scripts.preinstall === 'string';
    out.push({
      kind: 'install',
      field: 'binding.gyp',
      value: explicit ? 'node-gyp (run by the install script)' : 'node-gyp rebuild (implicit: no install script)',
      files: ['binding.gyp', ...files],
      reach: ['binding.gyp', ...reach(files)],
      ...(explicit ? {} : { implicit: true }),
    });
  }
  const bins =
    typeof m.bin === 'string'
      ? { [String(m.name ?? 'bin')]: m.bin }
      : m.bin && typeof m.bin === 'object'
        ? (m.bin as Record<string, unknown>)
        : {};
  for (const [name, p] of Object.entries(bins)) {
    const f = typeof p === 'string' ? resolve(p) : undefined;
    if (f) out.push({ kind: 'bin', field: `bin.${name}`, value: String(p), files: [f], reach: reach([f]) });
  }
  const main = typeof m.main === 'string' ? resolve(m.main) : resolve('index.js');
  if (main)
    out.push({
      kind: 'main',
      field: typeof m.main === 'string' ? 'main' : 'main (default index.js)',
      value: main,
      files: [main],
      reach: reach([main]),
    });
  if (typeof m.module === 'string' && resolve(m.module))
    out.push({ kind: 'main', field: 'module', value: m.module, files: [resolve(m.module)!], reach: reach([resolve(m.module)!]) });
  const exp = [
    ...new Set(
      stringsIn(m.exports)
        .filter((s) => s.startsWith('./'))
        .map(resolve)
        .filter((f): f is string => !!f && /\.(c|m)?js$/.test(f)),
    ),
  ].slice(0, 50);
  if (exp.length) out.push({ kind: 'exports', field: 'exports', value: exp.slice(0, 5).join(', '), files: exp, reach: reach(exp) });
  const br = [
    ...new Set(
      stringsIn(m.browser)
        .map(resolve)
        .filter((f): f is string => !!f && /\.(c|m)?js$/.test(f)),
    ),
  ].slice(0, 20);
  if (br.length) out.push({ kind: 'browser', field: 'browser', value: br.slice(0, 5).join(', '), files: br, reach: reach(br) });
  return out;
}
