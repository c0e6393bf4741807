/**
 * The overlapping-files zip bomb, for readers that stream a zip's entries one by one: a first pass
 * over the central directory refuses records that claim the same bytes and keeps the sorted
 * local-header offsets; each entry is then opened only when its local header puts its data before
 * the next entry's header.
 */
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { Readable } from 'node:stream';
import { VigilError } from '../../core/errors.js';
import { dataLimit, entrySpan, findOverlap } from '../archive/zip-ranges.js';

export async function openZip(path: string): Promise<ZipFile> {
  try {
    return await yauzl.openPromise(path, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch (cause) {
    throw new VigilError('E_ARCHIVE', `${path}: not a readable zip file (${(cause as Error).message})`, { file: path, cause });
  }
}

/** Where each entry's bytes must end: the next entry's local header by offset, or the end of the file. */
export interface EntryBounds {
  offsets: Float64Array;
  fileSize: number;
}

/**
 * First pass, over the central directory only: the entry count against its limit, and refusal when
 * two entries' records claim the same bytes. Keeps only the sorted local-header offsets.
 */
export async function entryBounds(path: string, maxEntries: number): Promise<EntryBounds> {
  const zip = await openZip(path);
  try {
    if (zip.entryCount > maxEntries) {
      throw new VigilError('E_ARCHIVE_LIMIT', `${path}: ${zip.entryCount} entries (limit ${maxEntries})`, { file: path });
    }
    const spans: ReturnType<typeof entrySpan>[] = [];
    const names: string[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: Entry) => {
        if (!entry.fileName.endsWith('/')) {
          spans.push(entrySpan(spans.length, entry.relativeOffsetOfLocalHeader, 0, entry.compressedSize));
          names.push(entry.fileName);
        }
        zip.readEntry();
      });
      zip.readEntry();
    });
    const clash = findOverlap(spans);
    if (clash) throw overlap(path, names[clash[0].index]!, names[clash[1].index]!);
    const offsets = Float64Array.from(spans, (s) => s.start).sort();
    return { offsets, fileSize: zip.fileSize };
  } catch (e) {
    if (e instanceof VigilError) throw e;
    throw new VigilError('E_ARCHIVE', `${path}: not a readable zip file (${(e as Error).message})`, { file: path, cause: e });
  } finally {
    zip.close();
  }
}

function overlap(path: string, later: string, earlier: string): VigilError {
  return new VigilError(
    'E_ARCHIVE_LIMIT',
    `${path}: zip entries overlap or share data ("${later}" reuses bytes of "${earlier}"): refused as a zip bomb before it was inflated`,
    { file: path },
  );
}

/**
 * Opens one entry's data after checking, from its local header, that the data ends before the
 * next entry begins (a local header whose lengths move its data onto another entry's is refused).
 */
export async function openEntry(zip: ZipFile, entry: Entry, bounds: EntryBounds, path: string): Promise<Readable> {
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
    throw new Error(`unsupported compression method ${entry.compressionMethod}`);
  const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
  const end = fileDataStart + entry.compressedSize;
  const limit = dataLimit(bounds.offsets, entry.relativeOffsetOfLocalHeader, bounds.fileSize);
  if (end > limit) throw overlap(path, entry.fileName, `the entry at byte ${limit}`);
  // The callback form: yauzl 3.4's openReadStreamLowLevelPromise calls openReadStream by mistake.
  return new Promise((resolve, reject) => {
    const deflated = entry.compressionMethod === 8;
    zip.openReadStreamLowLevel(fileDataStart, entry.compressedSize, 0, entry.compressedSize, deflated, entry.uncompressedSize, (err, rs) =>
      err ? reject(err) : resolve(rs),
    );
  });
}
