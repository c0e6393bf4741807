/** Reads a zip through yauzl (central directory, lazy entries) into an EntryCollector. */
import yauzl from 'yauzl';
import type { Readable } from 'node:stream';
import { stat } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import type { EntryCollector } from './collector.js';
import { entrySpan, findOverlap, type ZipSpan } from './zip-ranges.js';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
/**
 * Deflated entries no larger than this (declared, both sides) are inflated in one synchronous call
 * from their raw bytes instead of through a zlib stream each: 20,000 small entries took 3.3 s CPU
 * that way and 0.9 s this way (bench/hostile-archives.ts). The bound keeps a lying declared size
 * from producing more than this before the budget sees it.
 */
const SMALL_ENTRY_BYTES = 256 * 1024;

function open(input: Buffer | string): Promise<yauzl.ZipFile> {
  const opts: yauzl.Options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false };
  return new Promise((resolve, reject) => {
    const cb = (err: Error | null, zf: yauzl.ZipFile): void => (err ? reject(err) : resolve(zf));
    if (typeof input === 'string') yauzl.open(input, opts, cb);
    else yauzl.fromBuffer(input, opts, cb);
  });
}

function nameOf(entry: yauzl.Entry): string {
  const raw = (entry.fileNameRaw ?? (entry.fileName as unknown as Buffer)) as Buffer;
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields ?? [], false);
}

export async function readZip(input: Buffer | string, collector: EntryCollector): Promise<void> {
  // The ratio is measured against the real archive size, never the sum of declared sizes (which
  // entries sharing data inflate at will).
  collector.budget.input(typeof input === 'string' ? (await stat(input)).size : input.length);
  const zf = await open(input);
  try {
    const entries = await listEntries(zf, collector);
    await refuseOverlaps(zf, entries, collector);
    for (const entry of entries) {
      collector.budget.checkTime();
      await readEntry(zf, entry, collector);
    }
  } finally {
    zf.close();
  }
}

/**
 * The central directory, read without inflating anything. Entries past `maxEntries + 1` are not
 * listed: the collector stops at that one.
 */
function listEntries(zf: yauzl.ZipFile, collector: EntryCollector): Promise<yauzl.Entry[]> {
  const entries: yauzl.Entry[] = [];
  const max = collector.maxEntries + 1;
  return new Promise((resolve, reject) => {
    zf.on('error', reject);
    zf.on('end', () => resolve(entries));
    zf.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      if (entries.length >= max) return resolve(entries);
      try {
        collector.budget.checkTime();
      } catch (e) {
        return reject(e);
      }
      zf.readEntry();
    });
    zf.readEntry();
  });
}

/**
 * Refuses the archive, before anything is inflated, when two entries share a byte: first by the
 * spans the central directory alone implies (no I/O), then by the spans each local header gives.
 */
async function refuseOverlaps(zf: yauzl.ZipFile, entries: readonly yauzl.Entry[], collector: EntryCollector): Promise<void> {
  const files = entries.flatMap((e, i) => (isDirectory(e, nameOf(e)) ? [] : [i]));
  const span = (i: number, dataStart?: number): ZipSpan => {
    const e = entries[i]!;
    return entrySpan(i, e.relativeOffsetOfLocalHeader, dataStart ?? 0, e.compressedSize);
  };
  refuse(findOverlap(files.map((i) => span(i))), entries, collector);
  const spans: ZipSpan[] = [];
  for (const i of files) {
    collector.budget.checkTime();
    const { fileDataStart } = await zf.readLocalFileHeaderPromise(entries[i]!, { minimal: true });
    spans.push(span(i, fileDataStart));
  }
  refuse(findOverlap(spans), entries, collector);
}

function refuse(clash: [ZipSpan, ZipSpan] | undefined, entries: readonly yauzl.Entry[], collector: EntryCollector): void {
  if (!clash) return;
  const [later, earlier] = clash;
  collector.stop(
    'overlap',
    `zip entries overlap or share data ("${nameOf(entries[later.index]!)}" reuses bytes of "${nameOf(entries[earlier.index]!)}"): ` +
      'refused as a zip bomb before anything was inflated',
  );
}

function modeOf(entry: yauzl.Entry): number {
  return (entry.externalFileAttributes >>> 16) & 0xffff;
}

