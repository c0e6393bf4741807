/**
 * Read OSV records from a JSON file (one record or an array), a folder (walked), or a zip dump.
 * Nothing is stored here: the caller merges the parsed advisories atomically.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { VigilError } from '../../core/errors.js';
import type { Problem } from '../../core/types.js';
import type { Advisory } from './model.js';
import { ADVISORY_INPUT_CODE, parseOsvRecord } from './parse.js';
import { readZipJsonEntries, type ZipLimits } from './zip.js';

export interface ReadOutcome {
  advisories: Advisory[];
  problems: Problem[];
  /** Records that could not be used (each also has a Problem). */
  skipped: number;
  unsupportedEcosystems: Record<string, number>;
}

export interface ReadOptions {
  zipLimits?: ZipLimits;
  /** Max files visited when walking a folder. */
  maxFiles?: number;
}

export function emptyOutcome(): ReadOutcome {
  return { advisories: [], problems: [], skipped: 0, unsupportedEcosystems: {} };
}

/** Parse the text of one JSON document (file or zip entry) and add its records to `out`. */
export function addJsonText(out: ReadOutcome, text: string, where: { file: string; entry?: string }): void {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    out.skipped++;
    const msg = `not valid JSON (${(e as Error).message})`;
    out.problems.push({ code: ADVISORY_INPUT_CODE, message: where.entry ? `${where.entry}: ${msg}` : msg, file: where.file });
    return;
  }
  for (const rec of Array.isArray(raw) ? raw : [raw]) {
    const r = parseOsvRecord(rec, where);
    out.problems.push(...r.problems);
    for (const e of r.unsupported) out.unsupportedEcosystems[e] = (out.unsupportedEcosystems[e] ?? 0) + 1;
    if (r.advisory) out.advisories.push(r.advisory);
    else out.skipped++;
  }
}

async function isZip(path: string): Promise<boolean> {
  if (path.toLowerCase().endsWith('.zip')) return true;
  const fh = await import('node:fs/promises').then((m) => m.open(path, 'r'));
  try {
    const buf = Buffer.alloc(4);
    await fh.read(buf, 0, 4, 0);
    return buf.readUInt32LE(0) === 0x04034b50;
  } finally {
    await fh.close();
  }
}

export async function readOsvPath(path: string, opts: ReadOptions = {}, out: ReadOutcome = emptyOutcome()): Promise<ReadOutcome> {
  let st;
  try {
    st = await stat(path);
  } catch (cause) {
    throw new VigilError('E_INPUT_NOT_FOUND', `${path}: no such file or folder`, { file: path, cause });
  }
  if (st.isDirectory()) {
    await walk(path, out, opts, { files: 0 }, 0);
    return out;
  }
  if (await isZip(path)) {
    try {
      await readZipJsonEntries(
        path,
        (r) => {
          if ('error' in r) {
            out.skipped++;
            out.problems.push({ code: 'E_ARCHIVE', message: `${r.entry}: ${r.error}`, file: path });
          } else addJsonText(out, r.text, { file: path, entry: r.entry });
        },
        opts.zipLimits,
      );
    } catch (e) {
      throw e instanceof VigilError ? e : new VigilError('E_ARCHIVE', `${path}: ${(e as Error).message}`, { file: path, cause: e });
    }
    return out;
  }
  addJsonText(out, await readFile(path, 'utf8'), { file: path });
  return out;
}

async function walk(dir: string, out: ReadOutcome, opts: ReadOptions, count: { files: number }, depth: number): Promise<void> {
  if (depth > 32) return;
  const names = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const d of names) {
    if (d.name.startsWith('.')) continue;
    const p = join(dir, d.name);
    if (d.isDirectory()) await walk(p, out, opts, count, depth + 1);
    else if (d.isFile() && /\.(json|zip)$/i.test(d.name)) {
      if (++count.files > (opts.maxFiles ?? 5_000_000)) {
        throw new VigilError('E_ARCHIVE_LIMIT', `${dir}: more than ${opts.maxFiles} files`, { file: dir });
      }
      await readOsvPath(p, opts, out);
    }
  }
}
