/**
 * The request, response and timeout shapes of the registry HTTP client (http.ts), shared with the
 * body reader and the dispatcher it uses, which therefore do not import the client back.
 */

/** The subset of a fetch Response the client reads (global fetch, undici fetch and fakes all fit). */
export interface FetchResponse {
  status: number;
  statusText?: string;
  headers: { get(name: string): string | null };
  body: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(reason?: unknown): Promise<void> } } | null;
}

export type FetchLike = (
  url: string,
  init: { method: 'GET'; headers: Record<string, string>; signal: AbortSignal; redirect: 'manual' },
) => Promise<FetchResponse>;

export interface HttpTimeouts {
  /** TCP/TLS connect (default fetch only). */
  connectMs: number;
  /** From sending the request to receiving response headers. */
  responseMs: number;
  /** Longest silence between two body chunks. */
  stallMs: number;
  /** Whole attempt, headers and body. */
  overallMs: number;
  /** One request including all its retries and backoff delays. */
  requestMs: number;
  /** Slowest acceptable body transfer, averaged over `rateWindowMs` (against one-byte drips). */
  minBytesPerSec: number;
  rateWindowMs: number;
}

export interface HttpRequest {
  url: string;
  /** Package (or package@version) this is for; named in errors. */
  subject?: string;
  headers?: Record<string, string>;
  /** Conditional request validators from the cache. */
  etag?: string;
  lastModified?: string;
  /** Body size cap; larger bodies fail with E_REGISTRY_BODY. */
  maxBytes?: number;
  /** Requests waiting for a connection slot go highest priority first (default 0; ties in order of asking). */
  priority?: number;
  /** Retries at most this many times (default: the client's setting); never more than the client allows. */
  retries?: number;
  /**
   * Where a 2xx body goes instead of one buffer, chosen per attempt from its declared length
   * (undefined: collected as usual); the response's `streamed` is then what the sink's `end` gave.
   */
  sink?: (declaredLength: number | undefined) => BodySink | undefined;
}

/**
 * Where a body goes instead of one buffer: each chunk as it arrives (the next is read once the
 * returned promise settles, so a slow consumer holds the transfer back), then `end` once it is all
 * there, whose result the request returns; `abort` when the transfer fails part way.
 */
export interface BodySink {
  write(chunk: Buffer): void | Promise<void>;
  end(): Promise<unknown>;
  abort(reason: Error): void;
}
