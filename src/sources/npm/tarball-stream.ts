/**
 * A tarball read as it downloads: each chunk is hashed and handed to the archive reader at once, so
 * the compressed bytes are never held whole (native binary packages are 20–50 MB each, and several
 * downloaded together held over 100 MiB). The files are returned only after the whole body matched
 * the expected integrity, with the same precedence as a downloaded buffer: a mismatch is an
 * IntegrityError whatever the reader made of the bytes, then a body that is not gzip is E_ARCHIVE,
 * then the reader's own failure.
 */
import { createHash, type Hash } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import ssri from 'ssri';
import { InternalError, rethrowBug, VigilError } from '../../core/errors.js';
import type { PackageFiles } from '../archive/types.js';
import type { BodySink } from './http-types.js';
import { IntegrityError } from './http-errors.js';
import { integrityKey, notGzipError, type VerifyContext } from './tarball.js';

/** Reads a stream of gzip-compressed tar bytes (`compressedBytes` of them, when declared) into files. */
export type ReadTarballStream = (tgz: Readable, compressedBytes?: number) => Promise<PackageFiles>;

export interface StreamedTarball {
  files: PackageFiles;
  /** The verified SRI hash (strongest algorithm of the expected integrity). */
  integrity: string;
  /** Compressed bytes received. */
  bytes: number;
}

export function tarballSink(expected: string, ctx: VerifyContext, read: ReadTarballStream, declared?: number): BodySink {
  const parsed = ssri.parse(expected);
  const algo = parsed.pickAlgorithm();
  const hash = createHash(algo);
  // The sha512 of what arrived is part of an IntegrityError whatever was expected.
  const sha512: Hash = algo === 'sha512' ? hash : createHash('sha512');
  const pass = new PassThrough({ highWaterMark: 256 * 1024 });
  // The reader sees a failure through its own pipeline; a write after it stopped must not throw here.
  pass.on('error', () => {});
  let head = Buffer.alloc(0);
  let gzip: boolean | undefined;
  let size = 0;
  let settled = false;
  const reading = read(pass, declared).then(
    (files) => ({ files }),
    (error: unknown) => ({ error }),
  );
  void reading.finally(() => (settled = true));
  const feed = async (chunk: Buffer): Promise<void> => {
    if (settled || gzip === false) return;
    // The reader may stop early (a limit reached, a damaged archive): then only the hash goes on.
    if (!pass.write(chunk)) await Promise.race([new Promise((go) => pass.once('drain', go)), reading]);
  };
  return {
    async write(chunk) {
      size += chunk.length;
      hash.update(chunk);
      if (sha512 !== hash) sha512.update(chunk);
      if (gzip === undefined) {
        head = Buffer.concat([head, chunk]);
        if (head.length < 2) return;
        gzip = head[0] === 0x1f && head[1] === 0x8b;
        const first = head;
        head = Buffer.alloc(0);
        return feed(first);
      }
      return feed(chunk);
    },
    async end(): Promise<StreamedTarball> {
      if (gzip === undefined) gzip = false;
      pass.end();
      if (!gzip) pass.destroy();
      const digest = hash.digest('base64');
      const want = (parsed as unknown as Record<string, { digest: string }[]>)[algo] ?? [];
      if (!want.some((h) => h.digest === digest)) {
        pass.destroy();
        throw new IntegrityError({
          ...ctx,
          expected: integrityKey(expected),
          actual: `${algo}-${digest}`,
          actualSha512: `sha512-${sha512 === hash ? digest : sha512.digest('base64')}`,
        });
      }
      if (!gzip) throw notGzipError(ctx);
      const r = await reading;
      if ('error' in r) {
        // A bug stays a bug (exit 70), not a network failure to retry.
        rethrowBug(r.error, `reading the tarball of ${ctx.name}@${ctx.version}`);
        if (r.error instanceof VigilError || r.error instanceof InternalError) throw r.error;
        throw new VigilError('E_ARCHIVE', `tarball of ${ctx.name}@${ctx.version}: ${(r.error as Error).message}`, {
          subject: `${ctx.name}@${ctx.version}`,
          cause: r.error,
        });
      }
      return { files: r.files, integrity: integrityKey(expected), bytes: size };
    },
    abort(reason) {
      pass.destroy(reason);
      void reading.catch(() => {});
    },
  };
}
