/**
 * Extract the C programs that build systems compile to detect features:
 * CMake `check_c_source_compiles("…" VAR)` (and _runs, cxx, `check_source_compiles(C …)`),
 * autoconf `AC_LANG_PROGRAM([prologue], [body])` / `AC_LANG_SOURCE([code])` / `AC_TRY_COMPILE`,
 * `AC_TRY_LINK`, and meson `cc.compiles('''…''')` / `cc.links(…)`.
 * Snippets that reference variables (`${CODE}`) are returned with the reference kept as an
 * identifier; the syntax check treats it as one.
 */
import { lowerBound } from '../../core/sorted.js';

export interface Snippet {
  /** Macro that compiles it. */
  macro: string;
  /** Result variable (CMake) when known: the key that pairs old and new versions of a check. */
  variable?: string;
  /** 1-based line of the macro in the build file. */
  line: number;
  /** 1-based file line of the snippet's first line, when the code is verbatim from the file. */
  codeLine?: number;
  code: string;
}

const CMAKE =
  /\b(check_c_source_compiles|check_c_source_runs|check_cxx_source_compiles|check_cxx_source_runs|check_source_compiles|check_source_runs)\s*\(/gi;
const AUTOCONF = /\b(AC_LANG_PROGRAM|AC_LANG_SOURCE|AC_TRY_COMPILE|AC_TRY_LINK|AC_TRY_RUN)\s*\(/g;
const MESON = /\.(compiles|links|run)\s*\(\s*('''|')/g;

/** 1-based line of an offset, by binary search over newline offsets computed once per text. */
function lineIndex(text: string): (idx: number) => number {
  const nl: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) nl.push(i);
  return (idx) => lowerBound(nl, idx) + 1;
}

export function extractSnippets(path: string, text: string): Snippet[] {
  const lower = path.toLowerCase();
  if (lower.endsWith('cmakelists.txt') || lower.endsWith('.cmake')) return cmakeSnippets(text);
  if (lower.endsWith('meson.build')) return mesonSnippets(text);
  if (/(configure\.(ac|in)|\.m4)$/.test(lower)) return autoconfSnippets(text);
  return [];
}

function cmakeSnippets(text: string): Snippet[] {
  const out: Snippet[] = [];
  const lineAt = lineIndex(text);
  for (const m of text.matchAll(CMAKE)) {
    let i = m.index! + m[0].length;
    const macro = m[1]!;
    while (/\s/.test(text[i] ?? '')) i++;
    if (/^check_source_(compiles|runs)$/i.test(macro)) {
      const lang = /^(C|CXX)\s+/i.exec(text.slice(i, i + 5));
      if (!lang) continue;
      i += lang[0].length;
    }
    let code: string | undefined;
    const codeStart = i + 1;
    if (text[i] === '"') {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && text[j + 1] === '\n') {
          j += 2; // CMake line continuation
          continue;
        }
        if (text[j] === '\\' && j + 1 < text.length) {
          const e = text[j + 1]!;
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          j += 2;
          continue;
        }
        s += text[j];
        j++;
      }
      code = s;
      i = j + 1;
    } else {
      const br = /^\[(=*)\[/.exec(text.slice(i, i + 20));
      if (!br) continue;
      const close = `]${br[1]}]`;
      const end = text.indexOf(close, i + br[0].length);
      if (end < 0) continue;
      code = text.slice(i + br[0].length, end);
      i = end + close.length;
    }
    const variable = /^\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i, i + 200))?.[1];
    out.push({ macro, variable, line: lineAt(m.index!), codeLine: lineAt(codeStart), code });
  }
  return out;
}

/** Split an m4 argument list starting after `(`; returns the raw arguments. */
function m4Args(text: string, start: number): string[] {
  const args: string[] = [];
  let depthQ = 0;
  let depthP = 0;
  let from = start;
  const stop = Math.min(text.length, start + 50_000);
  for (let i = start; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === 91)
      depthQ++; // [
    else if (c === 93)
      depthQ--; // ]
    else if (depthQ === 0 && c === 40)
      depthP++; // (
    else if (depthQ === 0 && c === 41) {
      // )
      if (depthP === 0) {
        args.push(text.slice(from, i));
        return args;
      }
      depthP--;
    } else if (depthQ === 0 && depthP === 0 && c === 44) {
      args.push(text.slice(from, i));
      from = i + 1;
    } // ,
  }
  return args;
}

/**
 * Remove m4 quoting. `[[…]]` (double quoted) leaves the inner text literal; `[…]` (single quoted)
 * means inner brackets are m4 quotes too (`FUNC[](42)` is `FUNC(42)`), except `[[`/`]]`, which
 * stand for literal brackets. Quadrigraphs become their characters; `dnl` comments go.
 */
function unquoteM4(arg: string): string {
  let s = arg.trim();
  let literal = false;
  if (s.startsWith('[[') && s.endsWith(']]')) {
    // Two quote levels: collection, then expansion. `[[int a[2];]]` is `int a[2];`, and
    // `[[#include <x.h>] [#if X]]` is `#include <x.h> #if X` (libarchive's configure.ac).
    s = stripQuoteLevel(s.slice(1, -1));
    literal = true;
  } else if (s.startsWith('[') && s.endsWith(']')) {
    s = s.slice(1, -1);
  }
  if (!literal)
    s = s
      .replace(/\[\[/g, '\u0001')
      .replace(/\]\]/g, '\u0002')
      .replace(/[[\]]/g, '')
      .replace(/\u0001/g, '[')
      .replace(/\u0002/g, ']');
  return s
    .replace(/^\s*dnl\b.*$/gm, '')
    .replace(/@<:@/g, '[')
    .replace(/@:>@/g, ']')
    .replace(/@S\|@/g, '$')
    .replace(/@%:@/g, '#')
    .replace(/@&t@/g, '');
}

/** Remove the brackets that open and close depth 1 (one m4 quote level); deeper ones stay. */
function stripQuoteLevel(s: string): string {
  let depth = 0;
  let out = '';
  for (const ch of s) {
    if (ch === '[') {
      if (depth++ > 0) out += ch;
    } else if (ch === ']') {
      if (--depth > 0) out += ch;
      if (depth < 0) depth = 0;
    } else out += ch;
  }
  return out;
}

/** m4 programming inside a snippet: its text is only known after m4 runs, so it is not checked. */
const M4_META = /\b(ifelse|m4_[a-z_]+|AS_[A-Z_]+|AC_[A-Z_]+|_AC_[A-Z_]+)\s*\(|\$[0-9@*#]/;

function autoconfSnippets(text: string): Snippet[] {
  const out: Snippet[] = [];
  const lineAt = lineIndex(text);
  for (const m of text.matchAll(AUTOCONF)) {
    const macro = m[1]!;
    const args = m4Args(text, m.index! + m[0].length).map(unquoteM4);
    // An argument that is itself a macro call (AC_LANG_PROGRAM inside AC_COMPILE_IFELSE) is matched on its own.
    if (args.some((a) => /^\s*AC_LANG_/.test(a))) continue;
    let code: string;
    if (macro === 'AC_LANG_SOURCE' || macro === 'AC_TRY_RUN') code = args[0] ?? '';
    else code = `${args[0] ?? ''}\nint main(void) {\n${args[1] ?? ''}\n;\nreturn 0; }\n`;
    if (!code.trim() || M4_META.test(code)) continue;
    out.push({ macro, line: lineAt(m.index!), code });
  }
  return out;
}

function mesonSnippets(text: string): Snippet[] {
  const out: Snippet[] = [];
  const lineAt = lineIndex(text);
  for (const m of text.matchAll(MESON)) {
    const q = m[2]!;
    const start = m.index! + m[0].length;
    const end = text.indexOf(q, start);
    if (end < 0) continue;
    out.push({ macro: `cc.${m[1]}`, line: lineAt(m.index!), codeLine: lineAt(start), code: text.slice(start, end) });
  }
  return out;
}
