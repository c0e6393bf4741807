/**
 * Download an advisory dump from a URL to a private temp file, with a size cap and a timeout.
 * Proxies follow the environment (HTTP_PROXY / HTTPS_PROXY / NO_PROXY) like every vigil request;
 * callers may inject their own `fetch` (the registry client's) instead.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { VigilError } from '../../core/errors.js';
import { guardedFetch, type ProxySettings } from '../net/guarded-fetch.js';
import { describeNetworkError } from '../net/network-error.js';

export type FetchLike = (url: string, init: { signal: AbortSignal }) => Promise<Response>;

export interface DownloadOptions {
  fetch?: FetchLike;
  /** Proxy settings as the npm config resolved them (.npmrc / env); default: none (direct). */
  proxy?: ProxySettings;
  maxBytes?: number;
  timeoutMs?: number;
  /** Hosts redirects may go to besides the one asked (--allow-host). */
  allowHosts?: readonly string[];
  /** The run's network deadline (--timeout), epoch ms. */
  deadlineAt?: number;
}

export interface Downloaded {
  path: string;
  bytes: number;
  /** Remove the temp directory. */
  cleanup(): Promise<void>;
}

export async function downloadAdvisories(url: string, opts: DownloadOptions = {}): Promise<Downloaded> {
  const maxBytes = opts.maxBytes ?? 2 * 1024 * 1024 * 1024;
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 10 * 60_000);
  let res: Response;
  try {
    // Redirects are followed only on the host asked (or --allow-host hosts), never to internal addresses.
    const f = guardedFetch({
      ...(opts.fetch ? { fetch: opts.fetch as typeof globalThis.fetch } : {}),
      ...(opts.proxy ? { proxy: opts.proxy } : {}),
      ...(opts.allowHosts ? { allowHosts: opts.allowHosts } : {}),
      deadlineAt: opts.deadlineAt,
    });
    res = await f(url, { signal });
  } catch (cause) {
    if (cause instanceof VigilError) throw cause;
    const timeout = (cause as Error).name === 'TimeoutError';
    throw new VigilError(timeout ? 'E_REGISTRY_TIMEOUT' : 'E_NETWORK', `${url}: ${describeNetworkError(cause)}`, { subject: url, cause });
  }
  if (!res.ok || !res.body) {
    throw new VigilError('E_REGISTRY_HTTP', `${url}: HTTP ${res.status}`, { subject: url });
  }
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new VigilError('E_ARCHIVE_LIMIT', `${url}: ${declared} bytes (limit ${maxBytes})`, { subject: url });
  const dir = await mkdtemp(join(tmpdir(), 'vigil-osv-'));
  const name = /\.zip(\?|$)/i.test(url) ? 'dump.zip' : 'dump.bin';
  const path = join(dir, name);
  let bytes = 0;
  try {
    const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
    body.on('data', (c: Buffer) => {
      bytes += c.length;
      if (bytes > maxBytes) body.destroy(new VigilError('E_ARCHIVE_LIMIT', `${url}: more than ${maxBytes} bytes`, { subject: url }));
    });
    await pipeline(body, createWriteStream(path, { mode: 0o600 }));
  } catch (cause) {
    await rm(dir, { recursive: true, force: true });
    if (cause instanceof VigilError) throw cause;
    throw new VigilError('E_NETWORK', `${url}: download failed: ${(cause as Error).message}`, { subject: url, cause });
  }
  return { path, bytes, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
