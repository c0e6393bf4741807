/** Reading a response body with a stall timeout (against "slow drip" bodies) and a size cap. */
import { VigilError } from '../../core/errors.js';
import type { FetchResponse, HttpRequest } from './http.js';

const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

/**
 * Reads the whole body. When no chunk arrives for `stallMs`, calls `markTimeout`, aborts the request
 * and rejects; the caller turns that into E_REGISTRY_TIMEOUT. Over `maxBytes` is E_REGISTRY_BODY.
 */
export async function readBody(
  res: FetchResponse,
  req: HttpRequest,
  stallMs: number,
  ctl: AbortController,
  markTimeout: (what: string) => void,
): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const max = req.maxBytes ?? DEFAULT_MAX_BYTES;
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const stall = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        markTimeout(`body stalled: no data for ${stallMs} ms after ${size} bytes`);
        ctl.abort(new Error('stall'));
        reject(new Error('stall'));
      }, stallMs);
    });
    let r: { done: boolean; value?: Uint8Array };
    try {
      r = await Promise.race([reader.read(), stall]);
    } catch (e) {
      void reader.cancel().catch(() => {});
      throw e;
    } finally {
      clearTimeout(timer);
    }
    if (r.done) break;
    if (!r.value) continue;
    size += r.value.byteLength;
    if (size > max) {
      void reader.cancel().catch(() => {});
      throw new VigilError('E_REGISTRY_BODY', `GET ${req.url}${forWhat(req)}: body larger than ${max} bytes`, { subject: req.subject });
    }
    chunks.push(Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength));
  }
  return Buffer.concat(chunks, size);
}

/** ` (package)` for messages, when the request names one. */
export function forWhat(req: HttpRequest): string {
  return req.subject ? ` (${req.subject})` : '';
}
