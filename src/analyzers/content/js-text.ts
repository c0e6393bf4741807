/**
 * Text-level obfuscation signals that do not need an AST (they also run on files that do not
 * parse): packed eval, JSFuck, `_0x` string-array obfuscators, and Trojan Source bidi controls.
 * Ordinary minifiers produce none of these.
 */
import type { RawSignal } from './scan-types.js';
import type { LineIndex } from './text-utils.js';

const PACKED = /eval\s*\(\s*function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,\s*[rd]\s*\)/;
const JSFUCK_MIN = 400;

const isRunChar = (c: number): boolean => c === 91 || c === 93 || c === 40 || c === 41 || c === 33 || c === 43;

/**
 * First run of at least JSFUCK_MIN characters from []()!+ (the regex backtracks). Any such run
 * covers one of the positions JSFUCK_MIN - 1, 2 * JSFUCK_MIN - 1, …, so only those are read
 * until one is a run character, and the run is then measured around it: runs are disjoint, so
 * the first long one found this way is the first in the file.
 */
function longRun(text: string): { index: number; length: number } | undefined {
  for (let p = JSFUCK_MIN - 1; p < text.length; p += JSFUCK_MIN) {
    if (!isRunChar(text.charCodeAt(p))) continue;
    let start = p;
    while (start > 0 && isRunChar(text.charCodeAt(start - 1))) start--;
    let end = p + 1;
    while (end < text.length && isRunChar(text.charCodeAt(end))) end++;
    // A shorter run ends before the next position read (it holds p and is under JSFUCK_MIN long).
    if (end - start >= JSFUCK_MIN) return { index: start, length: end - start };
  }
  return undefined;
}
const HEX_IDENT = /\b_0x[0-9a-f]{4,6}\b/g;
const ROTATE = /\[\s*['"]push['"]\s*\]\s*\(\s*_0x[0-9a-f]+\s*\[\s*['"]shift['"]\s*\]\s*\(\s*\)\s*\)/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const LINE_END = /[\n\r\u2028\u2029\u0085]/;
const VISIBLE_AFTER = /[^\s\u202a-\u202e\u2066-\u2069]/;

/** Distinct `_0x` names that make a file string-array obfuscated rather than incidental. */
export const HEX_IDENT_THRESHOLD = 15;

/**
 * `inString`: when the file parsed, whether an offset lies inside a string literal — a packer
 * sample held as test data in a string (an unpacker's fixtures) is data, not packed code.
 */
export function textSignals(
  text: string,
  lines: LineIndex,
  hexIdentsFromAst?: number,
  inString?: (offset: number) => boolean,
): RawSignal[] {
  const out: RawSignal[] = [];
  const at = (technique: RawSignal['technique'], offset: number, detail: string): void => {
    out.push({ technique, line: lines.line(offset), excerpt: lines.excerpt(offset), detail });
  };
  const packed = PACKED.exec(text);
  if (packed && !inString?.(packed.index))
    at('packed-eval', packed.index, 'Dean Edwards p,a,c,k,e,d packer: code is unpacked and passed to eval');
  const jsf = longRun(text);
  if (jsf && !inString?.(jsf.index)) at('jsfuck', jsf.index, `${jsf.length} characters written only with []()!+`);
  let hexCount = hexIdentsFromAst;
  let firstHex = -1;
  if (text.includes('_0x')) {
    const names = new Set<string>();
    for (const m of text.matchAll(HEX_IDENT)) {
      if (firstHex < 0) firstHex = m.index;
      names.add(m[0]);
      if (names.size > 200) break;
    }
    hexCount = Math.max(hexCount ?? 0, names.size);
    const rot = ROTATE.exec(text);
    if ((hexCount ?? 0) >= HEX_IDENT_THRESHOLD || (rot && (hexCount ?? 0) >= 3)) {
      at('string-array', rot ? rot.index : firstHex, `${hexCount} distinct _0x identifiers${rot ? ', string-array rotation loop' : ''}`);
    }
  }
  // A bidi control reorders only what follows it up to the end of its line (a paragraph
  // separator ends every embedding, override and isolate): one with nothing visible after it on
  // its line (a font table listing U+202A as a glyph name) changes nothing that is displayed.
  let bidiCount = 0;
  let firstBidi = -1;
  for (const m of text.matchAll(BIDI)) {
    if (!VISIBLE_AFTER.test(text.slice(m.index + 1, m.index + 400).split(LINE_END, 1)[0]!)) continue;
    if (firstBidi < 0) firstBidi = m.index;
    bidiCount++;
  }
  if (firstBidi >= 0) at('bidi-control', firstBidi, `${bidiCount} Unicode bidirectional control character(s) in source`);
  return out;
}
