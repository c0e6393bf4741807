/**
 * The registry client's default FetchLike: undici's request API behind fetch's contract, as the
 * client uses it (GET, redirect 'manual', a signal). fetch's own machinery (Request and Response
 * objects, header guards, a web stream per body) cost the main thread about a second of CPU more
 * than the transfers themselves over a cold scan's ~1,400 requests.
 *
 * What fetch did and this keeps: it asks for gzip (and brotli over https) unless the caller set
 * accept-encoding, and hands on the decoded body (unknown codings as they came); a network failure
 * rejects as `TypeError('fetch failed')` and a body that breaks off as `TypeError('terminated')`,
 * each with the system error as cause (network-error.ts reads that); an abort rejects with the
 * signal's reason.
 */
import { pipeline, type Readable } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip } from 'node:zlib';
import { request, type Dispatcher } from 'undici';
import type { FetchLike, FetchResponse } from './http-types.js';

/** Content codings decoded, as fetch decodes them (lenient flushing: what cURL and browsers accept). */
function decoderFor(coding: string): NodeJS.ReadWriteStream | undefined {
  if (coding === 'gzip' || coding === 'x-gzip') return createGunzip({ flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH });
  if (coding === 'br')
    return createBrotliDecompress({ flush: constants.BROTLI_OPERATION_FLUSH, finishFlush: constants.BROTLI_OPERATION_FLUSH });
  return undefined;
}

/** The decoders for a content-encoding header, last applied first; none when a coding is unknown (as fetch). */
function decoders(header: string | undefined): NodeJS.ReadWriteStream[] {
  if (!header) return [];
  const codings = header.toLowerCase().split(',');
  // fetch's bound on stacked codings (a resource-exhaustion guard).
  if (codings.length > 5) throw new Error(`too many content-encodings in response: ${codings.length}, maximum allowed is 5`);
  const out: NodeJS.ReadWriteStream[] = [];
  for (let i = codings.length - 1; i >= 0; i--) {
    const d = decoderFor(codings[i]!.trim());
    if (!d) return [];
    out.push(d);
  }
  return out;
}

function headerValue(v: string | string[] | undefined): string | null {
  if (v === undefined) return null;
  return Array.isArray(v) ? v.join(', ') : v;
}

/** A fetch-shaped reader over a Node stream; failures that are not the caller's abort read as fetch's `terminated`. */
function readerOf(stream: Readable, signal: AbortSignal): NonNullable<FetchResponse['body']> {
  // A body cancelled before it was read (a 304, an error status, a redirect) errors as it is
  // destroyed, with no reader to hear it: that must not be an uncaught exception. A reader hears
  // failures through the iterator.
  stream.on('error', () => {});
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const failed = (e: unknown): never => {
    throw signal.aborted ? signal.reason : new TypeError('terminated', { cause: e });
  };
  return {
    getReader: () => ({
      read: () => it.next().then((r) => (r.done ? { done: true } : { done: false, value: r.value }), failed),
      cancel: async () => {
        stream.destroy();
      },
    }),
  };
}

/** The FetchLike the registry client uses by default, over `dispatcher` (connect timeout, proxy, checked DNS). */
export function requestFetch(dispatcher: Dispatcher): FetchLike {
  return async (url, init) => {
    const headers: Record<string, string> = { ...init.headers };
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'accept-encoding'))
      headers['accept-encoding'] = url.startsWith('https:') ? 'br, gzip' : 'gzip';
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, { method: 'GET', headers, signal: init.signal, dispatcher });
    } catch (e) {
      throw init.signal.aborted ? init.signal.reason : new TypeError('fetch failed', { cause: e });
    }
    const noBody = res.statusCode === 204 || res.statusCode === 205 || res.statusCode === 304;
    const redirect = res.statusCode >= 300 && res.statusCode < 400;
    let body: Readable = res.body;
    if (!noBody && !redirect) {
      let chain: NodeJS.ReadWriteStream[];
      try {
        chain = decoders(headerValue(res.headers['content-encoding']) ?? undefined);
      } catch (e) {
        res.body.destroy();
        throw new TypeError('fetch failed', { cause: e });
      }
      if (chain.length) body = pipeline([res.body, ...chain], () => {}) as unknown as Readable;
    }
    return {
      status: res.statusCode,
      ...(res.statusText ? { statusText: res.statusText } : {}),
      headers: { get: (name) => headerValue(res.headers[name.toLowerCase()]) },
      body: readerOf(body, init.signal),
    };
  };
}
