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
