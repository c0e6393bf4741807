/** The undici dispatcher behind the default fetch: connect/headers/body timeouts, optional proxy. */
import { Agent, EnvHttpProxyAgent } from 'undici';
import type { ProxyConfig } from './config.js';
import type { HttpTimeouts } from './http.js';

/**
 * With a proxy configured (from .npmrc or HTTPS_PROXY / HTTP_PROXY), requests go through it except
 * for hosts in NO_PROXY; without one, a plain Agent.
 */
export function makeDispatcher(proxy: ProxyConfig | undefined, t: HttpTimeouts): Agent | EnvHttpProxyAgent {
  const common = { connect: { timeout: t.connectMs }, headersTimeout: t.responseMs, bodyTimeout: t.stallMs };
  if (proxy?.https || proxy?.http) {
    return new EnvHttpProxyAgent({
      ...common,
      // An empty string tells undici "no proxy for this protocol" instead of reading the env again.
      httpProxy: proxy.http?.value ?? '',
      httpsProxy: proxy.https?.value ?? '',
      noProxy: proxy.noProxy?.value ?? '',
    });
  }
  return new Agent(common);
}