function isDirectory(entry: yauzl.Entry, name: string): boolean {
  return name.endsWith('/') || (modeOf(entry) & S_IFMT) === S_IFDIR;
}

function readEntry(zf: yauzl.ZipFile, entry: yauzl.Entry, collector: EntryCollector): Promise<void> {
  const name = nameOf(entry);
  const mode = modeOf(entry);
  if (isDirectory(entry, name)) {
    collector.begin(name, 'directory', 0);
    return Promise.resolve();
  }
  if (entry.isEncrypted()) {
    collector.begin(name, 'other', entry.uncompressedSize);
    return Promise.resolve();
  }
  return new Promise<void>((resolve, reject) => {
    if ((mode & S_IFMT) === S_IFLNK) return readLink(zf, entry, name, collector, reject, resolve);
    const pending = collector.begin(name, 'file', entry.uncompressedSize, mode ? mode & 0o7777 : undefined);
    const small = entry.compressionMethod === 8 && entry.compressedSize <= SMALL_ENTRY_BYTES && entry.uncompressedSize <= SMALL_ENTRY_BYTES;
    zf.openReadStream(entry, small ? { decodeFileData: false } : {}, (err, rs) => {
      if (err) return reject(err);
      if (small) inflateSmall(rs, entry.uncompressedSize, pending, collector, reject, resolve);
      else pipeEntry(rs, pending, collector, reject, resolve);
    });
  });
}

function pipeEntry(
  rs: Readable,
  pending: ReturnType<EntryCollector['begin']>,
  c: EntryCollector,
  fail: (e: unknown) => void,
  next: () => void,
): void {
  let stopped = false;
  rs.on('data', (chunk: Buffer) => {
    if (stopped) return;
    try {
      c.budget.output(chunk.length);
      c.data(pending, chunk);
    } catch (e) {
      stopped = true;
      rs.destroy();
      fail(e);
    }
  });
  rs.on('error', (e) => {
    stopped = true;
    fail(e);
  });
  rs.on('end', () => {
    if (stopped) return;
    c.end(pending);
    next();
  });
}

/** Collects a small entry's raw deflate bytes, inflates them at once and checks the declared size. */
function inflateSmall(
  rs: Readable,
  declared: number,
  pending: ReturnType<EntryCollector['begin']>,
  c: EntryCollector,
  fail: (e: unknown) => void,
  next: () => void,
): void {
  const raw: Buffer[] = [];
  rs.on('data', (chunk: Buffer) => raw.push(chunk));
  rs.on('error', fail);
  rs.on('end', () => {
    try {
      let out: Buffer;
      try {
        out = inflateRawSync(Buffer.concat(raw), { maxOutputLength: declared + 1 });
      } catch (e) {
        if ((e as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') throw e;
        throw new Error(`too many bytes in the stream. expected ${declared}. got at least ${declared + 1}`, { cause: e });
      }
      if (out.length > declared) throw new Error(`too many bytes in the stream. expected ${declared}. got at least ${out.length}`);
      if (out.length < declared) throw new Error(`not enough bytes in the stream. expected ${declared}. got only ${out.length}`);
      c.budget.output(out.length);
      if (out.length > 0) c.data(pending, out);
      c.end(pending);
      next();
    } catch (e) {
      fail(e);
    }
  });
}

/** A zip symlink stores its target as the entry content; read at most 4 KiB of it, never follow it. */
function readLink(
  zf: yauzl.ZipFile,
  entry: yauzl.Entry,
  name: string,
  c: EntryCollector,
  fail: (e: unknown) => void,
  next: () => void,
): void {
  zf.openReadStream(entry, (err, rs) => {
    if (err) return fail(err);
    const parts: Buffer[] = [];
    let n = 0;
    rs.on('data', (b: Buffer) => {
      try {
        c.budget.output(b.length);
      } catch (e) {
        rs.destroy();
        return fail(e);
      }
      if (n < 4096) parts.push(b);
      n += b.length;
    });
    rs.on('error', fail);
    rs.on('end', () => {
      try {
        c.begin(name, 'symlink', 0, undefined, Buffer.concat(parts).subarray(0, 4096).toString('utf8'));
        next();
      } catch (e) {
        fail(e);
      }
    });
  });
}
