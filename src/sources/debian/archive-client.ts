/**
 * Debian archive client: `InRelease` (signature checked with gpgv when possible, revalidated with
 * If-None-Match / If-Modified-Since), then `Packages` / `Sources` indexes whose bytes must match the
 * SHA256 listed in that InRelease BEFORE they are cached (store kind `deb-index`, key = URL).
 * A cached index whose digest still matches the release is used without any request.
 * Failures never throw out of `release()` / `index()`: they become Problems / Unavailable records
 * and an `undefined` result, so a scan continues with what it has.
 */
import { createHash } from 'node:crypto';
import { VigilError, toProblem } from '../../core/errors.js';
import type { Problem, Unavailable } from '../../core/types.js';
import type { CacheEntry, Store } from '../../store/types.js';
import { guardedFetch, type GuardedFetch, type ProxySettings } from '../net/guarded-fetch.js';
import type { TransferLimits } from '../net/body-guard.js';
import { readCapped, type CapOptions } from '../net/read-capped.js';
import { describeNetworkError, isRefusedByPolicy } from '../net/network-error.js';
import { decompressByName } from '../../formats/debian/decompress.js';
import { verifyClearsigned, type GpgvOptions, type SignatureStatus } from './gpgv.js';
import { parseRelease, pickIndexVariant, type ReleaseFile } from './release.js';

export const DEB_INDEX_KIND = 'deb-index';
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/**
 * A body that broke off (connection reset, stall, below the minimum rate) is fetched again, like a
 * failed request; a body over its cap is not (the server is wrong, not unlucky).
 */
const RETRY_BODY_CODES = new Set(['E_NETWORK', 'E_REGISTRY_TIMEOUT']);
/** An InRelease file is a few hundred KiB; a larger answer is not one. */
export const MAX_RELEASE_BYTES = 16 * 1024 * 1024;

/** How much of a body is read: a fixed cap, or the size a verified listing gives. */
interface Cap extends CapOptions {
  max: number;
}

export interface DebArchiveOptions extends GpgvOptions {
  store: Store;
  fetch?: typeof globalThis.fetch;
  /** Hosts redirects may go to besides the one asked (--allow-host). */
  allowHosts?: readonly string[];
  /** The run's network deadline (--timeout), epoch ms. */
  deadlineAt?: number;
  /** The proxy of the user's npm configuration. */
  proxy?: ProxySettings;
  /** Stall and minimum-rate limits for bodies (tests scale them down). */
  transfer?: Partial<TransferLimits>;
  offline?: boolean;
  /** Revalidate a cached InRelease older than this many seconds (default 3600); 0 = always. */
  maxAgeSeconds?: number;
  /** Index variants in order of preference (default xz, gz, plain). */
  prefer?: readonly string[];
  timeoutMs?: number;
  now?: () => Date;
}

export interface LoadedRelease {
  uri: string;
  suite: string;
  url: string;
  release: ReleaseFile;
  signature: SignatureStatus;
}

/** A verified index; `text()` decompresses on demand (skipped when a memoized digest exists). */
export interface IndexFile {
  path: string;
  sha256: string;
  url: string;
  size: number;
  text(): Promise<string>;
}

export interface ArchiveStats {
  requests: number;
  downloadedBytes: number;
  notModified: number;
  cacheHits: number;
}

export class DebArchiveClient {
  readonly problems: Problem[] = [];
  readonly unavailable: Unavailable[] = [];
  readonly stats: ArchiveStats = { requests: 0, downloadedBytes: 0, notModified: 0, cacheHits: 0 };
  private readonly fetchFn: GuardedFetch;

