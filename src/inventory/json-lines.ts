/**
 * A light JSON scanner that records the 1-based line of every object key and array element, so
 * extractors can point at the entry they are talking about. It also locates the first syntax error
 * (JSON.parse messages do not always carry a position), and notices duplicate keys.
 * Paths are arrays of keys / indexes; `lineOf(['packages', 'node_modules/a'])`.
 */

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export interface JsonLines {
  lineOf(path: readonly (string | number)[]): number | undefined;
  /** Keys that occur twice in the same object (JSON.parse keeps the last one). */
  duplicates: { path: string[]; line: number }[];
}

const SEP = '\u0000';
const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function pathKey(path: readonly (string | number)[]): string {
  return path.join(SEP);
}

/**
 * Which lines to remember. Every key of a large lockfile is millions of paths: extractors ask for a
 * few levels only (`['packages', key]`), so paths longer than `maxPathLength` are kept only under
 * the top-level keys in `deepUnder` (npm v1's nested `dependencies`). Default: every path.
 */
export interface ScanJsonOptions {
  maxPathLength?: number;
  deepUnder?: readonly string[];
}

/** Scan `text`; throws JsonSyntaxError at the first error. */
export function scanJson(text: string, opts: ScanJsonOptions = {}): JsonLines {
  const maxLength = opts.maxPathLength ?? Number.POSITIVE_INFINITY;
  const deepUnder = new Set(opts.deepUnder ?? []);
  // `depth` of a key is its path length minus one; `top` is its path's first key.
  const keep = (depth: number, top: string) => depth < maxLength || deepUnder.has(top);
  const lines = new Map<string, number>();
  const duplicates: { path: string[]; line: number }[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;

  const fail = (msg: string): never => {
    throw new JsonSyntaxError(msg, line, i - lineStart + 1);
  };
  const ws = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        line++;
        lineStart = i + 1;
      } else if (c !== 32 && c !== 9 && c !== 13) return;
      i++;
    }
  };
  const str = (): string => {
    const start = ++i;
    let escaped = false;
    for (;;) {
      if (i >= text.length) fail('unexpected end of input inside a string (truncated file?)');
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c < 32) fail('control character or line break inside a string');
      if (c === 92) {
        escaped = true;
        i++;
      }
      i++;
    }
    const raw = text.slice(start, i);
    i++;
    if (!escaped) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return fail('invalid escape sequence in a string');
    }
  };
  const value = (path: string, depth: number, top: string): void => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    ws();
    if (i >= text.length) fail('unexpected end of input (truncated file?)');
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      const seen = new Set<string>();
      for (;;) {
        ws();
        if (i >= text.length) fail('unexpected end of input (truncated file?)');
        if (text[i] !== '"') fail(`expected a property name, found ${JSON.stringify(text[i])}`);
        const keyLine = line;
        const key = str();
        const p = path === '' && depth === 0 ? key : path + SEP + key;
        const t = depth === 0 ? key : top;
        if (seen.has(key)) duplicates.push({ path: p.split(SEP), line: keyLine });
        else if (keep(depth, t)) lines.set(p, keyLine);
        seen.add(key);
        ws();
        if (text[i] !== ':') fail(i >= text.length ? 'unexpected end of input (truncated file?)' : `expected ':' after property name`);
        i++;
        value(p, depth + 1, t);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(i >= text.length ? 'unexpected end of input (truncated file?)' : `expected ',' or '}', found ${JSON.stringify(text[i])}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        ws();
        const p = path === '' && depth === 0 ? String(n) : path + SEP + n;
        const t = depth === 0 ? String(n) : top;
        if (keep(depth, t)) lines.set(p, line);
        value(p, depth + 1, t);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(i >= text.length ? 'unexpected end of input (truncated file?)' : `expected ',' or ']', found ${JSON.stringify(text[i])}`);
      }
    }
    if (c === '"') {
      str();
      return;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    fail(`unexpected ${JSON.stringify(text.slice(i, i + 12))}`);
  };

  value('', 0, '');
  ws();
  if (i < text.length) fail(`unexpected content after the end of the JSON value: ${JSON.stringify(text.slice(i, i + 12))}`);
  return { lineOf: (path) => lines.get(pathKey(path)), duplicates };
}
