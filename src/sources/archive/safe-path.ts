/**
 * Path safety for archive entries. Raw names are checked BEFORE any prefix stripping, so
 * `../x` can never become `x`. Unsafe names are reported, never normalized into the tree.
 */
import type { SkipKind } from './types.js';

export type PathVerdict = { ok: true; path: string; depth: number } | { ok: false; kind: SkipKind; reason: string };

export function checkEntryPath(raw: string, maxDepth: number): PathVerdict {
  if (raw.length === 0) return { ok: false, kind: 'empty-name', reason: 'empty entry name' };
  if (raw.includes('\0')) return { ok: false, kind: 'nul-byte', reason: 'NUL byte in entry name' };
  const slashed = raw.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return { ok: false, kind: 'absolute-path', reason: 'absolute path' };
  if (/^[a-zA-Z]:/.test(slashed)) return { ok: false, kind: 'drive-letter', reason: 'drive-letter path' };
  const segs = slashed.split('/').filter((s) => s !== '' && s !== '.');
  if (segs.some((s) => s === '..')) return { ok: false, kind: 'parent-escape', reason: 'path escapes with ".."' };
  if (segs.length === 0) return { ok: false, kind: 'empty-name', reason: 'empty entry name' };
  if (segs.length > maxDepth) return { ok: false, kind: 'too-deep', reason: `path deeper than ${maxDepth} segments` };
  return { ok: true, path: segs.join('/'), depth: segs.length };
}

/** How the top directory of an archive is removed. */
export type StripMode = 'npm' | 'auto' | 'none';

/** npm: drop the first segment of every multi-segment path (what npm itself does on install). */
export function stripFirstSegment(path: string): string {
  const i = path.indexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/** auto: strip only when every path shares one top directory (source tarballs, `package/`). */
export function commonTopDir(paths: string[]): string | undefined {
  let top: string | undefined;
  for (const p of paths) {
    const i = p.indexOf('/');
    if (i < 0) return undefined;
    const t = p.slice(0, i);
    if (top === undefined) top = t;
    else if (t !== top) return undefined;
  }
  return top;
}