  constructor(private readonly opts: DebArchiveOptions) {
    this.fetchFn = guardedFetch({
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      ...(opts.allowHosts ? { allowHosts: opts.allowHosts } : {}),
      ...(opts.proxy ? { proxy: opts.proxy } : {}),
      ...(opts.transfer ? { transfer: opts.transfer } : {}),
      deadlineAt: opts.deadlineAt,
    });
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  /**
   * GET with conditional headers from `cached`; returns the fresh body (at most `cap.max` bytes, with
   * the stall and minimum-rate limits), or the cached one on 304. Up to two more attempts after a
   * network error, a retriable status or a body that broke off.
   */
  private async get(
    url: string,
    cached: CacheEntry | undefined,
    cap: Cap,
  ): Promise<{ body: Buffer; fresh: boolean; etag?: string; lastModified?: string }> {
    const headers: Record<string, string> = {};
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      this.stats.requests++;
      try {
        res = await this.fetchFn(url, { headers, signal: AbortSignal.timeout(this.opts.timeoutMs ?? 120_000) });
      } catch (e) {
        if (e instanceof VigilError) throw e;
        if (attempt < 2 && !isRefusedByPolicy(e)) continue;
        const timeout = (e as Error).name === 'TimeoutError';
        throw new VigilError(timeout ? 'E_REGISTRY_TIMEOUT' : 'E_NETWORK', `${url}: ${describeNetworkError(e)}`, {
          cause: e,
          subject: url,
        });
      }
      if (res.status === 304 && cached) {
        this.stats.notModified++;
        return { body: cached.body, fresh: false, etag: cached.etag, lastModified: cached.lastModified };
      }
      if (RETRY_STATUSES.has(res.status) && attempt < 2) {
        await res.arrayBuffer().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
        continue;
      }
      if (!res.ok) {
        throw new VigilError('E_REGISTRY_HTTP', `${url}: HTTP ${res.status}`, {
          subject: url,
          hint: res.status === 404 ? 'check the suite, component and architecture' : undefined,
        });
      }
      let body: Buffer;
      try {
        body = await readCapped(res, url, cap.max, cap);
      } catch (e) {
        if (attempt < 2 && e instanceof VigilError && RETRY_BODY_CODES.has(e.code)) continue;
        throw e;
      }
      this.stats.downloadedBytes += body.length;
      return { body, fresh: true, etag: res.headers.get('etag') ?? undefined, lastModified: res.headers.get('last-modified') ?? undefined };
    }
  }

  /**
   * Load `dists/SUITE/InRelease` from `uri`. Undefined (with a Problem) when unusable. `keyring` is
   * the source's Signed-By; an explicit `keyring` option takes precedence over it.
   */
  async release(uri: string, suite: string, keyring?: string): Promise<LoadedRelease | undefined> {
    const url = `${uri.replace(/\/+$/, '')}/dists/${suite}/InRelease`;
    const { store } = this.opts;
    try {
      const cached = store.getCache(DEB_INDEX_KIND, url);
      let body: Buffer;
      const age = cached ? (this.now().getTime() - Date.parse(cached.fetchedAt)) / 1000 : Infinity;
      if (cached && (this.opts.offline || age < (this.opts.maxAgeSeconds ?? 3600))) {
        this.stats.cacheHits++;
        body = cached.body;
      } else if (this.opts.offline) {
        throw new VigilError('E_OFFLINE_MISS', `${url} is not in the store and running offline`, { subject: url });
      } else {
        const r = await this.get(url, cached, { max: MAX_RELEASE_BYTES, what: 'the cap for an InRelease file' });
        body = r.body;
        store.putCache(DEB_INDEX_KIND, url, { body, fetchedAt: this.now().toISOString(), etag: r.etag, lastModified: r.lastModified });
      }
      const release = parseRelease(body.toString('utf8'));
      if (release.sha256.size === 0) throw new VigilError('E_REGISTRY_BODY', `${url}: no SHA256 index list in InRelease`, { subject: url });
      const signature = verifyClearsigned(body, { gpgv: this.opts.gpgv, keyring: this.opts.keyring ?? keyring });
      if (signature.state === 'bad')
        throw new VigilError('E_INTEGRITY', `${url}: ${signature.reason}`, {
          subject: url,
          hint: 'the indexes of this suite are not used',
        });
      if (signature.state === 'unverified') this.unavailable.push({ subject: url, field: 'signature', reason: signature.reason });
      if (release.validUntil && Date.parse(release.validUntil) < this.now().getTime()) {
        this.problems.push({
          code: 'E_INTEGRITY',
          subject: url,
          message: `${url}: Release expired (Valid-Until ${release.validUntil}); its indexes may be stale or replayed`,
        });
      }
      return { uri: uri.replace(/\/+$/, ''), suite, url, release, signature };
    } catch (e) {
      this.problems.push(toProblem(e, url));
      return undefined;
    }
  }

