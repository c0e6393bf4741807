/**
 * m4 macro file identity: the `# serial N` line aclocal compares, and a digest of the content after
 * line-ending and trailing-whitespace normalization (so CRLF checkouts and editor noise do not count
 * as tampering, while any changed token does).
 */
import { createHash } from 'node:crypto';

/** `# serial 3`, `#serial 5`, `dnl serial 2`, and gettext's `# gettext.m4 serial 77 (gettext-0.22)`. */
const SERIAL = /^[ \t]*(?:#|dnl)[ \t]*(?:[\w.+~-]+\.m4[ \t]+)?serial[ \t]+(\d+(?:\.\d+)*)/m;

/** The first serial number of an m4 file, as aclocal reads it; undefined when none. */
export function m4Serial(text: string): string | undefined {
  return SERIAL.exec(text.slice(0, 64 * 1024))?.[1];
}

export function normalizeM4(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n+$/, '\n');
}

export function m4Digest(text: string): string {
  return createHash('sha256').update(normalizeM4(text)).digest('hex');
}

/** Compare dotted serials numerically (`3` < `30`, `1.2` < `1.10`). */
export function compareSerials(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d;
  }
  return 0;
}
