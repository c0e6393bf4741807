/** One JavaScript/TypeScript file → FileScan: AST when it parses, regex otherwise, plus text signals. */
import { parseJs } from './js-parse.js';
import { scanAst } from './js-scan.js';
import { scanRegex } from './js-regex.js';
import { textSignals } from './js-text.js';
import type { FileScan } from './scan-types.js';
import { LineIndex } from './text-utils.js';

/** Above this size files are scanned with regexes only (bounded memory on huge bundles). */
export const MAX_PARSE_BYTES = 5 * 1024 * 1024;

/**
 * Tokens without which the AST adds nothing over the regex scan (module imports and string
 * literals are found by both). Files with none of them skip parsing: most of a big bundle's
 * helper files, which keeps analysis close to decompression speed.
 */
const AST_TRIGGERS = /\beval\b|\bFunction\s*\(|process\.env|_compile|runIn(?:New|This)?Context|createDecipher|\batob\b|['"](?:base64|hex|base64url)['"]|\bWebAssembly\b|child_process|\bfetch\b|WebSocket|XMLHttpRequest|EventSource|sendBeacon|\brequire\s*\(\s*[^'"`\s)]|\bimport\s*\(\s*[^'"`\s)]|process\.binding|dlopen|[\u200b-\u200d\u2060\u3164\uffa0\u115f\u1160]/;

export interface JsFileResult extends FileScan {
  /** `skipped`: no AST-relevant token, so the regex scan is complete for this file. */
  parser: 'acorn' | 'loose' | 'regex' | 'skipped';
}

export function scanJsFile(file: string, text: string, opts: { typescript?: boolean } = {}): JsFileResult {
  const lines = new LineIndex(text);
  let res: JsFileResult | undefined;
  if (!opts.typescript && text.length <= MAX_PARSE_BYTES && AST_TRIGGERS.test(text)) {
    const parsed = parseJs(text);
    if (parsed) {
      try {
        res = { ...scanAst(file, text, parsed.ast, lines), parser: parsed.parser };
      } catch {
        res = undefined;
      }
    }
  }
  res ??= { ...scanRegex(file, text, lines), parser: opts.typescript || text.length > MAX_PARSE_BYTES || AST_TRIGGERS.test(text) ? 'regex' : 'skipped' };
  res.obfuscation.push(...textSignals(text, lines, res.hexIdents));
  return res;
}
