/**
 * The npm registry source: packuments and tarballs, through the store's cache.
 *
 * - Packuments: cached as served (`kind='packument'`, key `registry|name`, with fetchedAt/ETag/
 *   Last-Modified). Reused without a request within `packumentMaxAgeMs`; after that revalidated with
 *   a conditional request (304 keeps the body). Only bodies that parse are cached. When the registry
 *   fails with a retriable error after the retries, an expired copy is used and a `problem` event
 *   says so.
 * - Tarballs: verified against the lockfile integrity (else the packument's dist) BEFORE caching;
 *   cached by that integrity (`kind='tarball'`, key `sha512-…`), so a warm scan makes no request.
 *   Cached bytes are re-verified on read.
 * - `offline`: cache only; a miss is E_OFFLINE_MISS naming the package (the engine lists them).
 */
import { expectedError, toProblem, VigilError } from '../../core/errors.js';
import type { EventSink } from '../../core/events.js';
import type { Store } from '../../store/types.js';
import { authorizationFor } from './auth.js';
import { registryFor, type RegistryConfig } from './config.js';
import {
  createHttpClient,
  isRetriable,
  type FetchLike,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
  type HttpStats,
} from './http.js';
import { escapedName } from './names.js';
import { parsePackument } from './packument.js';
import { assertFetchable, hostTrust, policyFor, type SourcePolicy } from './source-policy.js';
import { checkedLookup } from '../net/checked-lookup.js';
import {
  distIntegrity,
  integrityKey,
  isGzip,
  notGzipError,
  resolveTarballUrl,
  usableIntegrity,
  verifyIntegrity,
  type VerifyContext,
} from './tarball.js';
import { tarballSink, type ReadTarballStream, type StreamedTarball } from './tarball-stream.js';
import type { PackageFiles } from '../archive/types.js';
import type { Packument } from './types.js';
import { hasPackumentCache, PACKUMENT_MAX_BYTES, readPackumentCache, writePackumentCache } from './packument-cache.js';
import { createPackumentLru } from './packument-lru.js';
import { span, timed } from '../../core/timeline.js';

export interface NpmClientOptions {
  config: RegistryConfig;
  store: Store;
  offline?: boolean;
  /** Requests in flight at once (default 16). */
  concurrency?: number;
  fetch?: FetchLike;
  events?: EventSink;
  /** Retries, backoff and timeouts for the HTTP layer. */
  http?: Pick<HttpClientOptions, 'retries' | 'backoff' | 'timeouts' | 'userAgent' | 'retryBudget' | 'deadlineAt'>;
  /** Hosts besides the configured registries that lockfile URLs may be fetched from (--allow-host). */
  allowHosts?: string[];
  /** How long a cached packument is used without asking the registry (default 10 minutes). */
  packumentMaxAgeMs?: number;
  now?: () => Date;
  /**
   * Keep verified tarballs in the store (default false: analysis results are kept, keyed by the
   * tarball's integrity, and the bytes are dropped; a warm rescan does not need them).
   */
  keepTarballs?: boolean;
  /** Downloads declared at least this long are read as they arrive by getTarballFiles (default STREAM_MIN_BYTES). */
  streamMinBytes?: number;
}

/**
 * Below this, a tarball is downloaded whole and inflated in one call (cheaper in CPU than the
 * streamed decoder); above it, holding the compressed bytes costs more than streaming saves.
 */
export const STREAM_MIN_BYTES = 1024 * 1024;

export interface GetTarballOptions {
  /** Lockfile `resolved` URL, when the lockfile records one. */
  resolved?: string;
  /** Lockfile `integrity` (SRI). Without it the packument's dist integrity/shasum is used. */
  integrity?: string;
}

export interface TarballResult {
  bytes: Buffer;
  /** The verified SRI hash (strongest algorithm of the expected integrity), e.g. `sha512-…`. */
  integrity: string;
  fromCache: boolean;
  /** Where the expected integrity came from. */
  verifiedAgainst: 'lockfile' | 'packument';
  /** URL it was (or would be) downloaded from. */
  url: string;
}

/** A release's files read from its tarball, and where the bytes came from. */
export interface TarballFilesResult {
  files: PackageFiles;
  integrity: string;
  fromCache: boolean;
  verifiedAgainst: 'lockfile' | 'packument';
  url: string;
}

/** How a caller reads a tarball: whole bytes (from the store, a small download), or as they arrive. */
export interface TarballReaders {
  bytes: (tgz: Buffer) => Promise<PackageFiles>;
  stream: ReadTarballStream;
}

export interface NpmClientStats {
  /** `stale`: served from an expired cache entry because the registry failed (a `problem` event says so). */
  packuments: { fetched: number; fromCache: number; revalidated: number; stale: number };
  tarballs: { fetched: number; fromCache: number };
  offlineMisses: number;
  http: HttpStats;
}

