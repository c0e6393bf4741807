/** Reading files of a root filesystem without following links out of it. */
import { readFileSync, readdirSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';

/** Real path of `rel` under `root` when it stays inside `root`; undefined otherwise (or missing). */
export function resolveInside(root: string, rel: string): string | undefined {
  try {
    const realRoot = realpathSync(root);
    const real = realpathSync(join(root, rel));
    const r = relative(realRoot, real);
    if (r.startsWith('..') || isAbsolute(r)) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

export function readInside(root: string, rel: string): string | undefined {
  const p = resolveInside(root, rel);
  if (!p) return undefined;
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

export function listInside(root: string, rel: string): string[] {
  const p = resolveInside(root, rel);
  if (!p) return [];
  try {
    return readdirSync(p).sort();
  } catch {
    return [];
  }
}
