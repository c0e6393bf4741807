/**
 * Files the CLI writes (`--output`, `fund --csv`, `--pledge-file`): checked before the work starts, so
 * a long scan never ends in a write error, and written with failures turned into E_OUTPUT (exit 3)
 * naming the path.
 */
import { accessSync, closeSync, constants, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
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

/** Writes `pieces` one after the other (a report too large for one string). */
export function writeOutputPieces(path: string, cwd: string, pieces: Iterable<string>, flag: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(resolve(cwd, path), 'w');
    for (const p of pieces) writeSync(fd, p);
  } catch (e) {
    throw outputError(path, flag, (e as NodeJS.ErrnoException).code ?? String(e), e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Pieces joined into runs of at least `size` characters (fewer, larger writes and redaction passes). */
export function* joinPieces(pieces: Iterable<string>, size = 1 << 20): Generator<string> {
  let run: string[] = [];
  let length = 0;
  for (const p of pieces) {
    run.push(p);
    length += p.length;
    if (length >= size) {
      yield run.join('');
      run = [];
      length = 0;
    }
  }
  if (run.length) yield run.join('');
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
