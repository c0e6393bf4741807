/** Reading a response body with a stall timeout (against "slow drip" bodies) and a size cap. */
import { VigilError } from '../../core/errors.js';
import type { FetchResponse, HttpRequest, HttpTimeouts } from './http-types.js';

const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

/**
 * Reads the whole body. When no chunk arrives for `stallMs`, or fewer than `minBytesPerSec` arrive
 * on average over a `rateWindowMs` window (a drip that keeps the stall timer happy), calls
 * `markTimeout`, aborts the request and rejects; the caller turns that into E_REGISTRY_TIMEOUT.
 * Over `maxBytes` is E_REGISTRY_BODY.
 */
export async function readBody(
  res: FetchResponse,
  req: HttpRequest,
  t: Pick<HttpTimeouts, 'stallMs' | 'minBytesPerSec' | 'rateWindowMs'>,
  ctl: AbortController,
  markTimeout: (what: string) => void,
): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const stallMs = t.stallMs;
  const max = req.maxBytes ?? DEFAULT_MAX_BYTES;
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  let windowStart = size;
  let tooSlow: ((e: Error) => void) | undefined;
  const slow = new Promise<never>((_, reject) => (tooSlow = reject));
  slow.catch(() => {});
  const rate = setInterval(() => {
    const got = size - windowStart;
    windowStart = size;
    if (got < (t.minBytesPerSec * t.rateWindowMs) / 1000) {
      markTimeout(`transfer slower than ${t.minBytesPerSec} bytes/s (${got} bytes in ${t.rateWindowMs} ms, ${size} in all)`);
      ctl.abort(new Error('too slow'));
      tooSlow?.(new Error('too slow'));
    }
  }, t.rateWindowMs);
  try {
    return await readAll();
  } finally {
    clearInterval(rate);
  }

  async function readAll(): Promise<Buffer> {
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
        r = await Promise.race([reader.read(), stall, slow]);
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
}

/** ` (package)` for messages, when the request names one. */
export function forWhat(req: HttpRequest): string {
  return req.subject ? ` (${req.subject})` : '';
}
