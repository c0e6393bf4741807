/** TOML at the boundary: parse with the file and line in every error; write atomically. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parse, stringify, TomlError } from 'smol-toml';
import { VigilError } from '../core/errors.js';

export type TomlTable = Record<string, unknown>;

export function parseToml(text: string, file: string): TomlTable {
  try {
    return parse(text) as TomlTable;
  } catch (e) {
    const line = e instanceof TomlError ? e.line : undefined;
    const msg = e instanceof Error ? (e.message.split('\n')[0] ?? 'invalid TOML') : 'invalid TOML';
    throw new VigilError('E_CONFIG', `not valid TOML: ${msg}`, { file, line, cause: e });
  }
}

export function readTomlFile(file: string): TomlTable | undefined {
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new VigilError('E_INPUT_NOT_FOUND', `cannot read ${file}: ${(e as Error).message}`, { file, cause: e });
  }
  return parseToml(text, file);
}

/** Write through a temp file and rename, so a crash never leaves a half-written audits file. */
export function writeTomlFile(file: string, header: string, table: TomlTable): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, `${header}\n${stringify(table)}\n`);
    renameSync(tmp, file);
  } catch (e) {
    throw new VigilError('E_INPUT_NOT_FOUND', `cannot write ${file}: ${(e as Error).message}`, { file, cause: e });
  }
}
