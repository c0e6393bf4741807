/** Reads a tar byte stream through tar-stream into an EntryCollector. Nothing touches the disk. */
import type { Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';
import type { EntryCollector, EntryKind } from './collector.js';

function kindOf(type: Header['type']): EntryKind {
  switch (type) {
    case 'file':
    case 'contiguous-file':
    case undefined:
    case null:
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

/** Resolves when the tar ends; rejects with the first stream error or LimitReached. */
export function readTar(tarBytes: Readable, collector: EntryCollector, namePrefix = ''): Promise<void> {
  // Old v7 headers (no ustar magic) are accepted; the header checksum is still verified.
  const ex = extract({ allowUnknownFormat: true } as Parameters<typeof extract>[0]);
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const fail = (e: unknown): void => {
      if (done) return;
      done = true;
      tarBytes.unpipe?.();
      tarBytes.destroy();
      ex.destroy();
      reject(e);
    };
    ex.on('entry', (header, stream, next) => {
      let pending: ReturnType<EntryCollector['begin']>;
      try {
        pending = collector.begin(
          namePrefix + header.name,
          kindOf(header.type),
          header.size ?? 0,
          header.mode ?? undefined,
          header.linkname ?? undefined,
        );
      } catch (e) {
        stream.resume();
        return fail(e);
      }
      // tar-stream never ends a directory entry's stream when its header claims data (it reads
      // the bytes after the header as the next header): waiting for that end left the read
      // pending forever. A directory holds nothing to collect, so the next entry is asked for now.
      if (header.type === 'directory') {
        stream.resume();
        return next();
      }
      stream.on('data', (c: unknown) => {
        if (done) return;
        try {
          collector.data(pending, c as Buffer);
        } catch (e) {
          fail(e);
        }
      });
      stream.on('end', () => {
        if (done) return;
        collector.end(pending);
        next();
      });
      stream.on('error', fail);
    });
    ex.on('finish', () => {
      if (!done) {
        done = true;
        resolve();
      }
    });
    ex.on('error', fail);
    tarBytes.on('error', fail);
    tarBytes.pipe(ex);
  });
}
