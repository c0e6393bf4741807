/**
 * The one sanitiser for text shown on a terminal or in Markdown. Data from packages, lockfiles,
 * git and mail (names, paths, scripts, author names) may carry control characters: escape
 * sequences (CSI: clear the screen, move the cursor, hide text; OSC: set the window title, write
 * hyperlinks or the clipboard), C1 controls, carriage returns that overwrite a line, and Unicode
 * bidi overrides that reorder what a reviewer reads ("Trojan Source"). Each such character is
 * replaced by a visible, inert notation (`\x1b`, `<U+202E>`), so the evidence stays readable and
 * nothing is interpreted. Newlines and tabs are kept. HTML output escapes on its own and JSON/SARIF
 * encode control characters, so they do not use this.
 */
import { mapStrings, redact } from './redact.js';

// C0 except \t and \n, DEL, C1; bidi embeddings/overrides/isolates and marks; line/paragraph separators.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `<U+${cp.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** Terminal-safe text: every control, bidi and separator character made visible and inert. */
export function sanitizeText(s: string): string {
  return s.replace(UNSAFE, visible);
}

// What JSON.stringify leaves raw but a terminal may act on (DEL, C1 such as the 8-bit CSI 0x9b) or
// a reader may be misled by (bidi controls, line/paragraph separators). JSON.stringify escapes C0.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text (JSON, SARIF, CycloneDX, watch alerts) with those characters written as `\uXXXX`
 * escapes: the same JSON value, nothing a terminal would interpret when the output is shown raw.
 * They can only occur inside JSON strings, where the escape is exact.
 */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A line vigil writes straight to a terminal (messages, progress, streamed events): sanitised, then redacted. */
export function safeTerminalText(s: string): string {
  return redact(sanitizeText(s));
}

/** True when `s` holds characters `sanitizeText` would rewrite. */
export function hasUnsafeText(s: string): boolean {
  UNSAFE.lastIndex = 0;
  const hit = UNSAFE.test(s);
  UNSAFE.lastIndex = 0;
  return hit;
}

/** `sanitizeText` over every string of a result-like value, before a terminal or Markdown renderer sees it. */
export function sanitizeDeep<T>(value: T): T {
  return mapStrings(value, sanitizeText);
}

// Colour and weight only (never conceal, blink, cursor or screen control): what renderers emit.
const SGR = /\x1b\[(?:0|1|2|22|3[0-7]|39|9[0-7])m/y;

/**
 * A final pass over rendered terminal text: anything a renderer decoded from data after the
 * result was sanitised (a percent-decoded purl, a name) is made inert too. With `colors`, the
 * renderer's own colour sequences (SGR colour/weight codes only) are kept.
 */
export function sanitizeRendered(text: string, colors: boolean): string {
  if (!colors) return sanitizeText(text);
  let out = '';
  let last = 0;
  for (let i = text.indexOf('\x1b'); i !== -1; i = text.indexOf('\x1b', i + 1)) {
    SGR.lastIndex = i;
    if (!SGR.test(text)) continue;
    out += sanitizeText(text.slice(last, i)) + text.slice(i, SGR.lastIndex);
    last = SGR.lastIndex;
    i = last - 1;
  }
  return out + sanitizeText(text.slice(last));
}
