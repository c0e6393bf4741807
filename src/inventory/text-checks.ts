/** Checks shared by every text input before parsing. */
import { VigilError, type ErrorCode } from '../core/errors.js';

const CONFLICT = /^(?:<{7}|={7}|>{7}|\|{7})(?: |\r?$)/m;

/** Throw when the file still has git merge-conflict markers; they make every parser's error confusing. */
export function assertNoConflictMarkers(text: string, file: string, code: ErrorCode): void {
  const m = CONFLICT.exec(text);
  if (!m) return;
  const line = lineAt(text, m.index);
  const end = text.indexOf('\n', m.index);
  const marker = text
    .slice(m.index, end === -1 ? undefined : end)
    .trim()
    .slice(0, 80);
  throw new VigilError(code, `unresolved git merge-conflict marker "${marker}"`, {
    file,
    line,
    hint: 'Resolve the merge conflict (or regenerate the lockfile with your package manager), then scan again.',
  });
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** First `line:col` pair in a parser's error message, if any. */
export function lineFromMessage(message: string): number | undefined {
  const m = /(?:line |\()?(\d+):(\d+)\)?/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/** 1-based line of the first line that is neither blank nor a `#` comment (where a document starts). */
export function firstContentLine(text: string): number {
  const lines = text.split('\n', 10_000);
  const i = lines.findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  return i === -1 ? 1 : i + 1;
}

/** 1-based line where `[`/`{` nesting is deepest (counting brackets anywhere: an upper bound). */
export function deepestLine(text: string): number {
  let depth = 0;
  let max = -1;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > max) {
        max = depth;
        at = i;
      }
    } else if (c === 93 || c === 125) depth--;
  }
  return lineAt(text, at);
}

/**
 * Run a recursive parser (or a walk over what it returned); a stack overflow on hostile nesting
 * becomes a parse error naming the file and the deepest line instead of a raw RangeError.
 */
export function guardNesting<T>(text: string, file: string, code: ErrorCode, what: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof RangeError && /call stack/i.test(e.message))) throw e;
    throw new VigilError(code, `${what} nests too deeply to be read`, { file, line: deepestLine(text), cause: e });
  }
}
