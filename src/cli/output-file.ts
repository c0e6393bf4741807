/**
 * Files the CLI writes (`--output`, `fund --csv`, `--pledge-file`): checked before the work starts, so
 * a long scan never ends in a write error, and written with failures turned into E_OUTPUT (exit 3)
 * naming the path.
 */
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { VigilError } from '../core/errors.js';

/** Throws E_OUTPUT when `path` (relative to cwd) cannot be written: missing folder, a folder, read-only. */
export function checkWritable(path: string, cwd: string, flag: string): void {
  const abs = resolve(cwd, path);
  const dir = dirname(abs);
  const st = statOrUndefined(abs);
  if (st?.isDirectory()) throw outputError(path, flag, 'is a directory');
  const d = statOrUndefined(dir);
  if (!d) throw outputError(path, flag, `folder ${dir} does not exist`);
  if (!d.isDirectory()) throw outputError(path, flag, `${dir} is not a folder`);
  try {
    accessSync(st ? abs : dir, constants.W_OK);
  } catch {
    throw outputError(path, flag, st ? 'is not writable' : `folder ${dir} is not writable`);
  }
}

export function writeOutput(path: string, cwd: string, text: string, flag: string): void {
  try {
    writeFileSync(resolve(cwd, path), text);
  } catch (e) {
    throw outputError(path, flag, (e as NodeJS.ErrnoException).code ?? String(e), e);
  }
}

function outputError(path: string, flag: string, why: string, cause?: unknown): VigilError {
  return new VigilError('E_OUTPUT', `cannot write ${flag} file: ${why}`, {
    file: path,
    hint: `give ${flag} a path in an existing, writable folder`,
    ...(cause === undefined ? {} : { cause }),
  });
}

function statOrUndefined(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
