/**
 * HTTP client for registry requests: injectable fetch, bounded concurrency, timeouts (time to
 * response headers, a stall timeout between body chunks against "slow drip" bodies, and an overall
 * cap), retries with exponential backoff + jitter ONLY for the explicit retriable set (network errors,
 * timeouts, 408, 429 honouring Retry-After, 500, 502, 503, 504), and conditional requests.
 * Errors are VigilErrors naming the URL and the package (`subject`).
 */
import { InternalError, VigilError } from '../../core/errors.js';
import type { EventSink } from '../../core/events.js';
import type { ProxyConfig, TlsConfig } from './config.js';
import { makeDispatcher } from './dispatcher.js';
import { requestFetch } from './request-fetch.js';
import type { FetchLike, FetchResponse, HttpRequest, HttpTimeouts } from './http-types.js';
import { declaredLength, forWhat, readBody, streamBody } from './http-body.js';
import { RegistryHttpError } from './http-errors.js';
import { DEFAULT_BACKOFF, RETRIABLE_STATUSES, backoffDelay, parseRetryAfter, sleep, type BackoffOptions } from './retry.js';
import { Semaphore } from '../../core/semaphore.js';
import { span } from '../../core/timeline.js';
import type { LookupFunction } from '../net/checked-lookup.js';
import { followRedirects, type CheckHop } from '../net/redirects.js';
import { DEADLINE_TEXT, describeNetworkError } from '../net/network-error.js';

export type { BodySink, FetchLike, FetchResponse, HttpRequest, HttpTimeouts } from './http-types.js';

export const DEFAULT_TIMEOUTS: HttpTimeouts = {
  connectMs: 10_000,
  responseMs: 30_000,
  stallMs: 30_000,
  overallMs: 120_000,
  requestMs: 150_000,
  minBytesPerSec: 1024,
  rateWindowMs: 15_000,
};

/** Consecutive timeouts / network failures after which a host is not asked again in this run. */
const HOST_FAILURES_BEFORE_GIVING_UP = 4;

export interface HttpClientOptions {
  fetch?: FetchLike;
  proxy?: ProxyConfig;
  tls?: TlsConfig;
  /** Requests in flight at once (default 16). */
  concurrency?: number;
  /** Extra attempts after the first, for retriable failures only (default 3). */
  retries?: number;
  /** Retries allowed over the client's whole life (one scan), shared by all requests (default 40). */
  retryBudget?: number;
  /** Absolute time (ms since epoch) after which no request starts and running ones are aborted (`--timeout`). */
  deadlineAt?: number;
  backoff?: Partial<BackoffOptions>;
  timeouts?: Partial<HttpTimeouts>;
  events?: EventSink;
  userAgent?: string;
  /** Throws unless a redirect hop may be followed (default: only to the host that was asked). */
  checkRedirect?: CheckHop;
  /** DNS for direct connections (default fetch only): resolve once, check, connect to what was checked. */
  lookup?: LookupFunction;
}

export interface HttpResponse {
  url: string;
  status: number;
  /** 304: the cached copy is still good; `body` is empty. */
  notModified: boolean;
  body: Buffer;
  /** What the request's sink returned, when the body went to one (`body` is then empty). */
  streamed?: unknown;
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
  let retryBudget = opts.retryBudget ?? 40;
  const hostFailures = new Map<string, number>();
  // The scan deadline aborts everything in flight at once.
  const scanCtl = new AbortController();
  const scanTimer =
    opts.deadlineAt !== undefined
      ? setTimeout(() => scanCtl.abort(new Error('deadline')), Math.max(0, opts.deadlineAt - Date.now()))
      : undefined;
  scanTimer?.unref();
  const deadlineText = (): string => DEADLINE_TEXT;
  const sem = new Semaphore(opts.concurrency ?? 16);
  const stats: HttpStats = { requests: 0, retries: 0, notModified: 0, bytes: 0 };
  // Without an injected fetch: one dispatcher (connect timeout, proxy, checked DNS) for every request.
  let dispatcher: ReturnType<typeof makeDispatcher> | undefined;
  const doFetch: FetchLike = opts.fetch ?? requestFetch((dispatcher = makeDispatcher(opts.proxy, t, opts.tls, opts.lookup)));
  const checkRedirect = opts.checkRedirect ?? sameHostOnly;
  const ua = opts.userAgent ?? 'vigil (supply-chain scanner)';

