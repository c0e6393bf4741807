/** The undici dispatcher behind the default fetch: connect/headers/body timeouts, optional proxy. */
import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent, buildConnector, EnvHttpProxyAgent } from 'undici';
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
  // One secure context for all connections: parsing a few hundred CA certificates per socket is slow.
  const secure = () =>
    tls?.ca
      ? { secureContext: createSecureContext({ ca: [...rootCertificates, ...[...tls.ca.value.matchAll(PEM)].map((m) => m[0])] }) }
      : {};
  const strict = tls?.strictSSL?.value === false ? { rejectUnauthorized: false } : {};
  const connect = { timeout: t.connectMs, ...strict, ...(lookup ? { lookup } : {}) };
  const timeouts = { headersTimeout: t.responseMs, bodyTimeout: t.stallMs };
  if (proxy?.https || proxy?.http) {
    const tlsOpts = { ...secure(), ...strict };
    return new EnvHttpProxyAgent({
      connect: { ...connect, ...tlsOpts },
      ...timeouts,
      requestTls: tlsOpts,
      proxyTls: tlsOpts,
      // An empty string tells undici "no proxy for this protocol" instead of reading the env again.
      httpProxy: proxy.http?.value ?? '',
      httpsProxy: proxy.https?.value ?? '',
      noProxy: proxy.noProxy?.value ?? '',
    });
  }
  return new Agent({ connect: tls?.ca ? secureOnDemand(connect, secure) : connect, ...timeouts });
}

/**
 * A connector that builds the secure context with the configured CAs when the first https
 * connection is made: a cafile (a system bundle is common) with Node's roots is ~300 certificates,
 * ~0.4 s of CPU at every start, for nothing when the registry is plain http.
 */
export function secureOnDemand(connect: buildConnector.BuildOptions, secure: () => object): buildConnector.connector {
  const plain = buildConnector(connect);
  let tls: buildConnector.connector | undefined;
  return (opts, cb) => (opts.protocol === 'https:' ? (tls ??= buildConnector({ ...connect, ...secure() })) : plain)(opts, cb);
}
