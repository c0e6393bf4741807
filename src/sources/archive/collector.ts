/**
 * Accumulates archive entries in memory while enforcing every cap. Readers feed it entry headers
 * and data chunks; when a global cap is hit it throws `LimitReached`, the reader stops, and
 * `finish()` returns the partial file list with an E_ARCHIVE_LIMIT problem.
 */
import { InflateBudget, type ScanInflateBudget } from './budget.js';
import { LimitReached } from './limit-reached.js';
import { SharedSlabs } from './shared-slabs.js';
import { isSourceMapPath, opensJsonObject } from './source-map-head.js';
import type { ArchiveLimits } from './limits.js';
import { checkEntryPath, commonTopDir, stripFirstSegment, type StripMode } from './safe-path.js';
import type { ArchiveFormat, PackageFile, PackageFiles, SkipKind, SkippedEntry } from './types.js';

export { LimitReached };

export type EntryKind = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface Pending {
  file: PackageFile;
  chunks: Buffer[];
  kept: number;
  /** A source map longer than its head (source-map-head.ts): `open` until its head is read, then `cut` there or read `whole`. */
  sourceMap?: 'open' | 'cut' | 'whole';
}

export class EntryCollector {
  private readonly byPath = new Map<string, PackageFile>();
  private readonly skipped: SkippedEntry[] = [];
  private entries = 0;
  private keptBytes = 0;
  private stopped?: LimitReached;
  private slabs = new SharedSlabs();
  /** Inflate budget of this archive: decoders charge their output to it. */
  readonly budget: InflateBudget;

  constructor(
    private readonly origin: string,
    private readonly format: ArchiveFormat,
    private readonly limits: ArchiveLimits,
    scan?: ScanInflateBudget,
  ) {
    this.budget = new InflateBudget(limits, scan);
  }

  /** Before the first entry: the archive's files hold at most `bytes` (its inflated tar's length), so file data takes no more room than that. */
  expectAtMost(bytes: number): void {
    this.slabs = new SharedSlabs(bytes);
  }

  /** Entries an archive may hold; a reader that lists entries first needs no more than one past it. */
  get maxEntries(): number {
    return this.limits.maxEntries;
  }

  /** Record a part of the archive that was not read, and why. */
  skip(path: string, kind: SkipKind, reason: string): void {
    this.skipped.push({ path, kind, reason });
  }

  /** Register an entry header. Returns a sink for its data, or undefined when it is skipped. */
  begin(rawName: string, kind: EntryKind, size: number, mode?: number, linkTarget?: string): Pending | undefined {
    if (++this.entries > this.limits.maxEntries) {
      this.stop('entries', `more than ${this.limits.maxEntries} entries`);
    }
    const v = checkEntryPath(rawName, this.limits.maxDepth);
    if (!v.ok) {
      this.skip(rawName, v.kind, v.reason + (linkTarget ? ` (link to ${linkTarget})` : ''));
      return undefined;
    }
    if (kind === 'directory') return undefined;
    if (kind === 'other') {
      this.skip(v.path, 'special-file', 'special file (device, fifo...) not read');
      return undefined;
    }
    const file: PackageFile = { path: v.path, size, ...(mode !== undefined ? { mode } : {}) };
    if (kind === 'symlink' || kind === 'hardlink') {
      file.linkTarget = linkTarget ?? '';
      file.linkType = kind;
      file.size = 0;
    }
    if (this.byPath.has(v.path)) this.skip(v.path, 'duplicate', 'duplicate entry: the earlier copy was replaced');
    this.byPath.set(v.path, file);
    const pending: Pending = { file, chunks: [], kept: 0 };
    // A file its header says is over the cap keeps only its head from the first byte: collecting up
    // to the cap first held (and copied) 32 MiB per native binary (next's swc: 130 MiB) for nothing.
    if (file.linkTarget === undefined && size > this.limits.maxFileBytes) this.truncate(pending);
    else if (file.linkTarget === undefined && this.limits.sourceMapHeads && size > this.limits.headBytes && isSourceMapPath(v.path))
      pending.sourceMap = 'open';
    return pending;
  }

