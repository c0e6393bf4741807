/**
 * The option table. Global options live here; each command adds its own `OptionDef[]` (declared in
 * its command file) and the CLI merges them into one table that drives flag parsing, the config
 * file (`vigil.config.json`, key = option name) and `--help`. Every resolved value records its source.
 */
import type { ConfigFile } from './config.js';
import { VigilError } from './errors.js';

export type OptionType = 'string' | 'boolean' | 'number' | 'string[]';
export type OptionSource = 'default' | 'config' | 'env' | 'cli';

export interface OptionDef {
  name: string;
  short?: string;
  type: OptionType;
  default?: unknown;
  description: string;
  /** Environment variable that sets it. */
  env?: string;
  /** May be set in the config file (default true). */
  config?: boolean;
  choices?: readonly string[];
  /** Placeholder shown in --help (`FILE`, `SEVERITY`). */
  arg?: string;
}

type ScalarOf<T extends OptionType> = T extends 'string' ? string : T extends 'number' ? number : T extends 'boolean' ? boolean : string[];

/** The value one option definition yields: one of its choices when it lists them, else a value of its type. */
export type OptionValue<D extends OptionDef> = D extends { choices: readonly (infer C extends string)[] } ? C : ScalarOf<D['type']>;

/** The typed values of an option table (declared `as const`): an option with a default is always set. */
export type OptionValues<T extends readonly OptionDef[]> = {
  [D in T[number] as D['name']]: D extends { default: NonNullable<unknown> } ? OptionValue<D> : OptionValue<D> | undefined;
};

export interface ResolvedOptions<V = Record<string, unknown>> {
  values: V;
  sources: Record<string, OptionSource>;
  positionals: string[];
  /** The config file the values were read from, with its suppressions (when there was one). */
  config?: ConfigFile;
}

export const GLOBAL_OPTIONS = [
  {
    name: 'format',
    short: 'f',
    type: 'string',
    default: 'terminal',
    arg: 'FORMAT',
    choices: ['terminal', 'json', 'sarif', 'markdown', 'html', 'cyclonedx'],
    description: 'Report format.',
  },
  {
    name: 'output',
    short: 'o',
    type: 'string',
    arg: 'FILE',
    config: false,
    description: 'Write the report to FILE instead of standard output.',
  },
  {
    name: 'fail-on',
    type: 'string',
    default: 'none',
    arg: 'SEVERITY',
    choices: ['none', 'info', 'low', 'medium', 'high', 'critical'],
    description:
      'Exit with code 1 when a finding at or above SEVERITY is reported; with code 3 when nothing is, but something could not be checked.',
  },
  {
    name: 'allow-partial',
    type: 'boolean',
    default: false,
    description: 'With --fail-on: accept a partial result (checks that could not run do not fail the run).',
  },
  {
    name: 'offline',
    type: 'boolean',
    default: false,
    env: 'VIGIL_OFFLINE',
    description: 'Use only the store; list what could not be checked.',
  },
  {
    name: 'store',
    type: 'string',
    arg: 'PATH|URL',
    env: 'VIGIL_STORE',
    description:
      'SQLite store file (default: vigil.db in the user cache directory), or a postgres://user:pass@host/db connection string to share one store between machines (the password is never printed).',
  },
  {
    name: 'keep-tarballs',
    type: 'boolean',
    default: false,
    env: 'VIGIL_KEEP_TARBALLS',
    description: 'Keep downloaded tarballs in the store (default: only the analysis results, keyed by integrity).',
  },
  { name: 'registry', type: 'string', arg: 'URL', description: 'npm registry URL (default: from .npmrc / npm_config_registry).' },
  {
    name: 'config',
    type: 'string',
    arg: 'FILE',
    config: false,
    description: 'Config file (default: vigil.config.json in the scanned directory, if present).',
  },
  { name: 'concurrency', type: 'number', default: 8, arg: 'N', description: 'Parallel network requests.' },
  {
    name: 'timeout',
    type: 'number',
    arg: 'SECONDS',
    env: 'VIGIL_TIMEOUT',
    description: 'Deadline for all network work of the run; what is not fetched by then is listed as missing.',
  },
  {
    name: 'allow-host',
    type: 'string[]',
    arg: 'HOST',
    description:
      'Also fetch lockfile URLs on HOST and follow redirects to it (repeatable); by default only the configured registries (and, for Debian and OSV, the host asked) are fetched.',
  },
  {
    name: 'max-file-mb',
    type: 'number',
    default: 32,
    arg: 'MIB',
    env: 'VIGIL_MAX_FILE_MB',
    description:
      'Largest file of a package that is read whole (1-512 MiB); a larger one keeps only its first 64 KiB, and a native binary among them is not analysed. Raising it analyses larger binaries (next-swc, workerd) and holds each such file in memory while its package is analysed.',
  },
  { name: 'progress', type: 'boolean', default: true, description: 'Show a progress bar on a TTY (--no-progress to hide).' },
  {
    name: 'debug',
    type: 'boolean',
    default: false,
    env: 'VIGIL_DEBUG',
    config: false,
    description: 'On an internal error (exit 70), print its stack trace.',
  },
  { name: 'quiet', short: 'q', type: 'boolean', default: false, description: 'Print only the report.' },
  { name: 'help', short: 'h', type: 'boolean', default: false, config: false, description: 'Show help.' },
] as const satisfies readonly OptionDef[];

export type GlobalValues = OptionValues<typeof GLOBAL_OPTIONS>;

/**
 * The typed view of resolved values. Sound because every value in them is a default from the table
 * or passed coerceOption against its own definition (type and choices); the one place that says so.
 */
export function typedValues<V>(values: Record<string, unknown>): V {
  return values as V;
}

export function findOption(table: readonly OptionDef[], name: string): OptionDef | undefined {
  return table.find((o) => o.name === name);
}

/** Coerce a raw string (env/config) into the option's type, or throw E_USAGE naming the option. */
export function coerceOption(def: OptionDef, raw: unknown, where: string): unknown {
  let v: unknown = raw;
  if (def.type === 'boolean' && typeof raw === 'string') v = !['0', 'false', 'no', ''].includes(raw.toLowerCase());
  if (def.type === 'number' && typeof raw === 'string') v = Number(raw);
  if (def.type === 'string[]' && typeof raw === 'string') v = [raw];
  const ok =
    (def.type === 'boolean' && typeof v === 'boolean') ||
    (def.type === 'number' && typeof v === 'number' && Number.isFinite(v)) ||
    (def.type === 'string' && typeof v === 'string') ||
    (def.type === 'string[]' && Array.isArray(v) && v.every((x) => typeof x === 'string'));
  if (!ok) throw new VigilError('E_USAGE', `${where}: option --${def.name} expects a ${def.type}`);
  if (def.choices && typeof v === 'string' && !def.choices.includes(v)) {
    throw new VigilError('E_USAGE', `${where}: --${def.name} must be one of ${def.choices.join(', ')} (got "${v}")`);
  }
  return v;
}
