/** JSON report: the ScanResult itself, schema-versioned (see docs/json-schema.md). */
import type { ScanResult } from '../core/result.js';
import { jsonPieces } from '../core/json-pieces.js';

export function renderJson(r: ScanResult): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** The same text as `renderJson`, in pieces (core/json-pieces.ts): the CLI writes a large result piece by piece. */
export function* renderJsonPieces(r: ScanResult, depth = 3): Generator<string> {
  yield* jsonPieces(r, depth, 2);
  yield '\n';
}