  /** The variant of `base` this client would fetch (path, sha256, size), as listed in the release. */
  variant(rel: LoadedRelease, base: string): { path: string; sha256: string; size: number } | undefined {
    return pickIndexVariant(rel.release, base, this.opts.prefer);
  }

  /**
   * A pool file (e.g. a source's `debian.tar.xz`) whose SHA256 comes from a verified Sources index.
   * Cached (kind `deb-source`) only after the digest matches. Undefined with a Problem on failure.
   */
  async poolFile(uri: string, path: string, expected: { sha256: string; size: number }): Promise<Buffer | undefined> {
    const url = `${uri.replace(/\/+$/, '')}/${path}`;
    try {
      const cached = this.opts.store.getCache(DEB_SOURCE_KIND, url);
      if (cached && sha256(cached.body) === expected.sha256) {
        this.stats.cacheHits++;
        return cached.body;
      }
      if (this.opts.offline) throw new VigilError('E_OFFLINE_MISS', `${url} is not in the store and running offline`, { subject: url });
      const { body } = await this.get(url, undefined, {
        max: expected.size,
        what: 'the size the Sources index lists',
        code: 'E_INTEGRITY',
      });
      const got = sha256(body);
      if (got !== expected.sha256 || body.length !== expected.size) {
        throw new VigilError(
          'E_INTEGRITY',
          `${url}: SHA256 ${got} (${body.length} bytes) does not match the Sources index (${expected.sha256}, ${expected.size} bytes)`,
          { subject: url },
        );
      }
      this.opts.store.putCache(DEB_SOURCE_KIND, url, { body, fetchedAt: this.now().toISOString(), meta: { sha256: got } });
      return body;
    } catch (e) {
      const p = toProblem(e, url);
      if (p.code === 'E_REGISTRY_HTTP') p.hint = 'the mirror does not serve this pool file';
      this.problems.push(p);
      return undefined;
    }
  }

  /**
   * Fetch, verify and decompress one index (`main/binary-amd64/Packages`, `main/source/Sources`).
   * Returns the text with the SHA256 of the listed (compressed) file, or undefined with a Problem.
   */
  async index(rel: LoadedRelease, base: string): Promise<IndexFile | undefined> {
    const v = pickIndexVariant(rel.release, base, this.opts.prefer);
    const where = `${rel.uri}/dists/${rel.suite}/${base}`;
    if (!v) {
      this.problems.push({
        code: 'E_REGISTRY_BODY',
        subject: where,
        message: `${rel.url} lists no ${base} index (component or architecture not in this suite)`,
      });
      return undefined;
    }
    const url = `${rel.uri}/dists/${rel.suite}/${v.path}`;
    const { store } = this.opts;
    try {
      const cached = store.getCache(DEB_INDEX_KIND, url);
      let body: Buffer;
      if (cached && sha256(cached.body) === v.sha256) {
        this.stats.cacheHits++;
        body = cached.body;
      } else if (this.opts.offline) {
        throw new VigilError('E_OFFLINE_MISS', `${url} (sha256 ${v.sha256.slice(0, 12)}…) is not in the store and running offline`, {
          subject: url,
        });
      } else {
        // A cached copy with another digest is stale by definition: fetch unconditionally.
        const r = await this.get(url, undefined, { max: v.size, what: 'the size InRelease lists', code: 'E_INTEGRITY' });
        body = r.body;
        const got = sha256(body);
        if (got !== v.sha256 || body.length !== v.size) {
          throw new VigilError(
            'E_INTEGRITY',
            `${url}: SHA256 ${got} (${body.length} bytes) does not match InRelease ${v.sha256} (${v.size} bytes); not used, not cached`,
            { subject: url },
          );
        }
        store.putCache(DEB_INDEX_KIND, url, {
          body,
          fetchedAt: this.now().toISOString(),
          etag: r.etag,
          lastModified: r.lastModified,
          meta: { sha256: got },
        });
      }
      const path = v.path;
      return { path, sha256: v.sha256, url, size: body.length, text: async () => (await decompressByName(path, body)).toString('utf8') };
    } catch (e) {
      this.problems.push(toProblem(e, url));
      return undefined;
    }
  }
}

export const DEB_SOURCE_KIND = 'deb-source';

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
