/**
 * Lines of report text fitted to a width: cut table cells, wrapped evidence lines. Its own module so
 * a small report (guard's, printed before every guarded install) does not load the full terminal
 * renderer and what that imports.
 */
import type { Evidence } from '../core/types.js';

/** One line cut to `n` characters (fixed-width table cells, e.g. the guard report's columns). */
export function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/**
 * One line of text, never cut: when a width is known (a terminal, or COLUMNS) a long line wraps onto
 * continuation lines indented by `indent` spaces; without one it stays one line (pipes, files, CI logs).
 */
export function fit(s: string, n: number | undefined, indent = 4): string {
  const one = s.replace(/\s+/g, ' ').trim();
  if (n === undefined || one.length <= n) return one;
  const lines: string[] = [];
  let rest = one;
  let room = n;
  while (rest.length > room) {
    let cut = rest.lastIndexOf(' ', room);
    if (cut <= room / 3) cut = room;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
    room = Math.max(20, n - indent);
  }
  if (rest) lines.push(rest);
  return lines.join(`\n${' '.repeat(indent)}`);
}

export function evidenceLine(e: Evidence, width: number | undefined): string {
  const where = e.file ? `${e.file}${e.line ? `:${e.line}` : ''}` : e.commit ? e.commit.slice(0, 12) : (e.field ?? e.url ?? '');
  let what = e.excerpt ?? '';
  if (!what && (e.before !== undefined || e.after !== undefined)) what = `${JSON.stringify(e.before)} → ${JSON.stringify(e.after)}`;
  if (!what && e.value !== undefined) what = typeof e.value === 'string' ? e.value : JSON.stringify(e.value);
  if (!what && e.path) what = e.path.join(' › ');
  const head = [e.label, where].filter(Boolean).join(' @ ');
  return fit(`${head}${head && what ? ': ' : ''}${what}`, width, 6);
}
