/**
 * A stored scan result: compact JSON, redacted, gzip-compressed. Built from pieces (core/json-pieces.ts)
 * compressed a few megabytes at a time into concatenated gzip members (which gunzip reads as one
 * stream), so a result too large for one string is stored without ever being one string.
 */
import { gzipSync } from 'node:zlib';
import { jsonPieces } from '../core/json-pieces.js';

const RUN_CHARS = 4 << 20;

export function packScanBody(result: unknown, redact: (text: string) => string): Buffer {
  const out: Buffer[] = [];
  let run: string[] = [];
  let chars = 0;
  const flush = () => {
    if (run.length) out.push(gzipSync(redact(run.join('')), { level: 6 }));
    run = [];
    chars = 0;
  };
  for (const piece of jsonPieces(result, 3, 0)) {
    run.push(piece);
    chars += piece.length;
    if (chars >= RUN_CHARS) flush();
  }
  flush();
  return out.length === 1 ? out[0]! : Buffer.concat(out);
}
