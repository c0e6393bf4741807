/**
 * Build-file and shell idioms that decode or run hidden content (m4, configure, Makefile*, CMake,
 * shell, batch, install-script command lines). Each line is checked on its own after joining
 * backslash continuations; `tr` only counts when its two sets are a permutation (a character swap,
 * as in xz's build-to-host.m4), never for case mapping.
 */
import { findEndpoints } from './catalog.js';
import type { BuildIdiom, Endpoint } from './types.js';

export interface ShellHit {
  idiom: BuildIdiom;
  line: number;
  excerpt: string;
  detail?: string;
  /** For grep-binary-marker: the pattern searched for, as written. */
  pattern?: string;
}

const DECOMP = String.raw`(?:xz|unxz|xzcat|lzma|unlzma|lzcat|gzip|gunzip|zcat|bzip2|bunzip2|bzcat|zstd|unzstd|zstdcat)`;
const PIPE = String.raw`(?<!\|)\|(?!\|)`;
const SHELL_SINK = String.raw`${PIPE}\s*(?:sudo\s+)?(?:(?:/usr)?/bin/)?(?:ba|z|da|k)?sh\b|${PIPE}\s*eval\b|${PIPE}\s*source\b`;
const RULES: { idiom: BuildIdiom; re: RegExp; detail: string }[] = [
  {
    idiom: 'decompress-to-shell',
    re: new RegExp(`\\b${DECOMP}\\b[^|;&]*(?:${SHELL_SINK})`),
    detail: 'decompressed data piped into a shell',
  },
  { idiom: 'decompress-to-shell', re: new RegExp(String.raw`\beval\s+["']?\$\([^)]*\b${DECOMP}\b`), detail: 'eval of decompressed data' },
  {
    idiom: 'decode-to-shell',
    re: new RegExp(String.raw`\b(?:base64\s+(?:-d|--decode|-D)|openssl\s+(?:enc|base64)\b[^|]*-d|xxd\s+-r)[^|;&]*(?:${SHELL_SINK})`),
    detail: 'decoded data piped into a shell',
  },
  { idiom: 'decode-to-shell', re: /\beval\s+["']?\$\([^)]*\b(?:base64\s+(?:-d|--decode)|xxd\s+-r)/, detail: 'eval of decoded data' },
  { idiom: 'download-exec', re: new RegExp(String.raw`\b(?:curl|wget)\b[^|;&]*(?:${SHELL_SINK})`), detail: 'download piped into a shell' },
  {
    idiom: 'download-exec',
    re: /\b(?:iwr|Invoke-WebRequest|Invoke-RestMethod|irm)\b[^|;]*\|\s*(?:iex|Invoke-Expression)\b|\bcertutil(?:\.exe)?\s+-urlcache\b|\bbitsadmin\b.*\/transfer\b/i,
    detail: 'download and execute (Windows)',
  },
  {
    idiom: 'download-exec',
    re: /\b(?:curl|wget)\b[^;&|]*\s(?:-o|-O|--output)\s*\S+.*(?:&&|;)\s*(?:chmod\s+\+?[0-7]*x|\.\/|start\s|\S+\.exe\b)/i,
    detail: 'download to a file, then run it',
  },
  {
    idiom: 'decode-to-shell',
    re: /\b(?:powershell|pwsh)(?:\.exe)?\b[^|;&]*\s[-/](?:e|ec|enc|encodedcommand)\s+["']?[A-Za-z0-9+/]{40,}={0,2}/i,
    detail: 'PowerShell -EncodedCommand runs a base64-encoded script',
  },
  {
    idiom: 'reverse-shell',
    re: /\/dev\/tcp\/|\b(?:nc|ncat|netcat)\b[^|;]*\s-[a-z]*e\s|\bbash\s+-i\s*>&|\bsocat\b[^|;]*\bexec:|\bmkfifo\b[^;]*\b(?:nc|ncat)\b/i,
    detail: 'reverse shell',
  },
  {
    idiom: 'carve',
    re: /\bhead\s+-c\s*\+?\d|\btail\s+-c\s*\+?\d|\bdd\b[^|;]*\b(?:skip|iseek|count)=/,
    detail: 'byte carving (head -c / tail -c / dd)',
  },
  {
    idiom: 'silenced-decompress',
    re: /\|\s*\$[\w[\]{}$]+\s+-d\b[^|;]*2>\s*\/dev\/null/,
    detail: 'decompression by a computed command with errors hidden',
  },
  {
    idiom: 'eval-computed',
    re: /(?<!\|)\|(?!\|)\s*eval\s+\$[\w[\]{}]+|\beval\s+["']?\$\([^)]*\|[^)]*\)|\beval\s+`[^`]*\|[^`]*`/,
    detail: 'eval of a computed pipeline',
  },
];

/** `curl … -o FILE` / `wget … -O FILE`: the file a download is written to. */
const DOWNLOAD_TO = /\b(?:curl|wget)\b[^;&|#]*\s(?:-o|-O|--output|--output-document)[\s=]*["']?([\w./$~{}-]+)/;
/** Host-like words without a scheme (`$(whoami).x.oast.fun`, `nslookup a.b.ngrok.io`): split, then test each word (no backtracking). */
const NOT_HOST_CHAR = /[^A-Za-z0-9.-]+/;
const HOST_TAIL = /\.[A-Za-z]{2,}$/;

const GREP_MARKER = /\bgrep\s+-([a-zA-Z]*a[a-zA-Z]*)\s+(["'])(.{3,200}?)\2/;
const TR = /\btr\s+(?:-[a-z]+\s+)*(["'])((?:\\.|(?!\1).){2,80})\1\s+(["'])((?:\\.|(?!\3).){2,80})\3/;

function expandTrSet(s: string): string {
  const esc: Record<string, string> = { t: '\t', n: '\n', r: '\r' };
  const toks: { c: string; lit: boolean }[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) toks.push({ c: esc[s[++i]!] ?? s[i]!, lit: true });
    else toks.push({ c: s[i]!, lit: false });
  }
  let out = '';
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const dash = toks[i + 1];
    const end = toks[i + 2];
    if (dash && end && dash.c === '-' && !dash.lit) {
      const x = t.c.charCodeAt(0);
      const y = end.c.charCodeAt(0);
      if (y >= x && y - x <= 200) {
        for (let k = x; k <= y; k++) out += String.fromCharCode(k);
        i += 2;
        continue;
      }
    }
    out += t.c;
  }
  return out;
}

/** The two sets of the first `tr SET1 SET2` on a line, as written. */
export function trSets(line: string): [string, string] | undefined {
  const m = TR.exec(line);
  return m ? [m[2]!, m[4]!] : undefined;
}

/** Byte translation table for `tr SET1 SET2` (sets as written, escapes and ranges expanded). */
export function trTable(a: string, b: string): Uint8Array {
  const t = new Uint8Array(256).map((_x, i) => i);
  const x = expandTrSet(a);
  const y = expandTrSet(b);
  for (let i = 0; i < x.length; i++) {
    const from = x.charCodeAt(i);
    const to = y.charCodeAt(Math.min(i, y.length - 1));
    if (from < 256 && to < 256) t[from] = to;
  }
  return t;
}

/** Two `tr` sets that hold the same characters in a different order swap characters. */
export function isTrSwap(a: string, b: string): boolean {
  const x = expandTrSet(a);
  const y = expandTrSet(b);
  if (x === y || x.length !== y.length || x.length < 2) return false;
  return [...x].sort().join('') === [...y].sort().join('');
}

function clip(s: string): string {
  const t = s.trim();
  return t.length > 160 ? t.slice(0, 157) + '...' : t;
}

export function scanShell(text: string, file: string): { hits: ShellHit[]; endpoints: Endpoint[] } {
  const hits: ShellHit[] = [];
  const endpoints: Endpoint[] = [];
  const raw = text.split('\n');
  /** Files written by a download earlier in the script (basename → line), to catch `chmod +x` / `./f` later. */
  const downloaded = new Map<string, number>();
  for (let i = 0; i < raw.length; i++) {
    const first = i;
    let line = raw[i]!;
    while (line.endsWith('\\') && i + 1 < raw.length && line.length < 4000) line = line.slice(0, -1) + ' ' + raw[++i]!;
    if (line.length > 4000 || (line.trim().startsWith('#') && !/^#!/.test(line.trim()))) continue;
    const at = (idiom: BuildIdiom, detail: string, pattern?: string): void => {
      hits.push({ idiom, line: first + 1, excerpt: clip(line), detail, ...(pattern ? { pattern } : {}) });
    };
    for (const r of RULES) if (r.re.test(line)) at(r.idiom, r.detail);
    const tr = TR.exec(line);
    if (tr && isTrSwap(tr[2]!, tr[4]!)) at('tr-swap', `tr swaps characters: "${tr[2]}" → "${tr[4]}"`);
    const g = GREP_MARKER.exec(line);
    if (g && /[rRl]/.test(g[1]!)) at('grep-binary-marker', `grep -${g[1]} searches binary files for a marker`, g[3]);
    if (line.includes('://')) {
      for (const e of findEndpoints(line))
        endpoints.push({ file, line: first + 1, excerpt: clip(line), host: e.host, category: e.category, detail: e.host });
    } else if (line.includes('.')) {
      for (const word of line.split(NOT_HOST_CHAR)) {
        if (word.length < 4 || word.length > 253 || !HOST_TAIL.test(word)) continue;
        for (const e of findEndpoints(word.replace(/^[.-]+/, '')))
          endpoints.push({ file, line: first + 1, excerpt: clip(line), host: e.host, category: e.category, detail: e.host });
      }
    }
    // Download on one line, run on a later one (ua-parser-js 2021: curl -o jsextension; chmod +x; ./jsextension).
    // Run means chmod +x, or the file in command position; as an argument (hdiutil, installer) it is data.
    const dl = DOWNLOAD_TO.exec(line);
    if (dl) {
      const name = dl[1]!.split('/').pop()!;
      if (downloaded.size < 20 && /^[\w.-]{2,}$/.test(name) && !/\.(tar|tgz|gz|zip|xz|bz2|json|txt|md|html?|sig|asc|sha\d*)$/i.test(name))
        downloaded.set(name, first + 1);
    } else if (!/\b(?:curl|wget)\b/.test(line)) {
      for (const [name, dlLine] of downloaded) {
        const q = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        if (
          new RegExp(
            String.raw`\bchmod\s+(?:-\w+\s+)*(?:[0-7]*[1357][0-7]*|[ugoa]*\+r?w?x\w*)\s+(?:\S*\/)?["']?${q}\b|(?:^|[;&|(]|\b(?:then|do|sudo|exec|nohup)\s)\s*(?:\.\/|\S*\/)${q}(?:\s|$|;)|(?:^|[;&|(]|\b(?:then|do|sudo)\s)\s*(?:ba|z|da)?sh\s+(?:\S*\/)?${q}\b`,
          ).test(line)
        ) {
          at('download-exec', `file downloaded on line ${dlLine} is made executable or run`);
          downloaded.delete(name);
        }
      }
    }
  }
  return { hits, endpoints };
}

/** Convert a POSIX ERE (as given to grep -E) into a JS RegExp, or undefined if it will not compile. */
export function posixToRegExp(pattern: string): RegExp | undefined {
  const classes: Record<string, string> = {
    alnum: 'A-Za-z0-9',
    alpha: 'A-Za-z',
    digit: '0-9',
    xdigit: '0-9A-Fa-f',
    space: '\\s',
    upper: 'A-Z',
    lower: 'a-z',
    punct: '!-\\/:-@\\[-`{-~',
    print: ' -~',
  };
  const js = pattern.replace(/\[:(\w+):\]/g, (m, c: string) => classes[c] ?? m);
  try {
    return new RegExp(js, 'm');
  } catch {
    return undefined;
  }
}