  async function attempt(req: HttpRequest, requestEnd: number): Promise<HttpResponse> {
    const headers: Record<string, string> = { 'user-agent': ua, ...req.headers };
    if (req.etag) headers['if-none-match'] = req.etag;
    if (req.lastModified) headers['if-modified-since'] = req.lastModified;
    const ctl = new AbortController();
    let timedOut: string | undefined;
    const expire = (what: string) => () => {
      timedOut = what;
      ctl.abort(new Error(what));
    };
    const left = requestEnd - Date.now();
    const byDeadline = opts.deadlineAt !== undefined && requestEnd >= opts.deadlineAt;
    const overall =
      left < t.overallMs
        ? setTimeout(expire(byDeadline ? deadlineText() : `no complete answer within ${t.requestMs} ms (all attempts)`), Math.max(0, left))
        : setTimeout(expire(`no complete answer within ${t.overallMs} ms`), t.overallMs);
    const first = setTimeout(expire(`no response within ${t.responseMs} ms`), t.responseMs);
    const onScanAbort = expire(deadlineText());
    if (scanCtl.signal.aborted) onScanAbort();
    scanCtl.signal.addEventListener('abort', onScanAbort);
    stats.requests++;
    try {
      let res: FetchResponse;
      try {
        ({ res } = await followRedirects(
          req.url,
          headers,
          (url, h) => doFetch(url, { method: 'GET', headers: h, signal: ctl.signal, redirect: 'manual' }),
          checkRedirect,
          { ...(req.subject ? { subject: req.subject } : {}) },
        ));
      } finally {
        clearTimeout(first);
      }
      if (res.status === 304) {
        stats.notModified++;
        await res.body
          ?.getReader()
          .cancel()
          .catch(() => {});
        return { url: req.url, status: 304, notModified: true, body: Buffer.alloc(0), ...validators(res) };
      }
      if (res.status < 200 || res.status > 299) {
        await res.body
          ?.getReader()
          .cancel()
          .catch(() => {});
        const retryAfterMs = res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers.get('retry-after')) : undefined;
        throw new RegistryHttpError(
          res.status,
          req.url,
          `GET ${req.url}${forWhat(req)}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`,
          {
            subject: req.subject,
            ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
            hint: hintFor(res.status),
          },
        );
      }
      const contentType = res.headers.get('content-type') ?? undefined;
      const meta = { url: req.url, status: res.status, notModified: false, ...validators(res), ...(contentType ? { contentType } : {}) };
      const sink = req.sink?.(declaredLength(res, req.maxBytes ?? Infinity));
      if (sink) {
        const streamed = await streamBody(res, req, t, ctl, (w) => (timedOut = w), sink);
        return { ...meta, body: Buffer.alloc(0), streamed };
      }
      const body = await readBody(res, req, t, ctl, (w) => (timedOut = w));
      stats.bytes += body.length;
      return { ...meta, body };
    } catch (e) {
      // A bug in a body sink stays a bug (exit 70), not a network failure to retry.
      if (e instanceof VigilError || e instanceof InternalError) throw e;
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
      scanCtl.signal.removeEventListener('abort', onScanAbort);
    }
  }

  /** Fails fast when the scan deadline passed or the host stopped answering earlier in this run. */
  function refuseEarly(req: HttpRequest): VigilError | undefined {
    if (scanCtl.signal.aborted || (opts.deadlineAt !== undefined && Date.now() >= opts.deadlineAt)) {
      return new VigilError('E_REGISTRY_TIMEOUT', `GET ${req.url}${forWhat(req)}: not sent: ${deadlineText()}`, { subject: req.subject });
    }
    const host = hostOf(req.url);
    if ((hostFailures.get(host) ?? 0) >= HOST_FAILURES_BEFORE_GIVING_UP) {
      return new VigilError(
        'E_REGISTRY_TIMEOUT',
        `GET ${req.url}${forWhat(req)}: not sent: ${host} failed ${HOST_FAILURES_BEFORE_GIVING_UP} requests in a row in this run`,
        {
          subject: req.subject,
          hint: 'the registry is down or unreachable; check it and run again',
        },
      );
    }
    return undefined;
  }

  function noteOutcome(url: string, e: unknown): void {
    const host = hostOf(url);
    const failed =
      e instanceof VigilError && !(e instanceof RegistryHttpError) && (e.code === 'E_NETWORK' || e.code === 'E_REGISTRY_TIMEOUT');
    hostFailures.set(host, failed ? (hostFailures.get(host) ?? 0) + 1 : 0);
  }

  async function request(req: HttpRequest): Promise<HttpResponse> {
    const requestEnd = Math.min(Date.now() + t.requestMs, opts.deadlineAt ?? Infinity);
    for (let n = 0; ; n++) {
      let err: unknown;
      const waited = span('http.slot', req.subject);
      const release = await sem.acquire(req.priority ?? 0);
      waited();
      try {
        const refused = refuseEarly(req);
        if (refused) throw refused;
        const res = await attempt(req, requestEnd);
        noteOutcome(req.url, undefined);
        return res;
      } catch (e) {
        err = e;
        if (!(e instanceof VigilError && e.message.includes(': not sent: '))) noteOutcome(req.url, e);
      } finally {
        release();
      }
      const retryAfter = err instanceof RegistryHttpError ? err.retryAfterMs : undefined;
      const delay = retryAfter !== undefined ? Math.min(retryAfter, backoff.maxMs) : backoffDelay(n, backoff);
      const noTime = Date.now() + delay >= requestEnd;
      const most = Math.min(retries, req.retries ?? retries);
      if (!isRetriable(err) || n >= most || retryBudget <= 0 || noTime || scanCtl.signal.aborted) {
        if (isRetriable(err) && n < most && retryBudget <= 0) appendToMessage(err, '; no retry: the retry budget of this run is spent');
        throw n > 0 ? withAttempts(err, n + 1) : err;
      }
      retryBudget--;
      stats.retries++;
      opts.events?.({ type: 'info', message: `retrying ${req.url} in ${delay} ms: ${(err as Error).message}` });
      await sleep(delay);
    }
  }

  return {
    request,
    stats: () => ({ ...stats }),
    close: async () => {
      clearTimeout(scanTimer);
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

function sameHostOnly(next: URL, first: URL): void {
  if (next.host !== first.host)
    throw new VigilError('E_UNSUPPORTED', `GET ${first.href}: redirected to ${next.host}, another host; not followed`, {
      subject: first.href,
    });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function appendToMessage(e: unknown, text: string): void {
  if (e instanceof VigilError) Object.defineProperty(e, 'message', { value: `${e.message}${text}` });
}

function withAttempts(e: unknown, attempts: number): unknown {
  if (e instanceof VigilError) {
    Object.defineProperty(e, 'message', { value: `${e.message} (after ${attempts} attempts)` });
  }
  return e;
}
