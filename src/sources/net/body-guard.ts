/**
 * The minimum transfer rate and stall limit for response bodies fetched outside the registry client
 * (Debian archive and sources, OSV dumps, audit imports, the changes feed): the same protection the
 * registry client's body reader gives (npm/http-body.ts), as a wrapper around a Response's body so
 * every way of reading it (a reader, `arrayBuffer()`, `json()`, a pipe to disk) is covered.
 */
import { VigilError } from '../../core/errors.js';
import { redact } from '../../core/redact.js';

export interface TransferLimits {
  /** Longest silence between two body chunks while the reader waits. */
  stallMs: number;
  /** Slowest acceptable body transfer, averaged over `rateWindowMs` (against one-byte drips). */
  minBytesPerSec: number;
  rateWindowMs: number;
}

/** The registry client's defaults (npm/http.ts DEFAULT_TIMEOUTS). */
export const DEFAULT_TRANSFER: TransferLimits = { stallMs: 30_000, minBytesPerSec: 1024, rateWindowMs: 15_000 };

/** Statuses whose Response may not carry a body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * `res` with a body that fails with E_REGISTRY_TIMEOUT naming `url` (credentials redacted) when no
 * chunk arrives for `stallMs`, or when, over a `rateWindowMs` window in which the reader waited at
 * least half the time, fewer than `minBytesPerSec` arrived per second of waiting (a slow reader is
 * not the server's fault). The connection is cancelled at once.
 */
export function guardBody(res: Response, url: string, t: TransferLimits = DEFAULT_TRANSFER): Response {
  if (!res.body || NULL_BODY.has(res.status)) return res;
  const source = res.body.getReader();
  const where = `GET ${redact(url)}`;
  let size = 0;
  // The rate is judged over the time the reader spent waiting for the server, not wall time.
  let waitStart: number | undefined;
  let waitedMs = 0;
  let windowBytes = 0;
  let stall: NodeJS.Timeout | undefined;
  let rate: NodeJS.Timeout | undefined;
  let dead = false;
  let ctl!: ReadableStreamDefaultController<Uint8Array>;
  const stop = (): void => {
    dead = true;
    clearTimeout(stall);
    clearInterval(rate);
  };
  const kill = (what: string): void => {
    if (dead) return;
    stop();
    const e = new VigilError('E_REGISTRY_TIMEOUT', `${where}: ${what}`, { subject: redact(url) });
    ctl.error(e);
    void source.cancel(e).catch(() => {});
  };
  const noteWait = (now: number): void => {
    if (waitStart === undefined) return;
    waitedMs += now - waitStart;
    waitStart = now;
  };
  const checkRate = (): void => {
    noteWait(Date.now());
    const [got, waited] = [windowBytes, waitedMs];
    windowBytes = waitedMs = 0;
    if (waited >= t.rateWindowMs / 2 && got < (t.minBytesPerSec * waited) / 1000)
      kill(`transfer slower than ${t.minBytesPerSec} bytes/s (${got} bytes in ${waited} ms of waiting, ${size} in all)`);
  };
  // highWaterMark 0: the source is read only when the consumer asks, so a body nobody reads starts
  // no timer. The stall timer runs only while a read waits and keeps the process alive meanwhile (a
  // read that never settles must still end); the rate check never does.
  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        ctl = c;
      },
      async pull(c) {
        if (!rate) {
          rate = setInterval(checkRate, t.rateWindowMs);
          rate.unref();
        }
        waitStart = Date.now();
        stall = setTimeout(() => kill(`body stalled: no data for ${t.stallMs} ms after ${size} bytes`), t.stallMs);
        let r: ReadableStreamReadResult<Uint8Array>;
        try {
          r = await source.read();
        } catch (e) {
          if (!dead) {
            stop();
            c.error(e);
          }
          return;
        } finally {
          noteWait(Date.now());
          waitStart = undefined;
          clearTimeout(stall);
        }
        if (dead) return;
        if (r.done) {
          stop();
          c.close();
          return;
        }
        size += r.value.byteLength;
        windowBytes += r.value.byteLength;
        c.enqueue(r.value);
      },
      cancel(reason) {
        stop();
        return source.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}