  /** Add a chunk of an entry's uncompressed data. */
  data(p: Pending | undefined, chunk: Buffer): void {
    if (!p || p.file.linkTarget !== undefined) return;
    const taken = this.keep(p, chunk);
    if (p.sourceMap !== 'open' || p.kept < this.limits.headBytes) return;
    // A source map's head is complete: cut there when it opens a JSON object, else read on as any file.
    p.sourceMap = opensJsonObject(p.chunks) ? 'cut' : 'whole';
    if (p.sourceMap === 'cut') p.file.sourceMapHead = true;
    else if (taken < chunk.length) this.keep(p, chunk.subarray(taken));
  }

  /** Keeps what the entry's caps allow of `chunk` (a source map's head while it is open or cut); returns the bytes kept. */
  private keep(p: Pending, chunk: Buffer): number {
    const l = this.limits;
    const headOnly = p.sourceMap === 'open' || p.sourceMap === 'cut';
    if (!p.file.truncated && !headOnly && p.kept + chunk.length > l.maxFileBytes) this.truncate(p);
    const cap = p.file.truncated || headOnly ? l.headBytes : l.maxFileBytes;
    const take = Math.min(chunk.length, cap - p.kept);
    if (take <= 0) return 0;
    if (this.keptBytes + take > l.maxTotalBytes) this.stop('total', `more than ${l.maxTotalBytes} bytes of content`);
    p.chunks.push(take === chunk.length ? chunk : chunk.subarray(0, take));
    p.kept += take;
    this.keptBytes += take;
    return take;
  }

  /** Keep only the first `headBytes` of this entry; its content is dropped and reported. */
  truncate(p: Pending): void {
    const l = this.limits;
    if (p.file.truncated) return;
    p.file.truncated = true;
    this.skip(p.file.path, 'truncated', `file larger than ${l.maxFileBytes} bytes: only the first ${l.headBytes} bytes kept`);
    const all = Buffer.concat(p.chunks);
    const head = all.subarray(0, l.headBytes);
    this.keptBytes -= all.length - head.length;
    p.chunks = [Buffer.from(head)];
    p.kept = head.length;
  }

  /** Close an entry once its data ended. */
  end(p: Pending | undefined): void {
    if (!p || p.file.linkTarget !== undefined) return;
    const buf = this.slabs.place(p.chunks, p.kept);
    if (p.file.truncated || p.file.sourceMapHead) p.file.head = buf;
    else p.file.data = buf;
    p.chunks = [];
  }

  stop(limit: string, message: string): never {
    this.stopped = new LimitReached(limit, message);
    throw this.stopped;
  }

  /** Mark that reading stopped early because of `e`. */
  stoppedBy(e: LimitReached): void {
    this.stopped = e;
  }

  finish(strip: StripMode): PackageFiles {
    let files = [...this.byPath.values()].filter((f) => f.data !== undefined || f.head !== undefined || f.linkTarget !== undefined);
    for (const f of this.byPath.values()) {
      if (f.data === undefined && f.head === undefined && f.linkTarget === undefined)
        this.skip(f.path, 'incomplete', 'entry not fully read');
    }
    const top = strip === 'auto' ? commonTopDir(files.map((f) => f.path)) : undefined;
    if (strip === 'npm' || top !== undefined) {
      const seen = new Map<string, PackageFile>();
      for (const f of files) {
        const p = strip === 'npm' ? stripFirstSegment(f.path) : f.path.slice(top!.length + 1);
        seen.set(p, { ...f, path: p });
      }
      files = [...seen.values()];
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const out: PackageFiles = {
      origin: this.origin,
      format: this.format,
      files,
      skipped: this.skipped,
      totalSize: files.reduce((n, f) => n + f.size, 0),
      inflatedBytes: this.budget.inflated,
    };
    if (this.stopped) {
      out.skipped.push({ path: '*', kind: 'stopped', reason: `reading stopped: ${this.stopped.message}; later entries not read` });
      out.problems = [
        {
          code: 'E_ARCHIVE_LIMIT',
          message: `${this.origin}: ${this.stopped.message}; the file list is partial`,
          subject: this.origin,
          hint: 'Raise the archive limits only for archives you trust.',
        },
      ];
    }
    return out;
  }
}
