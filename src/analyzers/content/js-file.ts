/** One JavaScript/TypeScript file → FileScan: AST when it parses, regex otherwise, plus text signals. */
import { parseJs, type ParserUsed } from './js-parse.js';
import { scanAst } from './js-scan.js';
import { scanRegex } from './js-regex.js';
import { textSignals } from './js-text.js';
import type { FileScan } from './scan-types.js';
import { LineIndex } from './text-utils.js';
import { stringLiteralAt } from './ast-utils.js';
import { TokenScan } from './token-scan.js';

/** Above this size files are scanned with regexes only (bounded memory on huge bundles). */
export const MAX_PARSE_BYTES = 5 * 1024 * 1024;

/**
 * When the AST is worth its cost. The regex scan already finds module imports, network globals,
 * env reads/serialisation, eval sites and string literals; the AST adds precision where it
 * matters: what flows from a source to a sink, decode-then-execute, code appended to a bundle,
 * invisible identifiers. Small files are parsed whenever they touch a capability that can act
 * (not one weak token alone: WEAK); large files (bundles) only where two capabilities stand
 * together (capabilityPair) or a name may hide an invisible character, so most bundle bytes skip
 * parsing and analysis stays near untar speed.
 */
const DECODE_TOKENS =
  /\batob\b|['"](?:base64|hex|base64url)['"]|createDecipher|fromCharCode(?:\.apply)?\(\s*(?:\.\.\.\s*)?(?:\w+,\s*)?\[?\s*(?:\d{1,3}\s*,\s*){7}/;
const INVISIBLE = /[\u200b-\u200d\u2060\u3164\uffa0\u115f\u1160]/;

/** Below this size a file is parsed whenever it touches a capability (parsing is cheap there). */
const SMALL_FILE = 128 * 1024;
const BROAD_TOKENS =
  /require\(\s*['"](?:node:)?(?:https?|http2|net|tls|dgram|dns|os|fs|fs\/promises|vm|zlib|axios|node-fetch|got|request|ws|clipboardy|keytar)['"]|from\s*['"](?:node:)?(?:https?|net|tls|dgram|dns|os|fs|vm|axios|node-fetch|got|ws)['"]|\bethereum\b|<\s*Infinity\b|while\s*\(\s*(?:true|1|!0)\s*\)|for\s*\(\s*;\s*;|document\.cookie|clipboard|\beval\b|\bFunction\s*\(|process\.env|_compile|runIn(?:New|This)?Context|createDecipher|\batob\b|['"](?:base64|hex|base64url)['"]|\bWebAssembly\b|child_process|(?:window|globalThis|self)\.fetch\s*=|\bfetch\b|WebSocket|XMLHttpRequest|EventSource|sendBeacon|\brequire\s*\(\s*[^'"`\s)]|\bimport\s*\(\s*[^'"`\s)]|process\.binding|dlopen/;

/**
 * Tokens that alone give the AST nothing to find: an environment read with nothing to send it
 * with, a request with nothing to send, decoding with nothing to run. By class: one class alone
 * (however often) is not worth a parse, two are. Code run from data is never weak: a payload
 * decoded by hand (pixel bits of an image) has no decoding token (bench:detection, steganography).
 */
const WEAK: [RegExp, number][] = [
  [/^process\.env$/, 0],
  [/^fetch$/, 1],
  [/^['"](?:base64|hex|base64url)['"]$/, 2],
];
const BROAD_ALL = new RegExp(BROAD_TOKENS.source, 'g');

function weakClass(token: string): number {
  for (const [re, c] of WEAK) if (re.test(token)) return c;
  return -1;
}

export function wantsAst(text: string): boolean {
  if (text.length < SMALL_FILE) {
    if (INVISIBLE.test(text)) return true;
    let seen = -1;
    for (const m of text.matchAll(BROAD_ALL)) {
      const c = weakClass(m[0]);
      if (c === -1 || (seen !== -1 && c !== seen)) return true;
      seen = c;
    }
    return false;
  }
  return (INVISIBLE.test(text) && INVISIBLE_IN_NAME.test(text)) || capabilityPair(text);
}

/**
 * In a large file, an invisible character that can be part of a name: a Hangul filler (a whole
 * identifier on its own), or a zero-width joiner right after an ASCII name character. Bundles
 * carry the joiners in Unicode tables and HTML entity maps, inside strings, after a quote or
 * another non-ASCII character; zero-width spaces and word joiners are never part of a name.
 * (Asked only of a file that holds an invisible character at all: a single character class is
 * found by a fast scan, this alternation is tried at every name character.)
 */
const INVISIBLE_IN_NAME = /[\u3164\uffa0\u115f\u1160]|[\w$][\u200c\u200d]/;

/**
 * In a large file, two capabilities that act together within PAIR_WINDOW bytes of code of each
 * other: a request next to environment or credential reads, a process next to a URL or a download
 * command, a file write next to a home-directory path, decoding next to running code, fetch next
 * to its replacement, a deletion next to a time-zone check, the clipboard next to a wallet
 * address, code run next to an image file name. An injected module is a few KiB wherever it lands in a bundle (appended at
 * its end or in its middle), and what it does takes two of these together; the code around it
 * names one at a time, or names them far apart. Something must act: two things acted on (a
 * documentation link next to a NODE_ENV check, a schema URL next to a base64 option) are not a
 * pair. Decoding counts from the end of the literal it decodes (`atob("<50 KiB>")`, a character-code
 * array): encoded data is not code, and a loader that decodes a large payload and runs it is one
 * pair. Without pairs a bundle with no decoding token was never parsed, and the
 * regex scan alone found nothing of a payload (bench:detection, payloads hidden in a lean
 * bundle); with any eval and any decoding token anywhere (or either in its last tenth) every
 * large bundle was, and parsing them was most of a cold scan's analysis.
 */
const KINDS = {
  // a request, a network module or HTTP client loaded, a download command (a module named in a list of names is not loaded)
  request:
    /\bhttps?\b(?:\.|['"](?!\s*[,:\]]))|\b(?:net|dns)\b['"](?!\s*[,:\]])|\b(?:net|dns)\.|\btls\b['"](?!\s*[,:\]])|dgram(?!['"]?\s*[,:\]])|\bfetch\s*\(|WebSocket|XMLHttpRequest|EventSource|sendBeacon|\baxios\b|\.request\s*\(|\bcurl\s|\bwget\s|['"](?:request|got|node-fetch|undici|needle|superagent|form-data|ws|socket\.io-client)['"]\s*\)/,
  // a URL: what a process downloads or a beacon carries, not a link in a comment
  // (the scheme only: the host may be a target of its own, the cloud metadata address)
  url: /https?:\/\/(?<!(?:\/\/|\/\*|\n\s*\*)[^\n'"`]{0,120}https?:\/\/)/,
  // processes (not a bare `exec(`: a regular expression's exec is everywhere in parsers)
  process: /child_process(?!['"]?\s*[,:\]])|\bexec(?:Sync|FileSync|File)\s*\(|\bspawn(?:Sync)?\s*\(|process\.binding|dlopen/,
  // file writes and removals
  // (a writer taken from its module under another name counts: `{appendFileSync:w}=require("fs")`, `{rmSync:r}`)
  write:
    /(?<!['"])\b(?:(?:write|append)File(?:Sync)?|(?:rm|unlink|rmdir)Sync)\s*(?:\(|:|as\b)|createWriteStream|\b(?:rm|unlink|rmdir)\s*\(|chmod/,
  // secrets: the environment, credential stores, browser profiles and wallets, the cloud metadata
  // service (the addresses behaviour/catalog.ts reads as cloud-metadata)
  secret:
    /process\.env\b|['"`]\.env(?:\.\w+)?['"`]|\.aws\b|Local Storage|leveldb|Login Data|Local State|User Data|[/'"]\.mozilla\b|key4\.db|logins\.json|cookies\.sqlite|keychain|wallet|169\.254\.169\.254|metadata\.google\.internal/,
  // places in the home directory a dropper writes to or reads keys from, package-manager configuration, the temporary directory
  place: /homedir|\.ssh\b|authorized_keys|\.bashrc|\.zshrc|\.npmrc|\.yarnrc|\.pypirc|\/tmp\//,
  // a shell command that wipes a tree
  destroy: /\brm\s+-[rRf]{1,3}\s|\brd\s+\/s\b|\bdel\s+\/[fqs]\b/,
  // where the machine is: what a geo-gated payload (protestware) checks before it acts
  locale: /\btimeZone\b|resolvedOptions\s*\(|navigator\.languages?\b|\bcountry_?[Cc]ode\b/,
  // a cryptocurrency address, or a pattern that recognises one: what a swapper replaces
  address: /\b0x[a-fA-F0-9]{40}\b|\bbc1q[a-z0-9]{20,60}\b|0x\[[a-fA-F0-9-]{5,12}\]\{40\}|\(bc1\|/,
  // an image or sound file: where a steganographic loader keeps its code
  media: /\.(?:png|jpe?g|gif|bmp|ico|webp|wav|mp3)['"`]/,
  // who and where this machine is: what a beacon reports
  identity: /\bhostname\s*\(|userInfo\s*\(|networkInterfaces\s*\(|\bwhoami\b/,
  // running code
  run: /\beval\s*\(|\bFunction\s*\(|_compile|runIn(?:New|This)?Context|compileFunction|new\s+module\.constructor/,
  // decoding (DECODE_TOKENS: String.fromCharCode over literal codes, not any fromCharCode)
  decode: DECODE_TOKENS,
  // a module loaded by a computed name, or the loader taken as a value
  load: /\brequire\s*\(\s*[^'"`\s)]|=\s*require\s*[,;)]|\bimport\s*\(\s*[^'"`\s)]/,
  // the browser's money and traffic
  browser:
    /clipboard|\bpb(?:paste|copy)\b|\bxclip\b|\bxsel\b|Get-Clipboard|document\.cookie|\bethereum\b|(?:window|globalThis|self)\.fetch\s*=|prototype\.(?:open|send)\s*=/,
};
type Kind = keyof typeof KINDS;

/** What acts together with what (both ways). */
const PAIRS: [Kind, Kind[]][] = [
  ['request', ['secret', 'place', 'identity', 'process', 'write', 'run', 'browser']],
  ['url', ['process', 'browser']],
  ['process', ['place', 'write', 'run', 'decode', 'destroy', 'locale', 'address']],
  ['write', ['place', 'load', 'locale']],
  ['run', ['decode', 'media']],
  ['load', ['decode']],
  ['browser', ['address']],
];

const KIND_NAMES = Object.keys(KINDS) as Kind[];
/** One alternation of every kind, each in its own group; scanned through TokenScan's filter (a bundle's positions mostly start no token). */
const CAPABILITY_KINDS = new TokenScan(new RegExp(KIND_NAMES.map((k) => `(${KINDS[k].source})`).join('|')));
/** By capture group (kind index + 1): the groups each kind pairs with. */
const PARTNERS: number[][] = [[]];
for (const k of KIND_NAMES) {
  const with_ = new Set<Kind>();
  for (const [a, bs] of PAIRS) {
    if (a === k) for (const b of bs) with_.add(b);
    if (bs.includes(k)) with_.add(a);
  }
  PARTNERS.push([...with_].map((b) => KIND_NAMES.indexOf(b) + 1));
}
const DECODING = KIND_NAMES.indexOf('decode') + 1;
const PAIR_WINDOW = 1024;

/** Where the string literal or list of character codes that starts at `from` (after an opening parenthesis or bracket, or inside the list) ends; `from` when none does. */
function literalEnd(text: string, from: number): number {
  let i = from;
  while (text[i] === ' ' || text[i] === '(') i++;
  const c = text[i];
  if (c === '"' || c === "'" || c === '`') {
    const end = text.indexOf(c, i + 1);
    return end === -1 ? from : end + 1;
  }
  CODES.lastIndex = i;
  CODES.test(text);
  return Math.max(from, CODES.lastIndex);
}
const CODES = /[[\d,\s]*/y;

function capabilityPair(text: string): boolean {
  // Where each kind was last seen.
  const last: number[] = [];
  for (let m = CAPABILITY_KINDS.exec(text); m; m = CAPABILITY_KINDS.exec(text, m.index + Math.max(1, m[0].length))) {
    let kind = 1;
    while (m[kind] === undefined) kind++;
    const at = m.index;
    for (const k of PARTNERS[kind]!) if (last[k] !== undefined && at - last[k]! <= PAIR_WINDOW) return true;
    last[kind] = kind === DECODING ? literalEnd(text, at + m[0].length) : at;
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
