/**
 * Config file: `vigil.config.json` in the scanned directory (or --config FILE). Keys are option
 * names from the option table, plus `suppressions` and `repos`. Unknown keys are an error that
 * names the file and the key, so typos do not silently do nothing.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { VigilError } from './errors.js';

export const CONFIG_FILE = 'vigil.config.json';

export interface ConfigFile {
  path: string;
  options: Record<string, unknown>;
  suppressions: unknown;
  raw: Record<string, unknown>;
}

/** Find the config next to a scan target: the target dir itself, or the dir of a target file. */
export function locateConfig(target: string, explicit?: string): string | undefined {
  if (explicit) {
    if (!existsSync(explicit)) throw new VigilError('E_CONFIG', `config file not found: ${explicit}`);
    return resolve(explicit);
  }
  let dir = resolve(target);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    return undefined;
  }
  const p = join(dir, CONFIG_FILE);
  return existsSync(p) ? p : undefined;
}

export function readConfig(path: string): ConfigFile {
  const text = readFileSync(path, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(String((e as Error).message));
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
    throw new VigilError('E_CONFIG', `not valid JSON: ${(e as Error).message}`, {
      file: path,
      line,
      hint: 'vigil.config.json must be a JSON object',
    });
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new VigilError('E_CONFIG', 'must be a JSON object', { file: path });
  const { suppressions, $schema: _schema, ...options } = raw as Record<string, unknown>;
  return { path, options, suppressions, raw: raw as Record<string, unknown> };
}

/**
 * The option values that apply to one command: the top-level keys plus the section named after the
 * command (`"guard": { "block-at": "high" }`), which wins. Sections of other commands are ignored.
 */
export function optionsFor(config: ConfigFile, command: string, commandNames: readonly string[]): ConfigFile {
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config.options)) if (!commandNames.includes(k)) options[k] = v;
  const section = config.options[command];
  if (section !== undefined) {
    if (!section || typeof section !== 'object' || Array.isArray(section))
      throw new VigilError('E_CONFIG', `"${command}" must be an object of ${command} options`, { file: config.path });
    Object.assign(options, section);
  }
  return { ...config, options };
}
