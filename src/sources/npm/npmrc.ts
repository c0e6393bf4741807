/**
 * Reading `.npmrc` files the way npm does: ini syntax (parsed with `ini`), `${VAR}` expansion in keys
 * and values (`${VAR?}` expands to '' when unset; a plain unset `${VAR}` is an error, like npm), and
 * `npm_config_*` environment variables.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'ini';
import { VigilError } from '../../core/errors.js';

/** One layer of settings: key → value, plus where the layer came from. */
export interface ConfigLayer {
  /** `flag --registry`, `env`, or the .npmrc path. */
  source: string;
  values: Record<string, string>;
}

/** Expands `${VAR}` / `${VAR?}`; `\${...}` stays literal. */
export function expandEnv(text: string, env: NodeJS.ProcessEnv, where: string): string {
  return text.replace(/(\\*)\$\{([^${}?]+)(\?)?\}/g, (whole, esc: string, name: string, optional?: string) => {
    if (esc.length % 2 === 1) return whole.slice(1);
    const v = env[name];
    if (v === undefined) {
      if (optional) return esc;
      throw new VigilError('E_CONFIG', `${where}: environment variable ${name} is not set`, {
        file: where,
        hint: `set ${name}, or write \${${name}?} to allow it to be empty`,
      });
    }
    return esc + v;
  });
}

/** Parses .npmrc text into a flat layer. Sections are not used by npm; nested objects are ignored. */
export function parseNpmrc(text: string, source: string, env: NodeJS.ProcessEnv): ConfigLayer {
  let raw: Record<string, unknown>;
  try {
    raw = parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new VigilError('E_CONFIG', `${source}: cannot parse: ${(e as Error).message}`, { file: source, cause: e });
  }
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'object' && v !== null) continue;
    values[expandEnv(k, env, source)] = expandEnv(String(v), env, source);
  }
  return { source, values };
}

/** Reads one .npmrc; a missing file is an absent layer (undefined), an unreadable one is E_CONFIG. */
export function readNpmrc(path: string, env: NodeJS.ProcessEnv): ConfigLayer | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new VigilError('E_CONFIG', `cannot read ${path}: ${(e as Error).message}`, { file: path, cause: e });
  }
  return parseNpmrc(text, path, env);
}

/**
 * `npm_config_*` variables (any case) as a layer. npm turns `_` into `-` in the key except for
 * keys that start with `//` (per-registry auth), and lower-cases the key.
 */
export function envLayer(env: NodeJS.ProcessEnv): ConfigLayer {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || !/^npm_config_/i.test(k)) continue;
    let key = k.slice('npm_config_'.length);
    if (!key.startsWith('//')) key = key.toLowerCase().replace(/_/g, '-');
    if (key) values[key] = v;
  }
  return { source: 'env', values };
}
