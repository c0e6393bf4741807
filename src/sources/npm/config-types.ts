/**
 * The shapes of resolved registry configuration (config.ts resolves it, auth.ts matches credentials
 * in it); in a file of their own so neither of the two imports the other's types back.
 */

/** A setting and where it came from (`flag --registry`, `env`, an .npmrc path, `npm config get`). */
export interface Sourced<T> {
  value: T;
  source: string;
}

export interface ProxyConfig {
  https?: Sourced<string>;
  http?: Sourced<string>;
  /** Comma-separated hosts/domains that bypass the proxy, as NO_PROXY writes them. */
  noProxy?: Sourced<string>;
}

export interface TlsConfig {
  /** Extra CA certificates (PEM) from `cafile=` or `ca=`, added to Node's defaults. */
  ca?: Sourced<string>;
  /** `strict-ssl=false` turns certificate verification off (npm's meaning). */
  strictSSL?: Sourced<boolean>;
}

export interface RegistryAuth {
  /** `//host[:port]/path/` this credential is scoped to. */
  prefix: string;
  /** Bearer token (`:_authToken`). */
  token?: string;
  /** base64 `user:password` for Basic auth (`:_auth`, or `:username` + `:_password`). */
  basic?: string;
  source: string;
}

export interface RegistryConfig {
  /** Default registry, normalized to end in `/`. */
  registry: Sourced<string>;
  /** `@scope` → registry (normalized, ends in `/`). */
  scopes: Record<string, Sourced<string>>;
  auth: RegistryAuth[];
  proxy: ProxyConfig;
  tls?: TlsConfig;
  /** npm's `replace-registry-host`: `never`, `always` or a host name; unset means use `resolved` as is. */
  replaceRegistryHost?: Sourced<string>;
}
