/**
 * The fetch every non-registry source uses (Debian archive, Debian source packages, OSV dumps,
 * audit imports): redirects followed by hand and checked per hop (same host as the request, or a
 * host named with --allow-host; never an internal address), credentials dropped across origins,
 * and DNS resolved once and checked before connecting. The host of each URL the caller asks for
 * is configuration (an apt source, --mirror, --osv-url) and is trusted at any address. Every body
 * has the registry client's stall and minimum-rate limits (body-guard.ts); the proxy is the user's.
 */
import { fetch as undiciFetch } from 'undici';
import { VigilError } from '../../core/errors.js';
import { bareHostname, isInternalAddress, METADATA_NAMES } from './addresses.js';
import { checkedLookup } from './checked-lookup.js';
import { DEADLINE_TEXT } from './network-error.js';
import { followRedirects } from './redirects.js';
import { DEFAULT_TRANSFER, guardBody, type TransferLimits } from './body-guard.js';
import { proxyDispatcher, type ProxySettings } from './proxy-dispatcher.js';

export type { ProxySettings } from './proxy-dispatcher.js';

export interface GuardOptions {
  /** Hosts (`host` or `host:port`) redirects may also go to (--allow-host). */
  allowHosts?: readonly string[];
  proxy?: ProxySettings;
  maxRedirects?: number;
  /** The fetch underneath (tests); default undici with the checked DNS lookup. */
  fetch?: typeof globalThis.fetch;
  /** The resolver behind the checked lookup (tests: a name that rebinds). */
  resolve?: Parameters<typeof checkedLookup>[1];
  /**
   * The run's deadline (`--timeout`, epoch ms): no request starts after it, and requests and body
   * reads still running are aborted when it passes, with an error naming it.
   */
  deadlineAt?: number;
  /** Stall and minimum-rate limits for every body (default: the registry client's). */
  transfer?: Partial<TransferLimits>;
}

/** Aborts at `deadlineAt` with a VigilError naming the URL and the deadline (the timer never keeps the process alive). */
function deadlineSignal(deadlineAt: number, url: string): AbortSignal {
  const ctl = new AbortController();
  const reason = () => new VigilError('E_REGISTRY_TIMEOUT', `GET ${url}: ${DEADLINE_TEXT}`, { subject: url });
  const t = setTimeout(() => ctl.abort(reason()), Math.max(0, deadlineAt - Date.now()));
  t.unref();
  return ctl.signal;
}

export type GuardedFetch = (url: string, init?: { headers?: Record<string, string>; signal?: AbortSignal }) => Promise<Response>;

/** Throws unless a redirect from `first` to `next` may be followed. */
export function checkRedirectHop(next: URL, first: URL, allowHosts: ReadonlySet<string>): void {
  const host = next.host.toLowerCase();
  if (host === first.host.toLowerCase()) return;
  const name = bareHostname(next);
  const refuse = (why: string, hint?: string): never => {
    throw new VigilError('E_UNSUPPORTED', `GET ${first.href}: redirected to ${host}, ${why}; not followed`, { subject: first.href, hint });
  };
  if (isInternalAddress(name) || METADATA_NAMES.test(name)) refuse('an address of this machine or its cloud environment');
  if (!allowHosts.has(host) && !allowHosts.has(name))
    refuse(`which is not the host that was asked (${first.host})`, `to follow it, pass --allow-host ${name}`);
}

export function guardedFetch(o: GuardOptions = {}): GuardedFetch {
  const allow = new Set((o.allowHosts ?? []).map((h) => h.toLowerCase()));
  const transfer: TransferLimits = { ...DEFAULT_TRANSFER, ...o.transfer };
  const configured = new Set<string>();
  let inner = o.fetch;
  const base = (): typeof globalThis.fetch => {
    if (inner) return inner;
    const connect = {
      lookup: checkedLookup((h) => (configured.has(h) ? 'configured' : allow.has(h) ? 'allowed' : 'other'), o.resolve),
    };
    const dispatcher = proxyDispatcher(o.proxy, connect);
    inner = ((url: string, init: RequestInit) =>
      undiciFetch(url, { ...(init as object), dispatcher })) as unknown as typeof globalThis.fetch;
    return inner;
  };
  return async (url, init = {}) => {
    const first = new URL(url);
    if (o.deadlineAt !== undefined && Date.now() >= o.deadlineAt)
      throw new VigilError('E_REGISTRY_TIMEOUT', `GET ${first.href}: not sent: ${DEADLINE_TEXT}`, { subject: first.href });
    const deadline = o.deadlineAt !== undefined ? deadlineSignal(o.deadlineAt, first.href) : undefined;
    configured.add(bareHostname(first));
    const f = base();
    const signals = [init.signal, deadline].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const { res } = await followRedirects(
      first.href,
      init.headers ?? {},
      (u, headers) => f(u, { headers, redirect: 'manual', ...(signal ? { signal } : {}) }),
      (next) => checkRedirectHop(next, first, allow),
      { ...(o.maxRedirects !== undefined ? { max: o.maxRedirects } : {}) },
    );
    return guardBody(res, first.href, transfer);
  };
}
