/**
 * Registry credentials, matched the way npm matches them: by the `//host[:port]/path/` prefix
 * ("nerf dart") of the request URL. A credential is therefore only ever sent to its own host and
 * path, never to a tarball host elsewhere.
 */
import { registerSecret } from '../../core/redact.js';
import type { RegistryAuth, RegistryConfig, Sourced } from './config-types.js';

export type { RegistryAuth } from './config-types.js';

/** Collects `//prefix:_authToken`, `:_auth`, `:username` + `:_password`; longest prefix first. */
export function collectAuth(keys: Set<string>, get: (k: string) => Sourced<string> | undefined): RegistryAuth[] {
  const byPrefix = new Map<string, RegistryAuth>();
  for (const key of keys) {
    const m = /^(\/\/.*):(_authToken|_auth|username|_password)$/.exec(key);
    if (!m?.[1] || !m[2]) continue;
    const v = get(key);
    if (!v) continue;
    const prefix = m[1].endsWith('/') ? m[1] : `${m[1]}/`;
    const a = byPrefix.get(prefix) ?? { prefix, source: v.source };
    if (m[2] === '_authToken') a.token = v.value;
    if (m[2] === '_auth') a.basic = v.value;
    byPrefix.set(prefix, a);
  }
  for (const a of byPrefix.values()) {
    const user = get(`${a.prefix}:username`) ?? get(`${a.prefix.slice(0, -1)}:username`);
    const pass = get(`${a.prefix}:_password`) ?? get(`${a.prefix.slice(0, -1)}:_password`);
    if (!a.token && !a.basic && user && pass) {
      const password = Buffer.from(pass.value, 'base64').toString('utf8');
      a.basic = Buffer.from(`${user.value}:${password}`).toString('base64');
      registerSecret(password);
      registerSecret(pass.value);
    }
    // Every credential is masked wherever it might surface (messages, reports, store rows).
    registerSecret(a.token);
    registerSecret(a.basic);
  }
  return [...byPrefix.values()].filter((a) => a.token || a.basic).sort((x, y) => y.prefix.length - x.prefix.length);
}

/** `//host[:port]/path` of a URL: what npm matches credentials against. */
export function nerfDart(url: string): string {
  const u = new URL(url);
  return `//${u.host}${u.pathname}`;
}

/**
 * Credentials for a request URL: the longest configured prefix that the URL's `//host/path` starts
 * with. A token is therefore sent only to its own host (and path), never to a tarball host elsewhere.
 */
export function authFor(config: RegistryConfig, url: string): RegistryAuth | undefined {
  const d = nerfDart(url);
  return config.auth.find((a) => d.startsWith(a.prefix));
}

/** The Authorization header value for a URL, if any credential applies. */
export function authorizationFor(config: RegistryConfig, url: string): string | undefined {
  const a = authFor(config, url);
  if (!a) return undefined;
  return a.token ? `Bearer ${a.token}` : `Basic ${a.basic}`;
}
