/**
 * A deliberately small C "does this obviously not compile" check for feature-detection snippets.
 * It is not a parser: it strips comments, literals and preprocessor lines, then looks for errors no
 * compiler accepts — unbalanced brackets, a character C has no token for, a `.` that is neither
 * member access, a designator, a number nor `...`, and an operator where a statement must start.
 * This is the class of the xz-utils Landlock sabotage (a lone `.` line in a CMake
 * check_c_source_compiles snippet, 2024-02-26) and of honest typos alike.
 */
export interface CSyntaxVerdict {
  ok: boolean;
  /** Why it cannot compile, with the 1-based line in the snippet. */
  error?: string;
  line?: number;
}

interface Tok {
  t: string;
  line: number;
}

function strip(code: string): string {
  // Keep line structure: replace removed text by spaces, keep newlines.
  let out = '';
  let i = 0;
  let lineStart = true;
  while (i < code.length) {
    const c = code[i]!;
    const n = code[i + 1];
    if (lineStart && /[ \t]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    if (lineStart && c === '#') {
      // Preprocessor directive with continuations.
      while (i < code.length && code[i] !== '\n') {
        if (code[i] === '\\' && code[i + 1] === '\n') {
          out += ' \n';
          i += 2;
          continue;
        }
        out += ' ';
        i++;
      }
      continue;
    }
    lineStart = false;
    if (c === '\n') {
      out += c;
      i++;
      lineStart = true;
      continue;
    }
    if (c === '/' && n === '*') {
      const end = code.indexOf('*/', i + 2);
      const stop = end < 0 ? code.length : end + 2;
      out += code.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
      continue;
    }
    if (c === '/' && n === '/') {
      while (i < code.length && code[i] !== '\n') {
        out += ' ';
        i++;
      }
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < code.length && code[j] !== c && code[j] !== '\n') j += code[j] === '\\' ? 2 : 1;
      out += c === '"' ? ' S ' : ' 0 ';
      out += code.slice(i + 1, Math.min(j, code.length)).replace(/[^\n]/g, '');
      i = j + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

const PUNCT = [
  '...',
  '<<=',
  '>>=',
  '->',
  '++',
  '--',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '&&',
  '||',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '^=',
  '|=',
  '##',
];

function tokenize(code: string): Tok[] | CSyntaxVerdict {
  const toks: Tok[] = [];
  let line = 1;
  let i = 0;
  while (i < code.length) {
    const c = code[i]!;
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const word = /^(?:[A-Za-z_$][A-Za-z0-9_$]*|\$\{[^}\n]*\}|\$\([^)\n]*\)|@[A-Za-z_]+@)+/.exec(code.slice(i, i + 200));
    if (word) {
      toks.push({ t: 'id', line });
      i += word[0].length;
      continue;
    }
    const num = /^(?:\d+\.?\d*(?:[eEpP][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|0[xX][0-9a-fA-F.]+(?:[pP][+-]?\d+)?)[uUlLfF]*/.exec(
      code.slice(i, i + 100),
    );
    if (num) {
      toks.push({ t: 'num', line });
      i += num[0].length;
      continue;
    }
    const p = PUNCT.find((q) => code.startsWith(q, i));
    if (p) {
      toks.push({ t: p, line });
      i += p.length;
      continue;
    }
    if ('{}[]()<>;:,.?!~+-*/%&|^='.includes(c)) {
      toks.push({ t: c, line });
      i++;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    return { ok: false, error: `character '${c}' is not C`, line };
  }
  return toks;
}

const NOT_AT_STATEMENT_START = new Set([
  ',',
  ')',
  ']',
  '=',
  '.',
  '?',
  ':',
  '/',
  '%',
  '^',
  '|',
  '>',
  '<',
  '->',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '+=',
  '-=',
  '*=',
  '/=',
  '...',
]);
const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Words with no C punctuation, e.g. `Not a native Windows build target.` */
const PROSE = /^\s*[A-Za-z][\w'-]*(\s+[\w'-]+,?)+\s*[.!]?\s*$/;

/**
 * Autoconf checks often force a failure on purpose with a sentence inside a preprocessor branch
 * (`#else` / `Win32 large file API not supported.` / `#endif`); those lines are blanked. A lone
 * `.` is not prose and is never blanked.
 */
function blankIntentionalErrors(code: string): string {
  let depth = 0;
  return code
    .split('\n')
    .map((line) => {
      const d = /^\s*#\s*(if|ifdef|ifndef|endif)\b/.exec(line);
      if (d) depth = Math.max(0, depth + (d[1] === 'endif' ? -1 : 1));
      return depth > 0 && !d && PROSE.test(line) ? '' : line;
    })
    .join('\n');
}

export function checkCSyntax(snippet: string): CSyntaxVerdict {
  const toks = tokenize(strip(blankIntentionalErrors(snippet)));
  if (!Array.isArray(toks)) return toks;
  const stack: Tok[] = [];
  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k]!;
    const prev = toks[k - 1];
    const next = toks[k + 1];
    const top = stack[stack.length - 1];
    const statementLevel = !top || top.t === '{';
    const atStart =
      statementLevel && (!prev || prev.t === ';' || (prev.t === '{' && tok.t !== '.') || (prev.t === '}' && stack.length === 0));
    if (atStart && NOT_AT_STATEMENT_START.has(tok.t)) {
      return { ok: false, error: `'${tok.t}' cannot start a declaration or statement`, line: tok.line };
    }
    if (tok.t in OPEN) stack.push(tok);
    else if (tok.t === ')' || tok.t === ']' || tok.t === '}') {
      const open = stack.pop();
      if (!open || OPEN[open.t] !== tok.t) return { ok: false, error: `unbalanced '${tok.t}'`, line: tok.line };
    }
    if (tok.t === '.') {
      const member = prev && (prev.t === 'id' || prev.t === ')' || prev.t === ']') && next?.t === 'id';
      const designator = prev && (prev.t === '{' || prev.t === ',') && next?.t === 'id';
      if (!member && !designator) return { ok: false, error: "stray '.'", line: tok.line };
    }
  }
  if (stack.length) return { ok: false, error: `unclosed '${stack[stack.length - 1]!.t}'`, line: stack[stack.length - 1]!.line };
  return { ok: true };
}
