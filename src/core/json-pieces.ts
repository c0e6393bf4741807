/**
 * JSON.stringify in pieces: a result of 200,000 components is larger than the longest string V8 can
 * hold, so it is written (to a file, to the store) piece by piece. Plain objects and arrays are split
 * into members down to `depth` levels; a piece never cuts a member (key and value stay together), so
 * each piece can be redacted on its own. Concatenated, the pieces are exactly
 * `JSON.stringify(v, null, space)`.
 */
export function* jsonPieces(v: unknown, depth = 3, space: 0 | 2 = 2): Generator<string> {
  yield* pieces(v, '', depth, space === 2 ? '\n' : '', space === 2 ? '  ' : '');
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype);
/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const isSkipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

function* pieces(v: unknown, pad: string, depth: number, nl: string, indent: string): Generator<string> {
  if (depth === 0 || !isPlain(v) || typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    const text = JSON.stringify(v, null, indent.length) ?? 'null';
    yield pad && text.includes('\n') ? text.replaceAll('\n', `\n${pad}`) : text;
    return;
  }
  const inner = `${pad}${indent}`;
  const array = Array.isArray(v);
  const colon = indent ? ': ' : ':';
  let first = true;
  for (const [k, x] of array ? v.entries() : Object.entries(v)) {
    if (!array && isSkipped(x)) continue;
    yield `${first ? (array ? '[' : '{') : ','}${nl}${inner}${array ? '' : `${JSON.stringify(k)}${colon}`}`;
    first = false;
    yield* pieces(array && isSkipped(x) ? null : x, inner, depth - 1, nl, indent);
  }
  yield first ? (array ? '[]' : '{}') : `${nl}${pad}${array ? ']' : '}'}`;
}
