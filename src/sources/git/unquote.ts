/**
 * Undo git's C-style path quoting (`"dir/na\303\257ve \"x\".txt"`), used for paths with control
 * characters, quotes, backslashes or (with core.quotePath) non-ASCII bytes. Octal escapes are bytes
 * of UTF-8; invalid sequences decode to U+FFFD rather than failing.
 */
const SIMPLE: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

export function unquoteGitPath(s: string): string {
  if (s.length < 2 || !s.startsWith('"') || !s.endsWith('"')) return s;
  const body = s.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      const oct = body.slice(i + 1, i + 4);
      bytes.push(parseInt(oct, 8) & 0xff);
      i += oct.length;
    } else if (next in SIMPLE) {
      bytes.push(SIMPLE[next]!);
      i += 1;
    } else {
      bytes.push(92);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
