/**
 * Parse a YAML input at the boundary with the `yaml` package: alias expansion is capped (YAML bombs),
 * errors name the file and line, duplicate keys become problems (the last value is used), and the
 * line of every key of a top-level section is available.
 */
import { isMap, isScalar, LineCounter, parseAllDocuments } from 'yaml';
import { VigilError, type ErrorCode } from '../core/errors.js';
import type { Problem } from '../core/types.js';
import { assertNoConflictMarkers, guardNesting, stripBom } from './text-checks.js';

export interface ParsedYaml {
  value: unknown;
  /** 1-based line of each key of a top-level map section (`packages`, `snapshots`, `importers`). */
  sectionLines(section: string): Map<string, number>;
  problems: Problem[];
  /** How many YAML documents the file holds; the last one is the value. */
  documents: number;
}

const MAX_ALIASES = 100;

export function parseYamlInput(text: string, file: string, code: ErrorCode, what: string): ParsedYaml {
  const body = stripBom(text);
  assertNoConflictMarkers(body, file, code);
  const lc = new LineCounter();
  const all = guardNesting(body, file, code, what, () =>
    parseAllDocuments(body, { lineCounter: lc, uniqueKeys: true, prettyErrors: false }),
  );
  const docs = Array.isArray(all) ? all : [];
  const doc = docs.at(-1);
  if (!doc) throw new VigilError(code, `${what} is empty`, { file, line: 1 });
  const problems: Problem[] = [];
  for (const e of docs.flatMap((d) => d.errors)) {
    const line = e.linePos?.[0]?.line ?? (e.pos ? lc.linePos(e.pos[0]).line : undefined);
    if (e.code === 'DUPLICATE_KEY') {
      problems.push({ code, message: `${what}: duplicate key; the last value is used`, file, line });
      continue;
    }
    throw new VigilError(code, `${what} is not valid YAML: ${e.message.split('\n')[0]}`, { file, line, cause: e });
  }
  let value: unknown;
  try {
    value = guardNesting(body, file, code, what, () => doc.toJS({ maxAliasCount: MAX_ALIASES }));
  } catch (cause) {
    if (cause instanceof VigilError) throw cause;
    throw new VigilError(code, `${what} could not be read: ${(cause as Error).message} (too many YAML aliases: a "YAML bomb"?)`, {
      file,
      line: 1,
      cause,
    });
  }
  return {
    value,
    problems,
    documents: docs.length,
    sectionLines(section) {
      const out = new Map<string, number>();
      const node = doc.get(section, true);
      if (!isMap(node)) return out;
      for (const pair of node.items) {
        const k = pair.key;
        if (isScalar(k) && k.range) out.set(String(k.value), lc.linePos(k.range[0]).line);
      }
      return out;
    },
  };
}