export interface NpmClient {
  getPackument(name: string): Promise<Packument>;
  /**
   * Fetches a packument into the store ahead of its reader, without parsing it, when the store holds
   * no copy: at the lowest request priority (any other request waiting goes first), failures left to
   * the reader's own getPackument, which waits for a prefetch under way and then reads the stored copy.
   */
  prefetchPackument(name: string): Promise<void>;
  getTarball(name: string, version: string, opts?: GetTarballOptions): Promise<TarballResult>;
  /**
   * The release's files. A download whose declared length is at least `streamMinBytes` is read as
   * it arrives (its compressed bytes are never held whole) and its files returned only once the body
   * matched the expected integrity; anything else is read from the whole verified bytes, as getTarball
   * gives them. Files are the same either way.
   */
  getTarballFiles(name: string, version: string, opts: GetTarballOptions, read: TarballReaders): Promise<TarballFilesResult>;
  stats(): NpmClientStats;
  /** Which hosts lockfile URLs may be fetched from. */
  readonly sourcePolicy: SourcePolicy;
  close(): Promise<void>;
}

const TARBALL_MAX_BYTES = 256 * 1024 * 1024;

/** Below every other request (packuments 0, tarballs 1): a prefetch takes a connection only when nothing else waits for one. */
const PREFETCH_PRIORITY = -1;

