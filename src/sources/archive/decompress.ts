/** One decompressing stream per container format; all output the inner tar bytes. */
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import bz2 from 'unbzip2-stream';
import { Decompress } from 'fzstd';
import { createRequire } from 'node:module';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { ArchiveFormat } from './types.js';

/** xz-decompress is a UMD bundle without ESM named exports: load it lazily through require. */
let xzCtor: (new (s: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>) | undefined;
function xzStream(web: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  xzCtor ??= (createRequire(import.meta.url)('xz-decompress') as typeof import('xz-decompress')).XzReadableStream;
  return new xzCtor(web);
}

class ZstdTransform extends Transform {
  private readonly z = new Decompress((chunk) => {
    this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.z.push(chunk);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }
  override _flush(cb: TransformCallback): void {
    try {
      this.z.push(new Uint8Array(0), true);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }
}

/** Wrap `input` (compressed bytes) into a stream of tar bytes for `format`. */
export function decompressStream(format: ArchiveFormat, input: Readable): Readable {
  switch (format) {
    case 'tgz':
      return input.pipe(createGunzip());
    case 'tar.bz2':
      return input.pipe(bz2() as unknown as Transform);
    case 'tar.zst':
      return input.pipe(new ZstdTransform());
    case 'tar.xz': {
      const web = Readable.toWeb(input) as unknown as ReadableStream<Uint8Array>;
      return Readable.fromWeb(xzStream(web) as unknown as import('node:stream/web').ReadableStream<Uint8Array>);
    }
    default:
      return input;
  }
}

/**
 * The WASM xz decoder (xz-embedded) rejects streams with a SHA-256 check (error code 6). For
 * those, the system `xz` binary decompresses instead: a trusted tool reading stdin, never the
 * analyzed code. Returns undefined when no `xz` is installed.
 */
export function systemXzStream(input: Readable): Readable | undefined {
  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn('xz', ['-dcq', '-T1'], { stdio: ['pipe', 'pipe', 'pipe'], shell: false, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  } catch {
    return undefined;
  }
  const out = child.stdout;
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString().slice(0, 500)));
  child.on('error', (e) => out.destroy(e));
  child.on('close', (code) => {
    if (code !== 0) out.destroy(new Error(`xz exited with code ${code}: ${err.trim()}`));
  });
  child.stdin.on('error', () => {});
  input.pipe(child.stdin);
  out.on('close', () => child.kill());
  return out;
}

export const isUnsupportedXzCheck = (e: unknown): boolean => e instanceof Error && /get_next_output failed with error code 6\b/.test(e.message);
