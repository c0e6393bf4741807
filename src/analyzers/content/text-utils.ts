/** Small text helpers shared by the content scanners: line lookup, excerpts, entropy, file kinds. */
import { compressedFormat, executableKind } from './binaries.js';

/** Offsets of line starts, for offset → 1-based line without keeping `locations` in the AST. */
export class LineIndex {
  /**
   * Offsets of line starts in `starts[0..count)`, a typed array grown by doubling: outside the
   * garbage-collected heap (an unminified bundle has tens of thousands of lines, and an array of
   * numbers grown by push was copied at every growth and scanned by every collection).
   */
  private readonly starts: Int32Array;
  private readonly count: number;
  constructor(private readonly text: string) {
    let starts = new Int32Array(16);
    let n = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (n === starts.length) {
        const grown = new Int32Array(n * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[n++] = i + 1;
    }
    this.starts = starts;
    this.count = n;
  }
  line(offset: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  /** Up to `max` characters around `offset` on its line (long minified lines are windowed). */
  excerpt(offset: number, max = 160): string {
    const ln = this.line(offset);
    const s = this.starts[ln - 1]!;
    const e = ln < this.count ? this.starts[ln]! - 1 : this.text.length;
    const from = e - s <= max ? s : Math.max(s, Math.min(offset - 40, e - max));
    return clean(this.text.slice(from, Math.min(e, from + max)));
  }
  get lineCount(): number {
    return this.count;
  }
  /** Share of the characters before `upTo` that sit on lines at least `long` characters long (minified code). */
  longLineShare(upTo: number, long = 500): number {
    let inLong = 0;
    for (let i = 0; i < this.count && this.starts[i]! < upTo; i++) {
      const end = Math.min(i + 1 < this.count ? this.starts[i + 1]! : this.text.length, upTo);
      if (end - this.starts[i]! >= long) inLong += end - this.starts[i]!;
    }
    return upTo > 0 ? inLong / upTo : 0;
  }
  maxLineLength(): number {
    let m = 0;
    for (let i = 0; i < this.count; i++) {
      const end = i + 1 < this.count ? this.starts[i + 1]! : this.text.length;
      m = Math.max(m, end - this.starts[i]!);
    }
    return m;
  }
}

/** Excerpts must show hidden characters: control/bidi/invisible code points become \u{...}. */
export function clean(s: string): string {
  return s
    .replace(
      /[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2069\u3164\ufeff\uffa0]/g,
      (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`,
    )
    .replace(/\r/g, '')
    .trim();
}

/** Shannon entropy in bits per byte over at most the first 64 KiB. */
export function entropy(buf: Buffer): number {
  const n = Math.min(buf.length, 65536);
  if (n === 0) return 0;
  const counts = new Uint32Array(256);
  for (let i = 0; i < n; i++) counts[buf[i]!]!++;
  let h = 0;
  for (const c of counts) {
    if (c === 0) continue;
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Text when the first 8 KiB has no NUL and few control bytes. */
export function looksText(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) return false;
    if (b < 9 || (b > 13 && b < 32)) ctrl++;
  }
  return ctrl <= n / 100;
}

export const JS_EXT = /\.(c|m)?js$|\.jsx$/i;
export const TS_EXT = /\.(c|m)?ts$|\.tsx$/i;
const BUILD_NAME =
  /(^|\/)(configure|configure\.(ac|in)|Makefile(\.am|\.in)?|GNUmakefile|CMakeLists\.txt|[^/]*\.(m4|am|cmake|mk|ac|gyp|gypi))$/;
const SHELL_NAME = /\.(sh|bash|zsh|ksh|bat|cmd|ps1)$/i;

export type FileKind = 'js' | 'ts' | 'build' | 'shell' | 'manifest' | 'doc' | 'text' | 'binary';

export function kindOf(path: string, data: Buffer | undefined): FileKind {
  if (path === 'package.json') return 'manifest';
  if (!data) return 'binary';
  // A NUL byte must not hide a script from analysis: .js files are code unless their magic says otherwise.
  if (JS_EXT.test(path) && !executableKind(data) && !compressedFormat(data)) return 'js';
  if (!looksText(data)) return 'binary';
  if (TS_EXT.test(path) && !path.endsWith('.d.ts')) return 'ts';
  if (BUILD_NAME.test(path)) return 'build';
  if (SHELL_NAME.test(path)) return 'shell';
  if (/\.(md|markdown|rst|txt|html?|adoc)$/i.test(path) || /(^|\/)(README|CHANGELOG|LICENSE|COPYING|NEWS|AUTHORS)[^/]*$/i.test(path))
    return 'doc';
  if (data.subarray(0, 2).toString('latin1') === '#!') {
    const first = data.subarray(0, 120).toString('latin1');
    if (/node/.test(first)) return 'js';
    if (/\b(ba|z|k|da)?sh\b/.test(first)) return 'shell';
  }
  return 'text';
}

/** Test / fixture / data folders, where the xz payload hid. */
export const TEST_DIR = /(^|\/)(tests?|__tests__|specs?|fixtures?|__fixtures__|testdata|test-data|testfiles|data|samples?|files)\//i;

export function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}
