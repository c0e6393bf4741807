/** Request bodies: JSON only, capped in size; a larger body is refused before it is buffered. */
import type { IncomingMessage } from 'node:http';
import { VigilError } from '../core/errors.js';

export const MAX_BODY = 16 * 1024;

export async function readJsonBody(req: IncomingMessage, max = MAX_BODY): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) throw new VigilError('E_REQUEST_TOO_LARGE', `the request body is larger than ${max} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new VigilError('E_REQUEST_TOO_LARGE', `the request body is larger than ${max} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new VigilError('E_USAGE', 'the body is not valid JSON');
  }
}
