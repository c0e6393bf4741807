/**
 * Read the JSON entries of an OSV zip dump (one record per entry) as a stream, with caps: no entry
 * is written to disk; entry and total sizes and the entry count are bounded.
 */
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { VigilError } from '../../core/errors.js';

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
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch (cause) {
    throw new VigilError('E_ARCHIVE', `${path}: not a readable zip file (${(cause as Error).message})`, { file: path, cause });
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new VigilError('E_ARCHIVE_LIMIT', `${path}: ${zip.entryCount} entries (limit ${limits.maxEntries})`, { file: path });
  }
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
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) {
            onEntry({ entry: name, error: err?.message ?? 'unreadable entry' });
            return zip.readEntry();
          }
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
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
