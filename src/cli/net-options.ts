/**
 * The network policy every command passes to whatever it fetches (registry, Debian archive and
 * sources, OSV dumps, audit imports, the changes feed): the `--allow-host` hosts and one deadline
 * for all network work of the run (`--timeout`); for sources other than the registry, also the
 * proxy of the user's npm configuration (the registry client reads it with the rest of that
 * configuration).
 */
import type { GlobalValues } from '../core/options.js';
import type { ProxySettings } from '../sources/net/guarded-fetch.js';
import { loadProxyConfig } from '../sources/npm/config.js';

export interface NetOptions {
  allowHosts: string[];
  /** Epoch ms after which no request starts and running ones are aborted (`--timeout`). */
  deadlineAt?: number;
  proxy?: ProxySettings;
}

export function netOptions(v: Pick<GlobalValues, 'allow-host' | 'timeout'>, now: number = Date.now()): NetOptions {
  return {
    allowHosts: v['allow-host'] ?? [],
    ...(typeof v.timeout === 'number' && v.timeout > 0 ? { deadlineAt: now + v.timeout * 1000 } : {}),
  };
}

/** `netOptions` and the proxy (`proxy`, `https-proxy`, `noproxy` or HTTP(S)_PROXY / NO_PROXY) for `cwd`'s npm configuration. */
export function netOptionsWithProxy(
  ctx: { cwd: string; env: NodeJS.ProcessEnv },
  v: Pick<GlobalValues, 'allow-host' | 'timeout'>,
): NetOptions {
  const proxy = loadProxyConfig({ projectDir: ctx.cwd, env: ctx.env });
  return { ...netOptions(v), ...(proxy.http || proxy.https ? { proxy } : {}) };
}
