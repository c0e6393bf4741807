/**
 * HTTP client for registry requests: injectable fetch, bounded concurrency, timeouts (time to
 * response headers, a stall timeout between body chunks against "slow drip" bodies, and an overall
 * cap), retries with exponential backoff + jitter ONLY for the explicit retriable set (network errors,
 * timeouts, 408, 429 honouring Retry-After, 500, 502, 503, 504), and conditional requests.
 * Errors are VigilErrors naming the URL and the package (`subject`).
 */
import { fetch as undiciFetch } from 'undici';
import { VigilError } from '../../core/errors.js';
import type { EventSink } from '../../core/events.js';
import type { ProxyConfig, TlsConfig } from './config.js';
import { makeDispatcher } from './dispatcher.js';
import { forWhat, readBody } from './http-body.js';
import { RegistryHttpError } from './http-errors.js';
import { DEFAULT_BACKOFF, RETRIABLE_STATUSES, backoffDelay, parseRetryAfter, sleep, type BackoffOptions } from './retry.js';
import { Semaphore } from './semaphore.js';

/** The subset of a fetch Response the client reads (global fetch, undici fetch and fakes all fit). */
export interface FetchResponse {
  status: number;
  statusText?: string;
  headers: { get(name: string): string | null };
  body: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(reason?: unknown): Promise<void> } } | null;
}

export type FetchLike = (
  url: string,
  init: { method: 'GET'; headers: Record<string, string>; signal: AbortSignal; redirect: 'follow' },
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
}

export const DEFAULT_TIMEOUTS: HttpTimeouts = { connectMs: 10_000, responseMs: 30_000, stallMs: 30_000, overallMs: 300_000 };

export interface HttpClientOptions {
  fetch?: FetchLike;
  proxy?: ProxyConfig;
  tls?: TlsConfig;
  /** Requests in flight at once (default 16). */
  concurrency?: number;
  /** Extra attempts after the first, for retriable failures only (default 3). */
  retries?: number;
  backoff?: Partial<BackoffOptions>;
  timeouts?: Partial<HttpTimeouts>;
  events?: EventSink;
  userAgent?: string;
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
}

export interface HttpResponse {
  url: string;
  status: number;
  /** 304: the cached copy is still good; `body` is empty. */
  notModified: boolean;
  body: Buffer;
  etag?: string;
  lastModified?: string;
  contentType?: string;
}

export interface HttpStats {
  /** Attempts sent (each retry counts). */
  requests: number;
  retries: number;
  notModified: number;
  bytes: number;
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
  stats(): HttpStats;
  close(): Promise<void>;
}

