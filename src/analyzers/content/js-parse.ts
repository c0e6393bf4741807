/**
 * Parse JavaScript into an ESTree tree. meriyah first (about half of acorn's CPU on large bundles,
 * and the same tree: start/end offsets, the same node types and fields the walker and the rules
 * read); what meriyah refuses goes to acorn with its permissive options (import/export anywhere,
 * reserved words), then to acorn-loose; if that throws too the caller falls back to regex
 * scanning. Never evaluates anything.
 */
import { parse, type Options } from 'acorn';
import { parse as parseLoose } from 'acorn-loose';
import { parseModule, parseScript, type Options as MeriyahOptions } from 'meriyah';

/** A loosely typed ESTree node: the scanners read fields by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AstNode = { type: string; start: number; end: number; [key: string]: any };

export type ParserUsed = 'meriyah' | 'acorn' | 'loose';

/** acorn's permissive options (the fallback's, and the reference tree of test/content/js-parse.test.ts). */
export const ACORN_OPTIONS: Options = {
  ecmaVersion: 'latest',
  allowHashBang: true,
  allowReturnOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowAwaitOutsideFunction: true,
  allowReserved: true,
  checkPrivateFields: false,
};

/**
 * Offsets only (no `range` arrays, no `loc`), proposals acorn also reads (`next`), and Annex B
 * syntax (HTML comments, legacy octal) as acorn accepts it in scripts (`webcompat`); a top-level
 * `return` (CommonJS) as acorn's allowReturnOutsideFunction.
 */
const MERIYAH: MeriyahOptions = {
  ranges: { start: true, end: true },
  next: true,
  webcompat: true,
  globalReturn: true,
  // No callback; the key is here so that collectDuringParse's options (the same, with one) have the same shape.
  onInsertedSemicolon: undefined,
};

/**
 * Runs `collect` (a full collection) while meriyah parses a two-line script, from its callback for
 * an inserted semicolon. A collection that finds no parse in progress drops the shapes of the
 * parser's objects, and V8 throws away the optimised code of every parser function that checked
 * them: the whole parser (~80 functions) was optimised again after each of a content worker's
 * collections between packages. During a parse the parser and its options are alive.
 */
export function collectDuringParse(collect: () => void): void {
  let done = false;
  const during = (): void => {
    if (done) return;
    done = true;
    collect();
  };
  parseScript('a\nb', { ...MERIYAH, onInsertedSemicolon: during });
  if (!done) collect();
}

export function parseJs(text: string): { ast: AstNode; parser: ParserUsed } | undefined {
  const fast = parseMeriyah(text);
  if (fast) return { ast: fast, parser: 'meriyah' };
  for (const sourceType of ['module', 'script'] as const) {
    try {
      return { ast: parse(text, { ...ACORN_OPTIONS, sourceType }) as unknown as AstNode, parser: 'acorn' };
    } catch {
      /* try the next mode */
    }
  }
  try {
    return { ast: parseLoose(text, { ...ACORN_OPTIONS, sourceType: 'module' }) as unknown as AstNode, parser: 'loose' };
  } catch {
    return undefined;
  }
}

function parseMeriyah(text: string): AstNode | undefined {
  try {
    return parseModule(text, MERIYAH) as unknown as AstNode;
  } catch {
    /* a script, or not JavaScript meriyah reads */
  }
  try {
    return parseScript(text, MERIYAH) as unknown as AstNode;
  } catch {
    return undefined;
  }
}
