/**
 * Read the JSON entries of an OSV zip dump (one record per entry) as a stream, with caps: no entry
 * is written to disk; entry and total sizes and the entry count are bounded; entries that share
 * bytes (the overlapping-files zip bomb, by the central directory or by a local header's lengths)
 * are refused before that entry is inflated.
 */
import type { Entry, ZipFile } from 'yauzl';
import type { Readable } from 'node:stream';
import { VigilError } from '../../core/errors.js';
import { entryBounds, openEntry, openZip } from './zip-bounds.js';

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2_000_000,
  maxEntryBytes: 16 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
};

export type ZipEntryResult = { entry: string; text: string } | { entry: string; error: string };

/** Calls `onEntry` for each `.json` entry in order; entry-level failures are passed as `error`. */
export async function readZipJsonEntries(
  path: string,
  onEntry: (r: ZipEntryResult) => void,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<void> {
  const bounds = await entryBounds(path, limits.maxEntries);
  const zip = await openZip(path);
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: Entry) => {
        const name = entry.fileName;
        if (name.endsWith('/') || !name.toLowerCase().endsWith('.json')) return zip.readEntry();
        if (entry.isEncrypted()) {
          onEntry({ entry: name, error: 'entry is encrypted' });
          return zip.readEntry();
        }
        if (entry.uncompressedSize > limits.maxEntryBytes) {
          onEntry({ entry: name, error: `entry is ${entry.uncompressedSize} bytes (limit ${limits.maxEntryBytes})` });
          return zip.readEntry();
        }
        total += entry.uncompressedSize;
        if (total > limits.maxTotalBytes) {
          return reject(new VigilError('E_ARCHIVE_LIMIT', `${path}: more than ${limits.maxTotalBytes} bytes uncompressed`, { file: path }));
        }
        openEntry(zip, entry, bounds, path).then(
          (stream) => readEntryText(zip, name, stream, limits, onEntry),
          (err: unknown) => {
            if (err instanceof VigilError) return reject(err);
            onEntry({ entry: name, error: (err as Error).message });
            zip.readEntry();
          },
        );
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

function readEntryText(zip: ZipFile, name: string, stream: Readable, limits: ZipLimits, onEntry: (r: ZipEntryResult) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on('data', (c: Buffer) => {
    size += c.length;
    if (size > limits.maxEntryBytes) stream.destroy(new Error(`entry exceeds ${limits.maxEntryBytes} bytes`));
    else chunks.push(c);
  });
  stream.on('error', (e) => {
    onEntry({ entry: name, error: e.message });
    zip.readEntry();
  });
  stream.on('end', () => {
    onEntry({ entry: name, text: Buffer.concat(chunks).toString('utf8') });
    zip.readEntry();
  });
}
