/** Reading a response body with a stall timeout (against "slow drip" bodies) and a size cap. */
import { VigilError } from '../../core/errors.js';
import type { BodySink, FetchResponse, HttpRequest, HttpTimeouts } from './http-types.js';

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
  const chunks: Buffer[] = [];
  // With its length declared (and no content coding, whose length is the coded one), the body is
  // copied into one buffer as it arrives: collecting chunks and joining them held every tarball
  // twice at its end (a 45 MiB native binary package: 90 MiB).
  const declared = declaredLength(res, req.maxBytes ?? DEFAULT_MAX_BYTES);
  let whole = declared === undefined ? undefined : Buffer.allocUnsafe(declared);
  const size = await pump(res, req, t, ctl, markTimeout, (chunk, size) => {
    if (whole && size <= whole.length) {
      chunk.copy(whole, size - chunk.length);
      return;
    }
    if (whole) {
      // Longer than declared: back to chunks, starting with what was copied.
      chunks.push(whole.subarray(0, size - chunk.length));
      whole = undefined;
    }
    chunks.push(chunk);
  });
  if (whole) return size === whole.length ? whole : Buffer.from(whole.subarray(0, size));
  return Buffer.concat(chunks, size);
}

/** The body handed to `sink` chunk by chunk, under the same timeouts and cap as readBody; resolves to what `sink.end()` gives. */
export async function streamBody(
  res: FetchResponse,
  req: HttpRequest,
  t: Pick<HttpTimeouts, 'stallMs' | 'minBytesPerSec' | 'rateWindowMs'>,
  ctl: AbortController,
  markTimeout: (what: string) => void,
  sink: BodySink,
): Promise<unknown> {
  try {
    if (res.body) await pump(res, req, t, ctl, markTimeout, (chunk) => sink.write(chunk));
  } catch (e) {
    sink.abort(e instanceof Error ? e : new Error(String(e)));
    throw e;
  }
  return sink.end();
}

/** Reads `res.body` to its end, handing each chunk to `take` with the byte count so far; returns the size. */
async function pump(
  res: FetchResponse,
  req: HttpRequest,
  t: Pick<HttpTimeouts, 'stallMs' | 'minBytesPerSec' | 'rateWindowMs'>,
  ctl: AbortController,
  markTimeout: (what: string) => void,
  take: (chunk: Buffer, size: number) => void | Promise<void>,
): Promise<number> {
  const stallMs = t.stallMs;
  const max = req.maxBytes ?? DEFAULT_MAX_BYTES;
  const reader = res.body!.getReader();
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
      if (r.done) return size;
      if (!r.value) continue;
      size += r.value.byteLength;
      if (size > max) {
        void reader.cancel().catch(() => {});
        throw new VigilError('E_REGISTRY_BODY', `GET ${req.url}${forWhat(req)}: body larger than ${max} bytes`, { subject: req.subject });
      }
      const pending = take(Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength), size);
      if (pending) await pending;
    }
  } finally {
    clearInterval(rate);
  }
}

/** The body length the response declares, when it is the length of the bytes read (no content coding) and within `max`. */
export function declaredLength(res: FetchResponse, max: number): number | undefined {
  const coding = res.headers.get('content-encoding');
  if (coding && coding.trim().toLowerCase() !== 'identity') return undefined;
  const n = Number(res.headers.get('content-length') ?? NaN);
  return Number.isSafeInteger(n) && n > 0 && n <= max ? n : undefined;
}

/** ` (package)` for messages, when the request names one. */
export function forWhat(req: HttpRequest): string {
  return req.subject ? ` (${req.subject})` : '';
}
