/**
 * The undici dispatcher for fetches outside the registry client (Debian archive and sources, OSV
 * dumps, audit imports, the changes feed, watch webhooks): through the proxy of the user's npm
 * configuration (`proxy`, `https-proxy`, `noproxy`, or HTTP(S)_PROXY / NO_PROXY), like the registry
 * client (npm/dispatcher.ts), or direct.
 */
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';

/** Proxy URLs as the npm configuration resolves them (structurally its ProxyConfig; net/ imports nothing from npm/). */
export interface ProxySettings {
  http?: { value: string };
  https?: { value: string };
  noProxy?: { value: string };
}

export function proxyDispatcher(proxy: ProxySettings | undefined, connect: Agent.Options['connect'] = {}): Dispatcher {
  if (proxy?.https || proxy?.http)
    return new EnvHttpProxyAgent({
      connect,
      // An empty string tells undici "no proxy for this protocol" instead of reading the environment again.
      httpProxy: proxy.http?.value ?? '',
      httpsProxy: proxy.https?.value ?? '',
      noProxy: proxy.noProxy?.value ?? '',
    });
  return new Agent({ connect });
}
