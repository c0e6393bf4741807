/** JSON report: the ScanResult itself, schema-versioned (see docs/json-schema.md). */
import type { ScanResult } from '../core/result.js';

export function renderJson(r: ScanResult): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/**
 * The same text as `renderJson`, in pieces: a result of 200,000 components is larger than the
 * longest string V8 can hold, so the CLI writes it piece by piece. Plain objects and arrays are split
 * into members down to `depth` levels; a piece never cuts a member (key and value stay together), so
 * each piece can be redacted on its own.
 */
export function* renderJsonPieces(r: ScanResult, depth = 3): Generator<string> {
  yield* pieces(r, '', depth);
  yield '\n';
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype);
/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const isSkipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

function* pieces(v: unknown, pad: string, depth: number): Generator<string> {
  if (depth === 0 || !isPlain(v) || typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    const text = JSON.stringify(v, null, 2) ?? 'null';
    yield pad && text.includes('\n') ? text.replaceAll('\n', `\n${pad}`) : text;
    return;
  }
  const inner = `${pad}  `;
  const array = Array.isArray(v);
  let first = true;
  for (const [k, x] of array ? v.entries() : Object.entries(v)) {
    if (!array && isSkipped(x)) continue;
    yield `${first ? (array ? '[' : '{') : ','}\n${inner}${array ? '' : `${JSON.stringify(k)}: `}`;
    first = false;
    yield* pieces(array && isSkipped(x) ? null : x, inner, depth - 1);
  }
  yield first ? (array ? '[]' : '{}') : `\n${pad}${array ? ']' : '}'}`;
}
