/**
 * readArchive: the one entry point for reading a release archive into memory, safely.
 * Format comes from magic bytes. Limit hits give a partial PackageFiles with an E_ARCHIVE_LIMIT
 * problem (never a throw); malformed or truncated data throws E_ARCHIVE naming the origin.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { VigilError } from '../../core/errors.js';
import { EntryCollector, LimitReached } from './collector.js';
import { DecodeError } from './limit-reached.js';
import type { ScanInflateBudget } from './budget.js';
import { decompressStream, isUnsupportedXzCheck, systemXzStream } from './decompress.js';
import { detectFormat, formatFromName } from './detect.js';
import { resolveLimits, type ArchiveLimits } from './limits.js';
import type { StripMode } from './safe-path.js';
import { readTar } from './tar-reader.js';
import type { ArchiveFormat, PackageFiles } from './types.js';
import { readZip } from './zip-reader.js';
import { readDeb } from './deb-reader.js';
import { inflateSmallGzip } from './small-gzip.js';

export interface ReadArchiveOptions {
  limits?: Partial<ArchiveLimits>;
  /** `npm`: drop the first path segment (npm tarballs); `auto` (default): drop a shared top directory. */
  strip?: StripMode;
  /** Name to report instead of the path (a URL, `npm:name@version`). */
  origin?: string;
  /** Inflated-bytes budget shared by every archive of one scan. */
  scanBudget?: ScanInflateBudget;
}

const CHUNK = 64 * 1024;

function bufferStream(buf: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < buf.length; i += CHUNK) yield buf.subarray(i, i + CHUNK);
    })(),
    { objectMode: false },
  );
}

async function headOf(input: Buffer | string): Promise<Buffer> {
  if (Buffer.isBuffer(input)) return input.subarray(0, 512);
  const fh = await open(input, 'r');
  try {
    const b = Buffer.alloc(512);
    const { bytesRead } = await fh.read(b, 0, 512, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function describeFailure(origin: string, format: ArchiveFormat, e: unknown): VigilError {
  // Decoder failures carry a clean message; other library errors (tar headers, zip directory) are
  // reduced to their first line, without stack fragments or control characters.
  const msg = e instanceof DecodeError ? e.message : firstLine(e);
  return new VigilError('E_ARCHIVE', `${origin}: cannot read ${format} archive: ${msg}`, {
    subject: origin,
    file: origin,
    cause: e,
    hint: 'The archive is truncated or corrupt; download it again and check its integrity.',
  });
}

function firstLine(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const line = (raw.split('\n')[0] ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 200);
  return e instanceof TypeError || e instanceof RangeError ? 'the data is corrupt or truncated' : line;
}

export async function readArchive(input: Buffer | string, opts: ReadArchiveOptions = {}): Promise<PackageFiles> {
  const origin = opts.origin ?? (typeof input === 'string' ? input : '<buffer>');
  const limits = resolveLimits(opts.limits);
  let inputSize = 0;
  if (typeof input === 'string') {
    const st = await stat(input).catch((e: unknown) => {
      throw new VigilError('E_INPUT_NOT_FOUND', `${origin}: archive not found`, { subject: origin, file: origin, cause: e });
    });
    if (st.isDirectory()) throw new VigilError('E_USAGE', `${origin} is a directory: use readDirectory`, { subject: origin });
    inputSize = st.size;
  }
  const head = await headOf(input);
  const format = detectFormat(head);
  if (!format) {
    const claimed = typeof input === 'string' ? formatFromName(input) : undefined;
    const what = claimed
      ? `not a valid ${claimed} archive (unrecognised leading bytes)`
      : 'not a recognised archive (gzip, xz, bzip2, zstd, zip, tar or .deb)';
    throw new VigilError('E_ARCHIVE', `${origin}: ${what}`, { subject: origin, file: origin });
  }
  let collector = new EntryCollector(origin, format, limits, opts.scanBudget);
  const rawStream = (): Readable => (typeof input === 'string' ? createReadStream(input, { highWaterMark: CHUNK }) : bufferStream(input));
  const readTarVia = async (wrap: (raw: Readable, c: EntryCollector) => Readable | undefined): Promise<boolean> => {
    const raw = rawStream();
    const tarBytes = wrap(raw, collector);
    if (!tarBytes) return false;
    raw.on('error', (e: Error) => tarBytes.destroy(e));
    await readTar(tarBytes, collector);
    return true;
  };
  try {
    if (format === 'zip') {
      await readZip(input, collector);
    } else if (format === 'deb') {
      await readDeb(input, collector);
    } else {
      const small = format === 'tgz' && Buffer.isBuffer(input) ? inflateSmallGzip(input, collector.budget) : undefined;
      try {
        if (small) {
          collector.expectAtMost(small.length);
          await readTar(bufferStream(small), collector);
        } else await readTarVia((raw, c) => decompressStream(format, raw, c.budget, Buffer.isBuffer(input) ? input.length : inputSize));
      } catch (e) {
        if (format !== 'tar.xz' || !isUnsupportedXzCheck(e)) throw e;
        collector = new EntryCollector(origin, format, limits, opts.scanBudget);
        if (!(await readTarVia((raw, c) => systemXzStream(raw, c.budget)))) throw e;
      }
    }
  } catch (e) {
    stopOrThrow(collector, origin, format, e);
  }
  return collector.finish(format === 'deb' ? 'none' : (opts.strip ?? 'auto'));
}

/**
 * A gzip-compressed tar read from a stream as its bytes arrive (a tarball being downloaded): the
 * same caps, partial results and errors as readArchive on the whole buffer, without holding it.
 * `inputBytes`: the compressed size when known (the download's declared length).
 */
export async function readTgzStream(input: Readable, opts: ReadArchiveOptions & { inputBytes?: number } = {}): Promise<PackageFiles> {
  const origin = opts.origin ?? '<stream>';
  const collector = new EntryCollector(origin, 'tgz', resolveLimits(opts.limits), opts.scanBudget);
  try {
    const tarBytes = decompressStream('tgz', input, collector.budget, opts.inputBytes);
    input.on('error', (e: Error) => tarBytes.destroy(e));
    await readTar(tarBytes, collector);
  } catch (e) {
    stopOrThrow(collector, origin, 'tgz', e);
  }
  return collector.finish(opts.strip ?? 'auto');
}

/** A limit reached ends reading with a partial result; any other failure is E_ARCHIVE naming the origin. */
function stopOrThrow(collector: EntryCollector, origin: string, format: ArchiveFormat, e: unknown): void {
  if (e instanceof LimitReached) collector.stoppedBy(e);
  else if (e instanceof VigilError) throw e;
  else throw describeFailure(origin, format, e);
}
