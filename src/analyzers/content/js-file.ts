/** One JavaScript/TypeScript file → FileScan: AST when it parses, regex otherwise, plus text signals. */
import { parseJs } from './js-parse.js';
import { scanAst } from './js-scan.js';
import { scanRegex } from './js-regex.js';
import { textSignals } from './js-text.js';
import type { FileScan } from './scan-types.js';
import { LineIndex } from './text-utils.js';

/** Above this size files are scanned with regexes only (bounded memory on huge bundles). */
export const MAX_PARSE_BYTES = 5 * 1024 * 1024;

export interface JsFileResult extends FileScan {
  parser: 'acorn' | 'loose' | 'regex';
}

export function scanJsFile(file: string, text: string, opts: { typescript?: boolean } = {}): JsFileResult {
  const lines = new LineIndex(text);
  let res: JsFileResult | undefined;
  if (!opts.typescript && text.length <= MAX_PARSE_BYTES) {
    const parsed = parseJs(text);
    if (parsed) {
      try {
        res = { ...scanAst(file, text, parsed.ast, lines), parser: parsed.parser };
      } catch {
        res = undefined;
      }
    }
  }
  res ??= { ...scanRegex(file, text, lines), parser: 'regex' };
  res.obfuscation.push(...textSignals(text, lines, res.hexIdents));
  return res;
}
