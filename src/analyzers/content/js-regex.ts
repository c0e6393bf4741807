/**
 * Last-resort scanner for JavaScript/TypeScript that no parser accepts: the same capability kinds
 * from regexes over the text. Less precise, so it only produces facts; rules weigh it lower.
 */
import { MODULE_CAPS, findEndpoints, sensitivePath } from './catalog.js';
import type { FileScan, RawCap } from './scan-types.js';
import type { LineIndex } from './text-utils.js';

/** Every match names `require`, `import` or `from`. */
const MODULE_RE = /\b(?:(?:__)?require\s*\(\s*|import\s*\(\s*|from\s+|import\s+)(['"`])([^'"`\n]{1,200})\1/g;
/**
 * `needs`: strings every match contains (one of them); a text holding none of them has no match,
 * and the pattern's pass over it is skipped (most unparsed files name none of these).
 */
export const PATTERNS: { re: RegExp; kind: RawCap['kind']; detail: string; needs: readonly string[] }[] = [
  {
    re: /\b(?:fetch|new\s+WebSocket|new\s+XMLHttpRequest)\s*\(/g,
    kind: 'network',
    detail: 'fetch/WebSocket/XHR',
    needs: ['fetch', 'WebSocket', 'XMLHttpRequest'],
  },
  { re: /(?<![.\w$])eval\s*\(\s*(?!['"`])/g, kind: 'eval', detail: 'dynamic', needs: ['eval'] },
  { re: /\bnew\s+Function\s*\(/g, kind: 'eval', detail: 'Function(<computed>)', needs: ['Function'] },
  {
    re: /\b(?:runInNewContext|runInThisContext|compileFunction)\s*\(|\._compile\s*\(/g,
    kind: 'vm',
    detail: 'vm',
    needs: ['runIn', 'compileFunction', '._compile'],
  },
  { re: /\brequire\s*\(\s*(?!['"`])[\w$]/g, kind: 'dynamic-require', detail: 'require(<computed>)', needs: ['require'] },
  { re: /process\.env\.([A-Za-z_$][\w$]*)/g, kind: 'env-read', detail: '', needs: ['process.env.'] },
  {
    re: /\b(JSON\.stringify|Object\.(?:keys|entries|values|getOwnPropertyNames)|querystring\.stringify|qs\.stringify|Buffer\.from|btoa|encodeURIComponent|util\.inspect|new URLSearchParams)\s*\(\s*process\.env\s*[,)]/g,
    kind: 'env-serialize',
    detail: '',
    needs: ['process.env'],
  },
  {
    re: /\bfor\s*\(\s*(?:(?:const|let|var)\s+)?[\w$]+\s+in\s+process\.env\s*\)/g,
    kind: 'env-serialize',
    detail: 'for (… in process.env)',
    needs: ['process.env'],
  },
  {
    re: /\bprocess\.binding\s*\(\s*['"](?:spawn_sync|process_wrap)['"]/g,
    kind: 'child-process',
    detail: 'process.binding',
    needs: ['process.binding'],
  },
  { re: /\bWebAssembly\.(?:instantiate|compile|Module)\b/g, kind: 'wasm', detail: 'WebAssembly', needs: ['WebAssembly.'] },
  { re: /\bcreateDecipher(?:iv)?\s*\(/g, kind: 'crypto-decipher', detail: 'createDecipher', needs: ['createDecipher'] },
  {
    re: /\bBuffer\.from\s*\([^()]{0,200},\s*['"](?:base64|hex)['"]\s*\)|\batob\s*\(/g,
    kind: 'decode',
    detail: 'decode',
    needs: ['Buffer.from', 'atob'],
  },
];
const STRING_RE = /(['"`])((?:\\.|(?!\1)[^\\\n]){4,300})\1/g;

export function scanRegex(file: string, text: string, lines: LineIndex): FileScan {
  const caps: RawCap[] = [];
  const out: FileScan = { caps, endpoints: [], requires: [], obfuscation: [], hexIdents: 0 };
  const add = (kind: RawCap['kind'], offset: number, len: number, detail?: string): void => {
    if (caps.length < 2000)
      caps.push({ kind, offset, end: offset + len, line: lines.line(offset), excerpt: lines.excerpt(offset), detail });
  };
  const has = new Map<string, boolean>();
  const named = (needle: string): boolean => has.get(needle) ?? (has.set(needle, text.includes(needle)), has.get(needle)!);
  for (const m of named('require') || named('import') || named('from') ? text.matchAll(MODULE_RE) : []) {
    const spec = m[2]!;
    if (spec.startsWith('.')) out.requires.push(spec);
    if (spec.endsWith('.node')) add('native-addon', m.index, m[0].length, spec);
    const cap = MODULE_CAPS.get(spec.replace(/^node:/, ''));
    if (cap) add(cap, m.index, m[0].length, spec.replace(/^node:/, ''));
  }
  for (const p of PATTERNS) {
    if (!p.needs.some(named)) continue;
    for (const m of text.matchAll(p.re)) {
      const detail = p.detail || (p.kind === 'env-serialize' ? `${m[1]}(process.env)` : m[1]);
      add(p.kind, m.index, m[0].length, detail);
    }
  }
  let n = 0;
  for (const m of text.matchAll(STRING_RE)) {
    if (++n > 100_000) break;
    const v = m[2]!;
    const s = sensitivePath(v);
    if (s) add('fs-sensitive', m.index, m[0].length, `${s.label} (${s.category})`);
    if (v.includes('://')) {
      for (const e of findEndpoints(v))
        out.endpoints.push({
          file,
          line: lines.line(m.index),
          excerpt: lines.excerpt(m.index),
          host: e.host,
          category: e.category,
          detail: e.host,
        });
    }
  }
  return out;
}
