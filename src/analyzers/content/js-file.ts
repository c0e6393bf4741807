/** One JavaScript/TypeScript file → FileScan: AST when it parses, regex otherwise, plus text signals. */
import { parseJs, type ParserUsed } from './js-parse.js';
import { scanAst } from './js-scan.js';
import { scanRegex } from './js-regex.js';
import { textSignals } from './js-text.js';
import type { FileScan } from './scan-types.js';
import { LineIndex } from './text-utils.js';
import { stringLiteralAt } from './ast-utils.js';

/** Above this size files are scanned with regexes only (bounded memory on huge bundles). */
export const MAX_PARSE_BYTES = 5 * 1024 * 1024;

/**
 * When the AST is worth its cost. The regex scan already finds module imports, network globals,
 * env reads/serialisation, eval sites and string literals; the AST adds precision where it
 * matters: decode-then-execute (both a decoding and an execution token present), code appended
 * at the end of a file (an execution or decoding token in the last 10%), invisible identifiers.
 * Small files are parsed whenever they touch any capability; big files (bundles) only on those
 * signals, so most bundle bytes skip parsing and analysis stays near untar speed.
 */
const DECODE_TOKENS =
  /\batob\b|['"](?:base64|hex|base64url)['"]|createDecipher|fromCharCode(?:\.apply)?\(\s*(?:\.\.\.\s*)?(?:\w+,\s*)?\[?\s*(?:\d{1,3}\s*,\s*){7}/;
const EXEC_TOKENS =
  /\beval\b|\bFunction\s*\(|_compile|runIn(?:New|This)?Context|compileFunction|\brequire\s*\(\s*[^'"`\s)]|=\s*require\s*[,;)]|\bimport\s*\(\s*[^'"`\s)]|child_process|process\.binding|dlopen|new\s+module\.constructor/;
const INVISIBLE = /[\u200b-\u200d\u2060\u3164\uffa0\u115f\u1160]/;

/** Below this size a file is parsed whenever it touches any capability (parsing is cheap there). */
const SMALL_FILE = 128 * 1024;
const BROAD_TOKENS =
  /require\(\s*['"](?:node:)?(?:https?|http2|net|tls|dgram|dns|os|fs|fs\/promises|vm|zlib|axios|node-fetch|got|request|ws|clipboardy|keytar)['"]|from\s*['"](?:node:)?(?:https?|net|tls|dgram|dns|os|fs|vm|axios|node-fetch|got|ws)['"]|\bethereum\b|<\s*Infinity\b|while\s*\(\s*(?:true|1|!0)\s*\)|for\s*\(\s*;\s*;|document\.cookie|clipboard|\beval\b|\bFunction\s*\(|process\.env|_compile|runIn(?:New|This)?Context|createDecipher|\batob\b|['"](?:base64|hex|base64url)['"]|\bWebAssembly\b|child_process|\bfetch\b|WebSocket|XMLHttpRequest|EventSource|sendBeacon|\brequire\s*\(\s*[^'"`\s)]|\bimport\s*\(\s*[^'"`\s)]|process\.binding|dlopen/;

export function wantsAst(text: string): boolean {
  if (INVISIBLE.test(text)) return true;
  if (text.length < SMALL_FILE) return BROAD_TOKENS.test(text);
  const exec = EXEC_TOKENS.test(text);
  const decode = DECODE_TOKENS.test(text);
  if (exec && decode) return true;
  if (exec || decode) {
    const tail = text.slice(Math.floor(text.length * 0.9));
    if (EXEC_TOKENS.test(tail) || DECODE_TOKENS.test(tail)) return true;
  }
  return capabilityPair(text);
}

/**
 * In a large file, two kinds of capability within PAIR_WINDOW bytes of each other: a process and a
 * URL or a download command, a request and environment or credential reads, a file write and a
 * home-directory path, fetch and its replacement. An injected
 * module is a few KiB wherever it lands in a bundle, and what it does takes two of these together;
 * the code around it names one at a time, or names them far apart. Without this a bundle with no
 * decoding token was never parsed, and the regex scan alone found nothing of the payload
 * (bench:detection, payloads hidden in a lean bundle).
 */
const CAPABILITY_KINDS = new RegExp(
  [
    // network
    /\bhttps?\b['".]|\bnet\b['".]|\btls\b['"]|dgram|\bdns\b['".]|\bfetch\s*\(|WebSocket|XMLHttpRequest|EventSource|sendBeacon|\baxios\b|\.request\s*\(|https?:\/\/[\w.-]+|\bcurl\s|\bwget\s/,
    // processes
    // (not a bare `exec(`: a regular expression's exec is everywhere in parsers)
    /child_process|\bexec(?:Sync|FileSync|File)\s*\(|\bspawn(?:Sync)?\s*\(|process\.binding|dlopen/,
    // file writes and removals
    /\b(?:write|append)File(?:Sync)?\s*\(|createWriteStream|\b(?:rm|unlink|rmdir)(?:Sync)?\s*\(|chmod|\/tmp\//,
    // secrets and where they live
    /process\.env\b|['"`]\.env(?:\.\w+)?['"`]|homedir|\.ssh\b|\.npmrc|\.aws\b|authorized_keys|Local Storage|leveldb|Login Data|keychain|wallet|\.bashrc|\.zshrc|169\.254\.169\.254/,
    // code from data
    // (decoding as DECODE_TOKENS reads it: String.fromCharCode over literal codes, not any fromCharCode)
    new RegExp(`\\beval\\s*\\(|\\bFunction\\s*\\(|_compile|runIn(?:New|This)?Context|compileFunction|${DECODE_TOKENS.source}`),
    // the browser's money and traffic
    /clipboard|document\.cookie|\bethereum\b|(?:window|globalThis|self)\.fetch\s*=|prototype\.(?:open|send)\s*=/,
  ]
    .map((r) => `(${r.source})`)
    .join('|'),
  'g',
);
const PAIR_WINDOW = 1024;

function capabilityPair(text: string): boolean {
  // The latest offset of each kind seen so far; a hit within PAIR_WINDOW of another kind's latest is a pair.
  const last: number[] = [];
  for (const m of text.matchAll(CAPABILITY_KINDS)) {
    let kind = 1;
    while (m[kind] === undefined) kind++;
    const at = m.index;
    for (let k = 1; k < last.length; k++) if (k !== kind && last[k] !== undefined && at - last[k]! <= PAIR_WINDOW) return true;
    last[kind] = at;
  }
  return false;
}

export interface JsFileResult extends FileScan {
  /** `skipped`: no AST-relevant token, so the regex scan is complete for this file. */
  parser: ParserUsed | 'regex' | 'skipped';
}

export function scanJsFile(file: string, text: string, opts: { typescript?: boolean } = {}): JsFileResult {
  const lines = new LineIndex(text);
  let res: JsFileResult | undefined;
  let inString: ((offset: number) => boolean) | undefined;
  // Asked once: on a file that skips parsing the gate reads the whole text and finds nothing, and that was most files.
  const gated = opts.typescript || text.length > MAX_PARSE_BYTES || wantsAst(text);
  if (!opts.typescript && text.length <= MAX_PARSE_BYTES && gated) {
    const parsed = parseJs(text);
    if (parsed) {
      inString = (offset) => stringLiteralAt(parsed.ast, offset);
      try {
        res = { ...scanAst(file, text, parsed.ast, lines), parser: parsed.parser };
      } catch {
        res = undefined;
      }
    }
  }
  res ??= {
    ...scanRegex(file, text, lines),
    parser: gated ? 'regex' : 'skipped',
  };
  res.obfuscation.push(...textSignals(text, lines, res.hexIdents, inString));
  return res;
}
