/**
 * Parse JavaScript with acorn; files that do not parse go to acorn-loose; if that throws too the
 * caller falls back to regex scanning. Never evaluates anything.
 */
import { parse, type Options } from 'acorn';
import { parse as parseLoose } from 'acorn-loose';

/** A loosely typed ESTree node: the scanners read fields by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AstNode = { type: string; start: number; end: number; [key: string]: any };

export type ParserUsed = 'acorn' | 'loose';

const BASE: Options = {
  ecmaVersion: 'latest',
  allowHashBang: true,
  allowReturnOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowAwaitOutsideFunction: true,
  allowReserved: true,
  checkPrivateFields: false,
};

export function parseJs(text: string): { ast: AstNode; parser: ParserUsed } | undefined {
  for (const sourceType of ['module', 'script'] as const) {
    try {
      return { ast: parse(text, { ...BASE, sourceType }) as unknown as AstNode, parser: 'acorn' };
    } catch {
      /* try the next mode */
    }
  }
  try {
    return { ast: parseLoose(text, { ...BASE, sourceType: 'module' }) as unknown as AstNode, parser: 'loose' };
  } catch {
    return undefined;
  }
}
