/**
 * Registry configuration resolved the way npm resolves it. Precedence, highest first:
 * `--registry` flag, `npm_config_*` environment, project `.npmrc` (nearest directory with a
 * package.json or node_modules), user `.npmrc` (`$NPM_CONFIG_USERCONFIG` or `~/.npmrc`), global
 * `npmrc` (`$NPM_CONFIG_GLOBALCONFIG` or `<prefix>/etc/npmrc`).
 * There is no built-in default host: when nothing sets `registry`, `npm config get registry` is asked
 * (execFile, no shell); if npm is not there either, E_CONFIG.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { VigilError } from '../../core/errors.js';
import { registerSecret } from '../../core/redact.js';
import { collectAuth, nerfDart } from './auth.js';
import type { ProxyConfig, RegistryAuth, RegistryConfig, Sourced, TlsConfig } from './config-types.js';
import { envLayer, readNpmrc, type ConfigLayer } from './npmrc.js';

export type { ProxyConfig, RegistryAuth, RegistryConfig, Sourced, TlsConfig } from './config-types.js';
export { authFor, authorizationFor, nerfDart } from './auth.js';

export interface LoadRegistryConfigOptions {
  /** `--registry` override. */
  registry?: string;
  /** Directory of the project being scanned (its .npmrc applies). Defaults to cwd. */
  projectDir?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
  /** Global npmrc; defaults to `$npm_config_globalconfig` or `<prefix>/etc/npmrc` like npm. */
  globalConfigPath?: string;
  /** Asked only when no layer sets `registry`. Defaults to running `npm config get registry`. */
  npmConfigGet?: (key: string) => Promise<string>;
}

export async function loadRegistryConfig(opts: LoadRegistryConfigOptions = {}): Promise<RegistryConfig> {
  const env = opts.env ?? process.env;
  return resolveLayers(loadConfigLayers(opts), env, opts.npmConfigGet ?? npmConfigGet);
}

/** npm's configuration layers for a project, highest precedence first (flag, env, project, user, global). */
export function loadConfigLayers(opts: Omit<LoadRegistryConfigOptions, 'npmConfigGet'> = {}): ConfigLayer[] {
  const env = opts.env ?? process.env;
  const layers: ConfigLayer[] = [];
  if (opts.registry !== undefined) layers.push({ source: 'flag --registry', values: { registry: opts.registry } });
  const envL = envLayer(env);
  layers.push(envL);
  const project = findProjectRoot(resolve(opts.projectDir ?? process.cwd()));
  const projectRc = readNpmrc(join(project, '.npmrc'), env);
  if (projectRc) layers.push(projectRc);
  const userPath = envL.values.userconfig ?? join(opts.home ?? homedir(), '.npmrc');
  if (resolve(userPath) !== join(project, '.npmrc')) {
    const userRc = readNpmrc(userPath, env);
    if (userRc) layers.push(userRc);
  }
  const globalRc = readNpmrc(opts.globalConfigPath ?? globalConfigPath(envL.values), env);
  if (globalRc) layers.push(globalRc);
  return layers;
}

/**
 * The proxy settings alone (`https-proxy`, `proxy`, `noproxy`, then HTTPS_PROXY / HTTP_PROXY /
 * NO_PROXY), for fetches that are not the registry's (Debian archive, webhooks): no registry is
 * needed, so `npm config get` is never run.
 */
export function loadProxyConfig(opts: Omit<LoadRegistryConfigOptions, 'npmConfigGet' | 'registry'> = {}): ProxyConfig {
  return proxyFrom(getter(loadConfigLayers(opts)), opts.env ?? process.env);
}

/** The value of `key` in the first layer that sets it. */
function getter(layers: ConfigLayer[]): (key: string) => Sourced<string> | undefined {
  return (key) => {
    for (const l of layers) {
      const v = l.values[key];
      if (v !== undefined && v !== '') return { value: v, source: l.source };
    }
    return undefined;
  };
}

/** Merges layers (first wins) into a RegistryConfig. Exported for tests and other callers. */
export async function resolveLayers(
  layers: ConfigLayer[],
  env: NodeJS.ProcessEnv,
  ask: (key: string) => Promise<string>,
): Promise<RegistryConfig> {
  const get = getter(layers);
  const allKeys = new Set(layers.flatMap((l) => Object.keys(l.values)));

  let registry = get('registry');
  if (!registry) registry = await askNpm(ask);
  // Credentials written into a registry URL become Basic auth for that registry only; the URL that
  // is used, shown and stored carries none.
  const urlAuth: RegistryAuth[] = [];
  const clean = (v: Sourced<string>): string => {
    const url = normalizeRegistry(v.value, v.source);
    const { bare, basic } = withoutCredentials(url);
    if (basic) urlAuth.push({ prefix: nerfDart(bare), basic, source: v.source });
    return bare;
  };
  const scopes: RegistryConfig['scopes'] = {};
  for (const key of allKeys) {
    const m = /^(@[^:/]+):registry$/.exec(key);
    const v = m ? get(key) : undefined;
    if (m?.[1] && v) scopes[m[1]] = { value: clean(v), source: v.source };
  }
  const registryUrl = clean(registry);
  return {
    registry: { value: registryUrl, source: registry.source },
    scopes,
    auth: [...collectAuth(allKeys, get), ...urlAuth].sort((x, y) => y.prefix.length - x.prefix.length),
    proxy: proxyFrom(get, env),
    tls: tlsFrom(get),
    ...(get('replace-registry-host') ? { replaceRegistryHost: get('replace-registry-host') } : {}),
  };
}

