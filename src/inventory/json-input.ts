/** Parse a JSON input at the boundary: errors name the file and the line. */
import { isObj } from '../core/guards.js';
import { VigilError, type ErrorCode } from '../core/errors.js';
import type { Problem } from '../core/types.js';
import { JsonSyntaxError, scanJson, type JsonLines, type ScanJsonOptions } from './json-lines.js';
import { assertNoConflictMarkers, stripBom } from './text-checks.js';

export interface ParsedJson {
  value: unknown;
  lines: JsonLines;
}

const NO_LINES: JsonLines = { lineOf: () => undefined, duplicates: [] };

/** `lines`: which paths' lines to keep (default all; a lockfile keeps only what its extractor asks for). */
export function parseJsonInput(text: string, file: string, code: ErrorCode, what: string, lines?: ScanJsonOptions): ParsedJson {
  const body = stripBom(text);
  assertNoConflictMarkers(body, file, code);
  if (body.trim() === '') throw new VigilError(code, `${what} is empty`, { file, line: 1 });
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (cause) {
    let line: number | undefined;
    let detail = cause instanceof Error ? cause.message : String(cause);
    try {
      scanJson(body);
    } catch (e) {
      if (e instanceof JsonSyntaxError) {
        line = e.line;
        detail = `${e.message} (column ${e.column})`;
      }
    }
    throw new VigilError(code, `${what} is not valid JSON: ${detail}`, {
      file,
      line,
      cause,
      hint: 'The file may be truncated or hand-edited; regenerate it with the tool that wrote it.',
    });
  }
  let found = NO_LINES;
  try {
    found = scanJson(body, lines);
  } catch {
    // JSON.parse accepted it; without positions we still extract, just without lines.
  }
  return { value, lines: found };
}

/** Duplicate JSON keys as problems: JSON.parse silently keeps the last one. */
export function duplicateKeyProblems(lines: JsonLines, file: string, code: ErrorCode): Problem[] {
  return lines.duplicates.map((d) => ({ code, message: `duplicate key "${d.path.at(-1)}"; the last one is used`, file, line: d.line }));
}

/** Kept as the inventory's name for core/guards isObj. */
export const isRecord = isObj;

/** A `{name: string}` map, or empty when absent / malformed. */
export function stringMap(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
