/**
 * One large package's content analysis as several tasks: its files, in path order, are cut into
 * slices of about SLICE_BYTES; each slice's file facts are computed as a task of its own (in any
 * worker), and a last task joins them with assembleFacts. The joined facts are the JSON
 * contentFacts gives in one pass, so a framework that ships hundreds of bundles (next: 7,000 files,
 * 134 MiB) no longer holds one worker for its whole analysis, nor meets one task's time limit.
 * File facts are kept by path and content for the scan (FileFactsMemo): the previous release that
 * release-diff compares shares most of its files with the current one, and they are not read twice.
 */
import { createHash } from 'node:crypto';
import type { PackageFile, PackageFiles } from '../../sources/archive/types.js';
import { inPathOrder, type FileFacts } from './facts.js';
import type { ContentFacts } from './types.js';

/** A package is split when its files hold at least this many bytes. */
export const SPLIT_MIN_BYTES = 8 * 1024 * 1024;
/** Bytes of file content per slice (a slice holds at least one file). */
export const SLICE_BYTES = 4 * 1024 * 1024;

/** What a content worker is asked: a whole package, one slice's file facts, or the join. */
export type ContentTask = PackageFiles | SliceTask | AssembleTask;
export interface SliceTask {
  slice: PackageFile[];
}
export interface AssembleTask {
  assemble: PackageFiles;
  /** File facts of every file of `assemble`, in path order. */
  scanned: FileFacts[];
}

const bytesOf = (f: PackageFile): number => f.data?.length ?? f.head?.length ?? 0;

/** The package's files in path order, cut into slices; undefined when the package is too small to split. */
export function slicesOf(files: PackageFiles, minBytes = SPLIT_MIN_BYTES, sliceBytes = SLICE_BYTES): PackageFile[][] | undefined {
  if (!Array.isArray(files.files) || files.files.length < 2) return undefined;
  const total = files.files.reduce((n, f) => n + bytesOf(f), 0);
  if (total < minBytes) return undefined;
  const out: PackageFile[][] = [];
  let cur: PackageFile[] = [];
  let size = 0;
  for (const f of inPathOrder(files.files)) {
    if (cur.length > 0 && size + bytesOf(f) > sliceBytes) {
      out.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(f);
    size += bytesOf(f);
  }
  if (cur.length > 0) out.push(cur);
  return out.length > 1 ? out : undefined;
}

export interface SplitRunner {
  slice(files: PackageFile[], bytes: number): Promise<FileFacts[]>;
  assemble(task: AssembleTask): Promise<ContentFacts>;
}

/**
 * File facts of files already read in this scan, by path, size and SHA-256 of the content: fileFacts
 * reads nothing else of a file. SHA-256, not SHA-1: a chosen-prefix SHA-1 collision would let a
 * hostile file reuse the facts of a harmless one (with SHA extensions both cost ~80 ms per 64 MiB). Holds at most `maxEntries` files (the oldest go first).
 */
export class FileFactsMemo {
  readonly #entries = new Map<string, FileFacts>();
  constructor(readonly maxEntries = 50_000) {}
  /** The key of a file with content (links and head-only files are not kept). */
  key(f: PackageFile): string | undefined {
    if (!f.data || f.linkTarget !== undefined) return undefined;
    return `${f.size}:${createHash('sha256').update(f.data).digest('base64')}:${f.path}`;
  }
  get(key: string | undefined): FileFacts | undefined {
    return key === undefined ? undefined : this.#entries.get(key);
  }
  set(key: string | undefined, facts: FileFacts): void {
    if (key === undefined) return;
    this.#entries.set(key, facts);
    if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
  }
  get size(): number {
    return this.#entries.size;
  }
}

/**
 * Runs the slices, at most `lanes` at a time (so other packages' tasks queue between them), then
 * the join. Files the memo knows are not sent; a slice with none left is not run. The first
 * failure ends the package: slices not yet started are not run.
 */
export async function splitFacts(
  files: PackageFiles,
  slices: PackageFile[][],
  lanes: number,
  run: SplitRunner,
  memo?: FileFactsMemo,
): Promise<ContentFacts> {
  const results: FileFacts[][] = new Array<FileFacts[]>(slices.length);
  let next = 0;
  let failed = false;
  const one = async (slice: PackageFile[]): Promise<FileFacts[]> => {
    const keys = slice.map((f) => memo?.key(f));
    const known = keys.map((k) => memo?.get(k));
    const todo = slice.filter((_, i) => !known[i]);
    const got =
      todo.length > 0
        ? await run.slice(
            todo,
            todo.reduce((n, f) => n + bytesOf(f), 0),
          )
        : [];
    let j = 0;
    return slice.map((_, i) => {
      const hit = known[i];
      if (hit) return hit;
      const r = got[j++]!;
      memo?.set(keys[i], r);
      return r;
    });
  };
  const lane = async (): Promise<void> => {
    while (!failed && next < slices.length) {
      const i = next++;
      try {
        results[i] = await one(slices[i]!);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, slices.length)) }, lane));
  return run.assemble({ assemble: files, scanned: results.flat() });
}
