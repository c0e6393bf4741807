/** Reads a zip through yauzl (central directory, lazy entries) into an EntryCollector. */
import yauzl from 'yauzl';
import type { Readable } from 'node:stream';
import { stat } from 'node:fs/promises';
import type { EntryCollector } from './collector.js';
import { entrySpan, ZipRanges } from './zip-ranges.js';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;

function open(input: Buffer | string): Promise<yauzl.ZipFile> {
  const opts: yauzl.Options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true };
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
  const ranges = new ZipRanges();
  await new Promise<void>((resolve, reject) => {
    let done = false;
    const fail = (e: unknown): void => {
      if (done) return;
      done = true;
      zf.close();
      reject(e);
    };
    zf.on('error', fail);
    zf.on('end', () => {
      if (!done) {
        done = true;
        resolve();
      }
    });
    zf.on('entry', (entry: yauzl.Entry) => {
      if (done) return;
      try {
        const name = nameOf(entry);
        const mode = (entry.externalFileAttributes >>> 16) & 0xffff;
        const isLink = (mode & S_IFMT) === S_IFLNK;
        const isDir = name.endsWith('/') || (mode & S_IFMT) === S_IFDIR;
        if (isDir) {
          collector.begin(name, 'directory', 0);
          return zf.readEntry();
        }
        collector.budget.checkTime();
        if (!ranges.claim(...entrySpan(entry.relativeOffsetOfLocalHeader, entry.compressedSize))) {
          collector.stop(
            'overlap',
            `zip entries overlap or share data ("${name}" reuses bytes of an earlier entry): refused as a zip bomb`,
          );
        }
        if (entry.isEncrypted()) {
          collector.begin(name, 'other', entry.uncompressedSize);
          return zf.readEntry();
        }
        if (isLink) return readLink(zf, entry, name, collector, fail);
        const pending = collector.begin(name, 'file', entry.uncompressedSize, mode ? mode & 0o7777 : undefined);
        zf.openReadStream(entry, (err, rs) => {
          if (err) return fail(err);
          pipeEntry(rs, pending, collector, fail, () => zf.readEntry());
        });
      } catch (e) {
        fail(e);
      }
    });
    zf.readEntry();
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

/** A zip symlink stores its target as the entry content; read at most 4 KiB of it, never follow it. */
function readLink(zf: yauzl.ZipFile, entry: yauzl.Entry, name: string, c: EntryCollector, fail: (e: unknown) => void): void {
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
        zf.readEntry();
      } catch (e) {
        fail(e);
      }
    });
  });
}
