/** The undici dispatcher behind the default fetch: connect/headers/body timeouts, optional proxy. */
import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent, EnvHttpProxyAgent } from 'undici';
import type { ProxyConfig, TlsConfig } from './config.js';
import type { HttpTimeouts } from './http-types.js';
import type { LookupFunction } from '../net/checked-lookup.js';

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Extra CAs (`cafile=`/`ca=`) are added to Node's bundled roots rather than replacing them, so a
 * corporate CA does not break other hosts. `strict-ssl=false` disables verification (npm's meaning).
 * With a proxy configured (from .npmrc or HTTPS_PROXY / HTTP_PROXY), requests go through it except
 * for hosts in NO_PROXY; without one, a plain Agent. `lookup` (net/checked-lookup.ts) resolves each
 * name once and refuses addresses the host may not reach (through a proxy, the proxy resolves names).
 */
export function makeDispatcher(
  proxy: ProxyConfig | undefined,
  t: HttpTimeouts,
  tls?: TlsConfig,
  lookup?: LookupFunction,
): Agent | EnvHttpProxyAgent {
  const tlsOpts = {
    // One secure context for all connections: parsing a few hundred CA certificates per socket is slow.
    ...(tls?.ca
      ? { secureContext: createSecureContext({ ca: [...rootCertificates, ...[...tls.ca.value.matchAll(PEM)].map((m) => m[0])] }) }
      : {}),
    ...(tls?.strictSSL?.value === false ? { rejectUnauthorized: false } : {}),
  };
  const common = {
    connect: { timeout: t.connectMs, ...tlsOpts, ...(lookup ? { lookup } : {}) },
    headersTimeout: t.responseMs,
    bodyTimeout: t.stallMs,
  };
  if (proxy?.https || proxy?.http) {
    return new EnvHttpProxyAgent({
      ...common,
      requestTls: tlsOpts,
      proxyTls: tlsOpts,
      // An empty string tells undici "no proxy for this protocol" instead of reading the env again.
      httpProxy: proxy.http?.value ?? '',
      httpsProxy: proxy.https?.value ?? '',
      noProxy: proxy.noProxy?.value ?? '',
    });
  }
  return new Agent(common);
}
