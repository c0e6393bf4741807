/**
 * Build-file and shell idioms that decode or run hidden content (m4, configure, Makefile*, CMake,
 * shell, batch, install-script command lines). Each line is checked on its own after joining
 * backslash continuations; `tr` only counts when its two sets are a permutation (a character swap,
 * as in xz's build-to-host.m4), never for case mapping.
 */
import { findEndpoints } from './catalog.js';
import { joinContinuations, pipedInto, segments, thenIn, type Segment } from './shell-lex.js';
import type { BuildIdiom, Endpoint } from './types.js';

export interface ShellHit {
  idiom: BuildIdiom;
  line: number;
  excerpt: string;
  detail?: string;
  /** For grep-binary-marker: the pattern searched for, as written. */
  pattern?: string;
}

const DECOMP = /\b(?:xz|unxz|xzcat|lzma|unlzma|lzcat|gzip|gunzip|zcat|bzip2|bunzip2|bzcat|zstd|unzstd|zstdcat)\b/;
/** The start of a command that runs its input: `| sh`, `| sudo /bin/bash`, `| eval`, `| source`. */
const SHELL_SINK = /^\s*(?:(?:sudo\s+)?(?:(?:\/usr)?\/bin\/)?(?:ba|z|da|k)?sh|eval|source)\b/;
const DOWNLOADER = /\b(?:curl|wget)\b/;
const DECODER = /\bbase64\s+(?:-d|--decode|-D)|\bxxd\s+-r/;
const EVAL_SUBST = /\beval\s+["']?\$\(/;
const STOP = /[|;&]/;
/** The text of each `$(…)` up to its `)` (the last piece has no closing parenthesis). */
const closedPieces = (line: string): string[] => line.split(')').slice(0, -1);

/**
 * Each rule reads one logical line (≤ 4000 characters) through the linear helpers of shell-lex.ts:
 * no pattern here backtracks over a run of the line more than a bounded number of times.
 */
const RULES: { idiom: BuildIdiom; test: (line: string, segs: Segment[]) => boolean; detail: string }[] = [
  { idiom: 'decompress-to-shell', test: (_l, segs) => pipedInto(segs, DECOMP, SHELL_SINK), detail: 'decompressed data piped into a shell' },
  {
    idiom: 'decompress-to-shell',
    test: (l) => l.split(')').some((p) => thenIn(p, EVAL_SUBST, DECOMP)),
    detail: 'eval of decompressed data',
  },
  {
    idiom: 'decode-to-shell',
    test: (_l, segs) =>
      pipedInto(segs, DECODER, SHELL_SINK) ||
      segs.some(
        (s, i) => segs[i + 1]?.before === '|' && SHELL_SINK.test(segs[i + 1]!.text) && thenIn(s.text, /\bopenssl\s+(?:enc|base64)\b/, /-d/),
      ),
    detail: 'decoded data piped into a shell',
  },
  { idiom: 'decode-to-shell', test: (l) => l.split(')').some((p) => thenIn(p, EVAL_SUBST, DECODER)), detail: 'eval of decoded data' },
  { idiom: 'download-exec', test: (_l, segs) => pipedInto(segs, DOWNLOADER, SHELL_SINK), detail: 'download piped into a shell' },
  {
    idiom: 'download-exec',
    test: (l, segs) =>
      pipedInto(segs, /\b(?:iwr|Invoke-WebRequest|Invoke-RestMethod|irm)\b/i, /^\s*(?:iex|Invoke-Expression)\b/i) ||
      /\bcertutil(?:\.exe)?\s+-urlcache\b/i.test(l) ||
      thenIn(l, /\bbitsadmin\b/i, /\/transfer\b/i),
    detail: 'download and execute (Windows)',
  },
  {
    idiom: 'download-exec',
    test: (_l, segs) => {
      const at = segs.findIndex((s) => thenIn(s.text, /\b(?:curl|wget)\b/i, /\s(?:-o|--output)\s*\S/i, /#/));
      return (
        at >= 0 &&
        segs.some(
          (s, i) => i > at && (s.before === '&&' || s.before === ';') && /^\s*(?:chmod\s+\+?[0-7]*x|\.\/|start\s|\S+\.exe\b)/i.test(s.text),
        )
      );
    },
    detail: 'download to a file, then run it',
  },
  {
    idiom: 'decode-to-shell',
    test: (l) => thenIn(l, /\b(?:powershell|pwsh)(?:\.exe)?\b/i, /\s[-/](?:e|ec|enc|encodedcommand)\s+["']?[A-Za-z0-9+/]{40}/i, STOP),
    detail: 'PowerShell -EncodedCommand runs a base64-encoded script',
  },
  {
    idiom: 'reverse-shell',
    test: (l) =>
      /\/dev\/tcp\/|\bbash\s+-i\s*>&/i.test(l) ||
      thenIn(l, /\b(?:nc|ncat|netcat)\b/i, /\s-[a-z]*e\s/i, /[|;]/) ||
      thenIn(l, /\bsocat\b/i, /\bexec:/i, /[|;]/) ||
      thenIn(l, /\bmkfifo\b/i, /\b(?:nc|ncat)\b/i, /;/),
    detail: 'reverse shell',
  },
  {
    idiom: 'carve',
    test: (l) => /\bhead\s+-c\s*\+?\d|\btail\s+-c\s*\+?\d/.test(l) || thenIn(l, /\bdd\b/, /\b(?:skip|iseek|count)=/, /[|;]/),
    detail: 'byte carving (head -c / tail -c / dd)',
  },
  {
    idiom: 'silenced-decompress',
    test: (_l, segs) => segs.some((s) => s.before === '|' && thenIn(s.text, /^\s*\$[\w[\]{}$]+\s+-d\b/, /2>\s*\/dev\/null/)),
    detail: 'decompression by a computed command with errors hidden',
  },
  {
    idiom: 'eval-computed',
    test: (l, segs) =>
      segs.some((s) => s.before === '|' && /^\s*eval\s+\$[\w[\]{}]/.test(s.text)) ||
      closedPieces(l).some((p) => thenIn(p, EVAL_SUBST, /\|/)) ||
      l.split('`').some((p, i, all) => i + 2 < all.length && all[i + 1]!.includes('|') && /\beval\s+$/.test(p)),
    detail: 'eval of a computed pipeline',
  },
];

/** `curl … -o FILE` / `wget … -O FILE`: the file a download is written to. */
const DOWNLOAD_TO = /\s(?:-o|-O|--output|--output-document)[\s=]*["']?([\w./$~{}-]+)/g;
function downloadTarget(line: string): string | undefined {
  for (const piece of line.split(/[;&|#]/)) {
    const m = DOWNLOADER.exec(piece);
    if (!m) continue;
    // The last -o of the command (as a greedy `[^;&|#]*` found it).
    const last = [...piece.slice(m.index + m[0].length).matchAll(DOWNLOAD_TO)].pop();
    if (last) return last[1]!;
  }
  return undefined;
}
/** Longest logical line read; longer ones are data (minified or generated), not shell anyone writes. */
const MAX_LINE = 4000;
/** A path word inside a command: no spaces, separators or parentheses. */
const PATH = String.raw`[^\s;&|()]*`;
/** Host-like words without a scheme (`$(whoami).x.oast.fun`, `nslookup a.b.ngrok.io`): split, then test each word (no backtracking). */
const NOT_HOST_CHAR = /[^A-Za-z0-9.-]+/;
const HOST_TAIL = /\.[A-Za-z]{2,}$/;

/** `grep -…a… 'marker'`: flags bounded and checked for `a` outside the pattern (a long flag word cannot backtrack). */
const GREP_MARKER = /\bgrep\s+-([a-zA-Z]{1,40})\s+(["'])(.{3,200}?)\2/;
/**
 * `tr SET1 SET2`, each set quoted. Inside a set a character matches exactly one way (an escape pair,
 * or one character that is neither the quote nor a backslash): `(?:\\.|(?!\1).)` matched a backslash
 * both ways and backtracked exponentially on `tr -d '\00\01\02…'` (readline-sync's read.sh).
 */
const QSET = String.raw`(?:'((?:\\.|[^'\\]){2,80})'|"((?:\\.|[^"\\]){2,80})")`;
const TR = new RegExp(String.raw`\btr\s+(?:-[a-z]+\s+)*${QSET}\s+${QSET}`);

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
  return m ? [m[1] ?? m[2]!, m[3] ?? m[4]!] : undefined;
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

/** `chmod +x NAME`, NAME in command position (`./NAME`, `then /tmp/NAME`), or `sh NAME`. */
function runsFile(name: string): RegExp {
  const q = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Paths exclude the separators that start a match, so no two starts scan the same run.
  return new RegExp(
    String.raw`\bchmod\s+(?:-\w+\s+)*(?:[0-7]{0,4}[1357][0-7]{0,4}|[ugoa]{0,4}\+r?w?x\w*)\s+(?:${PATH}\/)?["']?${q}\b|(?:^|[;&|(]|\b(?:then|do|sudo|exec|nohup)\s)\s*(?:\.\/|${PATH}\/)${q}(?:\s|$|;)|(?:^|[;&|(]|\b(?:then|do|sudo)\s)\s*(?:ba|z|da)?sh\s+(?:${PATH}\/)?${q}\b`,
  );
}

export function scanShell(text: string, file: string): { hits: ShellHit[]; endpoints: Endpoint[] } {
  const hits: ShellHit[] = [];
  const endpoints: Endpoint[] = [];
  const raw = text.split('\n');
  /** Files written by a download earlier in the script (basename → line), to catch `chmod +x` / `./f` later. */
  const downloaded = new Map<string, number>();
  for (let i = 0; i < raw.length; i++) {
    const first = i;
    const joined = joinContinuations(raw, i, /\\$/, MAX_LINE);
    const line = joined.text;
    i = joined.last;
    if (line.length > MAX_LINE || (line.trim().startsWith('#') && !/^#!/.test(line.trim()))) continue;
    const segs = segments(line);
    const at = (idiom: BuildIdiom, detail: string, pattern?: string): void => {
      hits.push({ idiom, line: first + 1, excerpt: clip(line), detail, ...(pattern ? { pattern } : {}) });
    };
    for (const r of RULES) if (r.test(line, segs)) at(r.idiom, r.detail);
    const tr = trSets(line);
    if (tr && isTrSwap(tr[0], tr[1])) at('tr-swap', `tr swaps characters: "${tr[0]}" → "${tr[1]}"`);
    const g = GREP_MARKER.exec(line);
    if (g && g[1]!.includes('a') && /[rRl]/.test(g[1]!)) at('grep-binary-marker', `grep -${g[1]} searches binary files for a marker`, g[3]);
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
    const dl = downloadTarget(line);
    if (dl) {
      const name = dl.split('/').pop()!;
      if (downloaded.size < 20 && /^[\w.-]{2,}$/.test(name) && !/\.(tar|tgz|gz|zip|xz|bz2|json|txt|md|html?|sig|asc|sha\d*)$/i.test(name))
        downloaded.set(name, first + 1);
    } else if (!DOWNLOADER.test(line)) {
      for (const [name, dlLine] of downloaded) {
        if (!line.includes(name) || !runsFile(name).test(line)) continue;
        at('download-exec', `file downloaded on line ${dlLine} is made executable or run`);
        downloaded.delete(name);
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
