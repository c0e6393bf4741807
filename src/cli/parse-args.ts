/**
 * Resolve options from the one table: defaults < config file < environment < command line.
 * Records the source of every value. Unknown flags and bad values are E_USAGE errors.
 */
import { parseArgs } from 'node:util';
import { VigilError } from '../core/errors.js';
import { coerceOption, type OptionDef, type ResolvedOptions } from '../core/options.js';

export function parseCommandLine(argv: string[], table: readonly OptionDef[]) {
  const negated: string[] = [];
  const args: string[] = [];
  for (const [i, a] of argv.entries()) {
    // After `--` everything is a positional (guard's wrapped command keeps its own --no-* flags).
    if (a === '--') {
      args.push(...argv.slice(i));
      break;
    }
    const m = /^--no-([a-z][a-z0-9-]*)$/.exec(a);
    const def = m ? table.find((o) => o.name === m[1]) : undefined;
    if (def && def.type === 'boolean') negated.push(def.name);
    else args.push(a);
  }
  const spec: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const o of table) {
    spec[o.name] = {
      type: o.type === 'boolean' ? 'boolean' : 'string',
      ...(o.short ? { short: o.short } : {}),
      ...(o.type === 'string[]' ? { multiple: true } : {}),
    };
  }
  let parsed;
  try {
    parsed = parseArgs({ args, options: spec, allowPositionals: true, strict: true });
  } catch (e) {
    throw new VigilError('E_USAGE', (e as Error).message.replace(/^.*?: /, ''), { hint: 'run `vigil help` for the options' });
  }
  const flags: Record<string, unknown> = { ...parsed.values };
  for (const n of negated) flags[n] = false;
  return { flags, positionals: parsed.positionals };
}

export function resolveOptions(
  table: readonly OptionDef[],
  flags: Record<string, unknown>,
  positionals: string[],
  config: { path: string; options: Record<string, unknown> } | undefined,
  env: NodeJS.ProcessEnv,
): ResolvedOptions {
  const values: Record<string, unknown> = {};
  const sources: ResolvedOptions['sources'] = {};
  for (const def of table) {
    if (def.default !== undefined) {
      values[def.name] = def.default;
      sources[def.name] = 'default';
    }
  }
  if (config) {
    for (const [k, v] of Object.entries(config.options)) {
      const def = table.find((o) => o.name === k);
      if (!def)
        throw new VigilError('E_CONFIG', `unknown key "${k}"`, {
          file: config.path,
          hint: 'keys are option names from `vigil help`, plus "suppressions"',
        });
      if (def.config === false) throw new VigilError('E_CONFIG', `"${k}" cannot be set in a config file`, { file: config.path });
      values[k] = coerceOption(def, v, config.path);
      sources[k] = 'config';
    }
  }
  for (const def of table) {
    const raw = def.env ? env[def.env] : undefined;
    if (raw !== undefined && raw !== '') {
      values[def.name] = coerceOption(def, raw, `environment ${def.env}`);
      sources[def.name] = 'env';
    }
  }
  for (const [k, v] of Object.entries(flags)) {
    if (v === undefined) continue;
    const def = table.find((o) => o.name === k)!;
    values[k] = coerceOption(def, v, 'command line');
    sources[k] = 'cli';
  }
  return { values, sources, positionals };
}