function proxyFrom(get: (k: string) => Sourced<string> | undefined, env: NodeJS.ProcessEnv): ProxyConfig {
  const fromEnv = (...names: string[]): Sourced<string> | undefined => {
    for (const n of names) if (env[n]) return { value: env[n] as string, source: `env ${n}` };
    return undefined;
  };
  const https = get('https-proxy') ?? fromEnv('HTTPS_PROXY', 'https_proxy') ?? get('proxy') ?? fromEnv('HTTP_PROXY', 'http_proxy');
  const http = get('proxy') ?? fromEnv('HTTP_PROXY', 'http_proxy');
  const noProxy = get('noproxy') ?? fromEnv('NO_PROXY', 'no_proxy');
  const out: ProxyConfig = {};
  if (https) out.https = https;
  if (http) out.http = http;
  if (noProxy) out.noProxy = noProxy;
  return out;
}

function tlsFrom(get: (k: string) => Sourced<string> | undefined): TlsConfig {
  const out: TlsConfig = {};
  const cafile = get('cafile');
  const ca = get('ca');
  if (cafile) {
    try {
      out.ca = { value: readFileSync(cafile.value, 'utf8'), source: `${cafile.source} (cafile=${cafile.value})` };
    } catch (e) {
      throw new VigilError('E_CONFIG', `cannot read cafile ${cafile.value} (from ${cafile.source}): ${(e as Error).message}`, {
        file: cafile.source,
        cause: e,
      });
    }
  } else if (ca) {
    out.ca = { value: ca.value.replace(/\\n/g, '\n'), source: ca.source };
  }
  const strict = get('strict-ssl');
  if (strict) out.strictSSL = { value: strict.value !== 'false', source: strict.source };
  return out;
}

export function normalizeRegistry(url: string, source: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new VigilError('E_CONFIG', `registry "${url}" (from ${source}) is not a URL`, {
      hint: 'set registry=https://host/path/ in .npmrc or pass --registry URL',
    });
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new VigilError('E_CONFIG', `registry "${url}" (from ${source}) must be http(s)`);
  }
  // Credentials in the registry URL are masked wherever the URL is shown.
  registerSecret(u.password || u.username);
  try {
    registerSecret(decodeURIComponent(u.password));
  } catch {
    /* not percent-encoded: registered as is above */
  }
  const s = u.toString();
  return s.endsWith('/') ? s : `${s}/`;
}

/** A registry URL without user-info, and that user-info as a Basic credential. */
export function withoutCredentials(url: string): { bare: string; basic?: string } {
  const u = new URL(url);
  if (!u.username && !u.password) return { bare: url };
  const dec = (x: string): string => {
    try {
      return decodeURIComponent(x);
    } catch {
      return x;
    }
  };
  const basic = Buffer.from(`${dec(u.username)}:${dec(u.password)}`).toString('base64');
  registerSecret(basic);
  u.username = '';
  u.password = '';
  return { bare: u.toString(), basic };
}

/** Registry for a package name: its scope's registry when configured, else the default. */
export function registryFor(config: RegistryConfig, name: string): string {
  if (name.startsWith('@')) {
    const scope = name.slice(0, name.indexOf('/'));
    const s = config.scopes[scope];
    if (s) return s.value;
  }
  return config.registry.value;
}

/** npm's default: `globalconfig`, else `<prefix>/etc/npmrc`, prefix = `prefix` or derived from node's path. */
function globalConfigPath(envValues: Record<string, string>): string {
  if (envValues.globalconfig) return envValues.globalconfig;
  const prefix = envValues.prefix ?? (process.platform === 'win32' ? dirname(process.execPath) : dirname(dirname(process.execPath)));
  return join(prefix, 'etc', 'npmrc');
}

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, 'node_modules'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

async function askNpm(ask: (key: string) => Promise<string>): Promise<Sourced<string>> {
  let value: string;
  try {
    value = (await ask('registry')).trim();
  } catch (e) {
    throw new VigilError('E_CONFIG', 'no npm registry is configured and `npm config get registry` failed', {
      cause: e,
      hint: 'set registry=URL in .npmrc or npm_config_registry, or pass --registry URL',
    });
  }
  if (!value || value === 'undefined') {
    throw new VigilError('E_CONFIG', 'no npm registry is configured', {
      hint: 'set registry=URL in .npmrc or npm_config_registry, or pass --registry URL',
    });
  }
  return { value, source: 'npm config get registry' };
}

/** Runs `npm config get KEY` without a shell. */
export function npmConfigGet(key: string): Promise<string> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return new Promise((resolvePromise, reject) => {
    execFile(npm, ['config', 'get', key], { timeout: 15_000, windowsHide: true, shell: false }, (err, stdout) => {
      if (err) reject(err);
      else resolvePromise(stdout);
    });
  });
}