export function createNpmClient(opts: NpmClientOptions): NpmClient {
  const { config, store } = opts;
  const now = opts.now ?? (() => new Date());
  const maxAge = opts.packumentMaxAgeMs ?? 10 * 60_000;
  const sourcePolicy = policyFor([config.registry.value, ...Object.values(config.scopes).map((s) => s.value)], opts.allowHosts);
  const http = createHttpClient({
    ...opts.http,
    // A redirect is fetched only where a lockfile URL could be: a configured registry or an --allow-host host.
    checkRedirect: (next, first) => assertFetchable(sourcePolicy, next.href, `a redirect from ${first.host}`),
    lookup: checkedLookup(hostTrust(sourcePolicy)),
    proxy: config.proxy,
    ...(config.tls ? { tls: config.tls } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
    ...(opts.events ? { events: opts.events } : {}),
  });
  const counts = { pf: 0, pc: 0, pr: 0, stale: 0, tf: 0, tc: 0, miss: 0 };
  const inflight = new Map<string, Promise<unknown>>();
  const recent = createPackumentLru();
  /** Prefetches under way, and keys prefetched (counted as fetched, not again as read from the store). */
  const prefetching = new Map<string, Promise<void>>();
  const prefetched = new Set<string>();

  function once<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const p = inflight.get(key) as Promise<T> | undefined;
    if (p) return p;
    const q = fn().finally(() => inflight.delete(key));
    inflight.set(key, q);
    return q;
  }

  function offlineMiss(what: string, subject: string): VigilError {
    counts.miss++;
    return expectedError('E_OFFLINE_MISS', `${what} is not in the store and running offline`, {
      subject,
      hint: 'run once without --offline to fill the store',
    });
  }

  async function fetchPackument(name: string): Promise<Packument> {
    const registry = registryFor(config, name);
    const key = `${registry}|${name}`;
    // The in-process copy obeys the same age limit as the store's (a long-running `vigil watch`
    // sets it to 0: every poll asks the registry, conditionally).
    const hot = recent.get(key);
    if (hot && (opts.offline || now().getTime() - Date.parse(hot.fetchedAt) < maxAge)) return hot;
    let cached = readPackumentCache(store, key);
    const parse = (body: Buffer, fetchedAt: string, contentType?: string) =>
      timed('packument.parse', name, () =>
        parsePackument({ name, body, registry, fetchedAt, url: registry + escapedName(name), ...(contentType ? { contentType } : {}) }),
      );
    if (cached) {
      const age = now().getTime() - Date.parse(cached.fetchedAt);
      if (opts.offline || age < maxAge) {
        try {
          const p = parse(cached.body, cached.fetchedAt);
          if (!prefetched.delete(key)) counts.pc++;
          return recent.set(key, p, cached.body.length);
        } catch (e) {
          // A cache entry that no longer parses is treated as absent (and not revalidated).
          if (opts.offline) throw e;
          cached = undefined;
        }
      }
    }
    if (opts.offline) throw offlineMiss(`packument of ${name}`, name);
    const url = registry + escapedName(name);
    const headers = packumentHeaders(url);
    let res: Awaited<ReturnType<typeof http.request>>;
    const fetching = span('packument.http', name);
    try {
      res = await http.request({
        url,
        subject: name,
        headers,
        maxBytes: PACKUMENT_MAX_BYTES,
        ...(cached?.etag ? { etag: cached.etag } : {}),
        ...(cached?.lastModified ? { lastModified: cached.lastModified } : {}),
      });
    } catch (e) {
      // Registry down or flaky after the retries: a stale copy beats no data (as npm does); say so.
      if (!cached || !isRetriable(e)) throw e;
      const p = parse(cached.body, cached.fetchedAt);
      counts.stale++;
      opts.events?.({
        type: 'problem',
        problem: { ...toProblem(e, name), message: `${(e as Error).message}; used the copy cached at ${cached.fetchedAt}` },
      });
      return recent.set(key, p, cached.body.length);
    } finally {
      fetching();
    }
    const fetchedAt = now().toISOString();
    if (res.notModified && cached) {
      const p = parse(cached.body, fetchedAt);
      writePackumentCache(store, key, { ...cached, fetchedAt });
      counts.pr++;
      return recent.set(key, p, cached.body.length);
    }
    const p = parse(res.body, fetchedAt, res.contentType);
    storeFetched(name, key, url, res, fetchedAt);
    counts.pf++;
    return recent.set(key, p, res.body.length);
  }

  function packumentHeaders(url: string): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const auth = authorizationFor(config, url);
    if (auth) headers.authorization = auth;
    return headers;
  }

  function storeFetched(
    name: string,
    key: string,
    url: string,
    res: { body: Buffer; etag?: string; lastModified?: string },
    fetchedAt: string,
  ): void {
    timed('packument.store', name, () =>
      writePackumentCache(store, key, {
        body: res.body,
        fetchedAt,
        ...(res.etag ? { etag: res.etag } : {}),
        ...(res.lastModified ? { lastModified: res.lastModified } : {}),
        meta: { url },
      }),
    );
  }

  function prefetchPackument(name: string): Promise<void> {
    const registry = registryFor(config, name);
    const key = `${registry}|${name}`;
    // With no reuse allowed (a watch's polls), a copy stored ahead would be asked for again.
    if (
      opts.offline ||
      maxAge <= 0 ||
      inflight.has(`packument|${key}`) ||
      prefetching.has(key) ||
      recent.has(key) ||
      hasPackumentCache(store, key)
    ) {
      return Promise.resolve();
    }
    const url = registry + escapedName(name);
    const fetching = span('packument.prefetch', name);
    const p = http
      // One attempt: a retry would spend the run's retry budget (and print its notice) for a request
      // its reader makes again anyway, with retries of its own.
      .request({
        url,
        subject: name,
        headers: packumentHeaders(url),
        maxBytes: PACKUMENT_MAX_BYTES,
        priority: PREFETCH_PRIORITY,
        retries: 0,
      })
      .then((res) => {
        // Stored unparsed: a body that does not parse is refetched by its reader, which reports it.
        if (res.notModified) return;
        storeFetched(name, key, url, res, now().toISOString());
        prefetched.add(key);
        counts.pf++;
      })
      .catch(() => {})
      .finally(() => {
        fetching();
        prefetching.delete(key);
      });
    prefetching.set(key, p);
    return p;
  }

  async function expectedFor(name: string, version: string, integrity?: string) {
    if (integrity && usableIntegrity(integrity)) return { sri: integrity, from: 'lockfile' as const };
    const p = await getPackument(name);
    const m = p.versions[version];
    if (!m) {
      throw new VigilError('E_REGISTRY_BODY', `${name}@${version} is not in the packument served by ${p.registry}`, {
        subject: `${name}@${version}`,
        hint: 'the version may have been unpublished, or the lockfile points at another registry',
      });
    }
    const sri = distIntegrity(m.dist);
    if (!sri) {
      throw new VigilError(
        'E_REGISTRY_BODY',
        `${name}@${version}: no integrity in the lockfile and none served in the packument; cannot verify the tarball`,
        {
          subject: `${name}@${version}`,
        },
      );
    }
    return { sri, from: 'packument' as const };
  }

  /** The verified tarball from the store, or undefined (absent, or its bytes no longer match). */
  function cachedTarball(key: string, sri: string, ctx: VerifyContext): Buffer | undefined {
    const cached = store.getCache('tarball', key);
    if (!cached) return undefined;
    try {
      verifyIntegrity(cached.body, sri, ctx);
      counts.tc++;
      return cached.body;
    } catch {
      return undefined; // disk damage, tampering: fetched again and overwritten
    }
  }

  /** A downloaded tarball's verified integrity; E_INTEGRITY first, then E_ARCHIVE when it is not gzip. */
  function checked(body: Buffer, sri: string, ctx: VerifyContext): string {
    const subject = `${ctx.name}@${ctx.version}`;
    const integrity = timed('tarball.verify', subject, () => verifyIntegrity(body, sri, ctx));
    if (!isGzip(body)) throw notGzipError(ctx);
    return integrity;
  }

  /** The request for a tarball download (`sink`: read the body as it arrives instead of collecting it). */
  async function tarballRequest(ctx: VerifyContext, sink?: HttpRequest['sink']): Promise<HttpResponse> {
    const subject = `${ctx.name}@${ctx.version}`;
    if (opts.offline) throw offlineMiss(`tarball of ${subject}`, subject);
    await assertFetchable(sourcePolicy, ctx.url, subject);
    const headers: Record<string, string> = { accept: '*/*' };
    const auth = authorizationFor(config, ctx.url);
    if (auth) headers.authorization = auth;
    const fetching = span('tarball.http', subject);
    // Before any waiting packument: a tarball finishes a component already under way (and feeds the
    // content workers), where a packument starts another one.
    return http
      .request({ url: ctx.url, subject, headers, maxBytes: TARBALL_MAX_BYTES, priority: 1, ...(sink ? { sink } : {}) })
      .finally(fetching);
  }

  async function fetchTarball(name: string, version: string, o: GetTarballOptions): Promise<TarballResult> {
    const url = resolveTarballUrl(config, name, version, o.resolved);
    const expected = await expectedFor(name, version, o.integrity);
    const key = integrityKey(expected.sri);
    const ctx = { name, version, url, expectedFrom: expected.from };
    return once(`tarball|${key}`, async () => {
      const cached = cachedTarball(key, expected.sri, ctx);
      if (cached) return { bytes: cached, integrity: key, fromCache: true, verifiedAgainst: expected.from, url };
      const res = await tarballRequest(ctx);
      const integrity = checked(res.body, expected.sri, ctx);
      if (opts.keepTarballs)
        store.putCache('tarball', key, { body: res.body, fetchedAt: now().toISOString(), meta: { name, version, url } });
      counts.tf++;
      return { bytes: res.body, integrity, fromCache: false, verifiedAgainst: expected.from, url };
    });
  }

  async function fetchTarballFiles(name: string, version: string, o: GetTarballOptions, read: TarballReaders): Promise<TarballFilesResult> {
    const url = resolveTarballUrl(config, name, version, o.resolved);
    const expected = await expectedFor(name, version, o.integrity);
    const key = integrityKey(expected.sri);
    const ctx = { name, version, url, expectedFrom: expected.from };
    const whole = async (): Promise<TarballFilesResult> => {
      const tb = await fetchTarball(name, version, o);
      return { files: await read.bytes(tb.bytes), integrity: tb.integrity, fromCache: tb.fromCache, verifiedAgainst: expected.from, url };
    };
    // Kept tarballs are stored whole, and one already in flight is shared: both go through getTarball.
    if (opts.keepTarballs || inflight.has(`tarball|${key}`)) return whole();
    return once(`files|${key}`, () => downloadFiles(ctx, expected, key, read));
  }

  async function downloadFiles(
    ctx: VerifyContext,
    expected: { sri: string; from: 'lockfile' | 'packument' },
    key: string,
    read: TarballReaders,
  ): Promise<TarballFilesResult> {
    const { url } = ctx;
    const cached = cachedTarball(key, expected.sri, ctx);
    if (cached) return { files: await read.bytes(cached), integrity: key, fromCache: true, verifiedAgainst: expected.from, url };
    const streamMin = opts.streamMinBytes ?? STREAM_MIN_BYTES;
    const res = await tarballRequest(ctx, (declared) =>
      declared !== undefined && declared >= streamMin ? tarballSink(expected.sri, ctx, read.stream, declared) : undefined,
    );
    if (res.streamed) {
      counts.tf++;
      return { files: (res.streamed as StreamedTarball).files, integrity: key, fromCache: false, verifiedAgainst: expected.from, url };
    }
    const integrity = checked(res.body, expected.sri, ctx);
    counts.tf++;
    return { files: await read.bytes(res.body), integrity, fromCache: false, verifiedAgainst: expected.from, url };
  }

  function getPackument(name: string): Promise<Packument> {
    const key = `${registryFor(config, name)}|${name}`;
    return once(`packument|${key}`, async () => {
      await prefetching.get(key);
      return fetchPackument(name);
    });
  }

  return {
    sourcePolicy,
    getPackument,
    prefetchPackument,
    getTarball: (name, version, o = {}) => fetchTarball(name, version, o),
    getTarballFiles: (name, version, o, read) => fetchTarballFiles(name, version, o, read),
    stats: () => ({
      packuments: { fetched: counts.pf, fromCache: counts.pc, revalidated: counts.pr, stale: counts.stale },
      tarballs: { fetched: counts.tf, fromCache: counts.tc },
      offlineMisses: counts.miss,
      http: http.stats(),
    }),
    close: () => http.close(),
  };
}