export function createHttpClient(opts: HttpClientOptions = {}): HttpClient {
  const t: HttpTimeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  const backoff: BackoffOptions = { ...DEFAULT_BACKOFF, ...opts.backoff };
  const retries = opts.retries ?? 3;
  const sem = new Semaphore(opts.concurrency ?? 16);
  const stats: HttpStats = { requests: 0, retries: 0, notModified: 0, bytes: 0 };
  const dispatcher = opts.fetch ? undefined : makeDispatcher(opts.proxy, t, opts.tls);
  const doFetch: FetchLike =
    opts.fetch ?? ((url, init) => undiciFetch(url, { ...init, dispatcher }) as unknown as Promise<FetchResponse>);
  const ua = opts.userAgent ?? 'vigil (supply-chain scanner)';

  async function attempt(req: HttpRequest): Promise<HttpResponse> {
    const headers: Record<string, string> = { 'user-agent': ua, ...req.headers };
    if (req.etag) headers['if-none-match'] = req.etag;
    if (req.lastModified) headers['if-modified-since'] = req.lastModified;
    const ctl = new AbortController();
    let timedOut: string | undefined;
    const expire = (what: string) => () => {
      timedOut = what;
      ctl.abort(new Error(what));
    };
    const overall = setTimeout(expire(`no complete answer within ${t.overallMs} ms`), t.overallMs);
    const first = setTimeout(expire(`no response within ${t.responseMs} ms`), t.responseMs);
    stats.requests++;
    try {
      let res: FetchResponse;
      try {
        res = await doFetch(req.url, { method: 'GET', headers, signal: ctl.signal, redirect: 'follow' });
      } finally {
        clearTimeout(first);
      }
      if (res.status === 304) {
        stats.notModified++;
        await res.body?.getReader().cancel().catch(() => {});
        return { url: req.url, status: 304, notModified: true, body: Buffer.alloc(0), ...validators(res) };
      }
      if (res.status < 200 || res.status > 299) {
        await res.body?.getReader().cancel().catch(() => {});
        const retryAfterMs = res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers.get('retry-after')) : undefined;
        throw new RegistryHttpError(res.status, req.url, `GET ${req.url}${forWhat(req)}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, {
          subject: req.subject,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
          hint: hintFor(res.status),
        });
      }
      const body = await readBody(res, req, t.stallMs, ctl, (w) => (timedOut = w));
      stats.bytes += body.length;
      const contentType = res.headers.get('content-type') ?? undefined;
      return { url: req.url, status: res.status, notModified: false, body, ...validators(res), ...(contentType ? { contentType } : {}) };
    } catch (e) {
      if (e instanceof VigilError) throw e;
      if (timedOut) {
        throw new VigilError('E_REGISTRY_TIMEOUT', `GET ${req.url}${forWhat(req)}: ${timedOut}`, { subject: req.subject, cause: e });
      }
      throw new VigilError('E_NETWORK', `GET ${req.url}${forWhat(req)}: ${describeNetworkError(e)}`, {
        subject: req.subject,
        cause: e,
        hint: 'check the registry address in .npmrc and any HTTPS_PROXY / NO_PROXY settings',
      });
    } finally {
      clearTimeout(overall);
    }
  }

  async function request(req: HttpRequest): Promise<HttpResponse> {
    for (let n = 0; ; n++) {
      let err: unknown;
      const release = await sem.acquire();
      try {
        return await attempt(req);
      } catch (e) {
        err = e;
      } finally {
        release();
      }
      if (!isRetriable(err) || n >= retries) throw n > 0 ? withAttempts(err, n + 1) : err;
      const retryAfter = err instanceof RegistryHttpError ? err.retryAfterMs : undefined;
      const delay = retryAfter !== undefined ? Math.min(retryAfter, backoff.maxMs) : backoffDelay(n, backoff);
      stats.retries++;
      opts.events?.({ type: 'info', message: `retrying ${req.url} in ${delay} ms: ${(err as Error).message}` });
      await sleep(delay);
    }
  }

  return {
    request,
    stats: () => ({ ...stats }),
    close: async () => {
      await dispatcher?.close();
    },
  };
}

export function isRetriable(e: unknown): boolean {
  if (e instanceof RegistryHttpError) return RETRIABLE_STATUSES.has(e.status);
  return e instanceof VigilError && (e.code === 'E_NETWORK' || e.code === 'E_REGISTRY_TIMEOUT');
}

function validators(res: FetchResponse): { etag?: string; lastModified?: string } {
  const out: { etag?: string; lastModified?: string } = {};
  const etag = res.headers.get('etag');
  const lm = res.headers.get('last-modified');
  if (etag) out.etag = etag;
  if (lm) out.lastModified = lm;
  return out;
}

function hintFor(status: number): string | undefined {
  if (status === 401 || status === 403) return 'check the auth token for this registry in .npmrc (//host/:_authToken=...)';
  if (status === 404) return 'the package or version is not on this registry (unpublished, private, or a different registry)';
  if (status === 429) return 'the registry is rate limiting; lower --concurrency or try later';
  if (status >= 500) return 'the registry failed; try again later';
  return undefined;
}

function describeNetworkError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return e instanceof Error ? e.message : String(e);
}

function withAttempts(e: unknown, attempts: number): unknown {
  if (e instanceof VigilError) {
    Object.defineProperty(e, 'message', { value: `${e.message} (after ${attempts} attempts)` });
  }
  return e;
}
