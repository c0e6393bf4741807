/**
 * Lifecycle scripts npm runs on install, the package files they run, and everything those files
 * require relatively (the install-time closure). Only reads package.json; never runs anything.
 */
import { posix } from 'node:path';

export const INSTALL_EVENTS = ['preinstall', 'install', 'postinstall'] as const;

export interface ParsedCommand {
  files: string[];
  inlineJs: string[];
}

/** Split a command line into words, honouring simple quotes; good enough for npm script strings. */
function words(segment: string): string[] {
  const out: string[] = [];
  for (const m of segment.matchAll(/"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

export function parseCommand(cmd: string): ParsedCommand {
  const res: ParsedCommand = { files: [], inlineJs: [] };
  for (const seg of cmd.split(/&&|\|\||;|\|/)) {
    const w = words(seg.trim()).filter(
      (x, i, a) => !(/^[A-Za-z_][A-Za-z0-9_]*=/.test(x) && a.slice(0, i).every((y) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(y))),
    );
    if (w.length === 0) continue;
    let i = 0;
    if (['cross-env', 'env', 'npx', 'exec'].includes(w[0]!)) i++;
    while (i < w.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[i]!)) i++;
    const prog = w[i];
    if (!prog) continue;
    const base = prog.split('/').pop()!;
    if (base === 'node' || base === 'nodejs' || base === 'bun' || base === 'deno') {
      for (let j = i + 1; j < w.length; j++) {
        const a = w[j]!;
        if (a === '-e' || a === '--eval' || a === '-p' || a === '--print') {
          if (w[j + 1]) res.inlineJs.push(w[j + 1]!);
          j++;
          continue;
        }
        if (a === '-r' || a === '--require' || a === '--import') {
          j++;
          continue;
        }
        if (a.startsWith('-') || a === 'run') continue;
        res.files.push(a);
        break;
      }
    } else if (['sh', 'bash', 'zsh', 'dash', 'source', '.', 'cmd', 'powershell', 'pwsh'].includes(base)) {
      const f = w.slice(i + 1).find((a) => !a.startsWith('-') && !a.startsWith('/'));
      if (f) res.files.push(f);
    } else if (/^\.{0,2}\//.test(prog) || /\.(js|cjs|mjs|sh|bat|cmd|ps1)$/i.test(prog)) {
      res.files.push(prog);
    }
  }
  return res;
}

/** Resolve a module/file reference to a package path, like Node would for relative specifiers. */
export function resolveInPackage(fromDir: string, spec: string, has: (p: string) => boolean): string | undefined {
  const joined = posix.normalize(posix.join(fromDir, spec));
  if (joined.startsWith('..') || joined.startsWith('/')) return undefined;
  const p = joined.replace(/^\.\//, '').replace(/\/$/, '');
  for (const c of [p, `${p}.js`, `${p}.cjs`, `${p}.mjs`, `${p}.json`, `${p}/index.js`, `${p}/index.cjs`]) if (has(c)) return c;
  return undefined;
}

/** The most files `closure` follows: a reach this long may have been cut short. */
export const CLOSURE_MAX = 200;

/** Files reachable from `entry` through relative requires (bounded). */
export function closure(
  entries: string[],
  requiresOf: (file: string) => string[],
  has: (p: string) => boolean,
  max = CLOSURE_MAX,
): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0 && seen.size < max) {
    const f = queue.shift()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const spec of requiresOf(f)) {
      const r = resolveInPackage(posix.dirname(f), spec, has);
      if (r && !seen.has(r)) queue.push(r);
    }
  }
  return [...seen].sort();
}
