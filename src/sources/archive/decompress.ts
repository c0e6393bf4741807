/**
 * One decompressing stream per container format; all output the inner tar bytes. Every decoder
 * runs under the archive's InflateBudget, charged where bytes are produced, and is pulled by its
 * consumer (async generators: nothing is decoded ahead of what the tar reader asked for).
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { createRequire } from 'node:module';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { InflateBudget } from './budget.js';
import { bzip2Chunks } from './bzip2-decode.js';
import { DecodeError, LimitReached } from './limit-reached.js';
import type { ArchiveFormat } from './types.js';
import { zstdChunks } from './zstd-decode.js';

/** xz-decompress is a UMD bundle without ESM named exports: load it lazily through require. */
let xzCtor: (new (s: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>) | undefined;
function xzStream(web: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  xzCtor ??= (createRequire(import.meta.url)('xz-decompress') as typeof import('xz-decompress')).XzReadableStream;
  return new xzCtor(web);
}

/**
 * Size of the gunzip output buffer. Each step fills part of it (what one input chunk inflates to)
 * and a new one is allocated once it is full. Every step is a round trip to the thread pool and
 * through the stream layers; at zlib's default 16 KiB those cost more CPU than the inflation itself
 * on large tarballs (next, prebuilt binaries). Caps are checked after every step, so a bomb is
 * stopped within one buffer of its cap.
 */
const GUNZIP_CHUNK_BYTES = 256 * 1024;

/**
 * From this many compressed bytes, gunzip output goes to LARGE_GUNZIP_CHUNK_BYTES buffers: fewer
 * steps through the thread pool and the stream layers for the large archives (frameworks, prebuilt
 * binaries). A smaller archive cannot inflate to much before the ratio cap stops it, and keeps the
 * small steps.
 */
export const LARGE_INPUT_BYTES = 1024 * 1024;

/**
 * A large archive's output buffer. Once full, the next is allocated, and the full one is garbage
 * once the tar reader has copied its files out, so every archive being read holds about one of
 * them. Buffers of 33 MiB (mappings of their own, as file slabs are: shared-slabs.ts) each held up
 * to 33 MiB resident per archive being read, and they were freed only when the thread next
 * collected: reading next's swc, workerd and turbo together took 210 MiB more RSS, and 1 MiB
 * buffers took 41 MiB (0.9 s instead of 1.4 s). In a cold platform-app scan, 4 alternated rounds
 * against 33 MiB buffers: wall 23.4–24.6 s against 24.1–28.1 s (each round faster), user CPU 31.0–32.4
 * against 32.2–37.1 s, system 3.9–4.3 against 4.8–5.5 s, peak RSS 486–537 against 498–574 MiB.
 * They come from malloc's heap, where a freed buffer is taken again by the next archive's.
 */
export const LARGE_GUNZIP_CHUNK_BYTES = 1024 * 1024;

/** Counts compressed bytes as the decoder pulls them. */
async function* counted(input: AsyncIterable<Buffer>, budget: InflateBudget): AsyncGenerator<Buffer> {
  for await (const c of input) {
    budget.input((c as Buffer).length);
    yield c as Buffer;
  }
}

/** Charges a decoder's output to the budget chunk by chunk; a cap destroys the decoder. */
async function* metered(decoded: Readable, budget: InflateBudget, format: ArchiveFormat): AsyncGenerator<Buffer> {
  try {
    for await (const c of decoded) {
      budget.output((c as Buffer).length);
      yield c as Buffer;
    }
  } catch (e) {
    throw cleanDecodeError(format, e);
  } finally {
    decoded.destroy();
  }
}

/** A decoder failure in our words; the library's text stays in `cause`. */
export function cleanDecodeError(format: ArchiveFormat, e: unknown): unknown {
  if (e instanceof LimitReached || e instanceof DecodeError) return e;
  const code = (e as { code?: string }).code;
  const truncated = code === 'Z_BUF_ERROR' || /unexpected end|premature|truncat/i.test(String((e as Error)?.message));
  const what = format === 'tgz' ? 'gzip' : format === 'tar.xz' ? 'xz' : format;
  return new DecodeError(`${what} data is ${truncated ? 'truncated' : 'corrupt'}`, e);
}

/** Wrap `input` (compressed bytes, `inputBytes` of them when known) into a stream of tar bytes for `format`. */
export function decompressStream(format: ArchiveFormat, input: Readable, budget: InflateBudget, inputBytes = 0): Readable {
  const src = counted(input, budget);
  switch (format) {
    case 'tgz': {
      const chunkSize = inputBytes >= LARGE_INPUT_BYTES ? LARGE_GUNZIP_CHUNK_BYTES : GUNZIP_CHUNK_BYTES;
      const gunzip = createGunzip({ chunkSize });
      const raw = Readable.from(src);
      // pipe() passes no error on: an input that fails (a download aborted at its timeout) ends the
      // decoder with that error; unheard, it was an uncaught exception that ended the process.
      raw.on('error', (e) => gunzip.destroy(e));
      return Readable.from(metered(raw.pipe(gunzip), budget, format), { objectMode: false });
    }
    case 'tar.bz2':
      return Readable.from(bzip2Chunks(src, budget), { objectMode: false });
    case 'tar.zst':
      return Readable.from(zstdChunks(src, budget), { objectMode: false });
    case 'tar.xz': {
      const web = Readable.toWeb(Readable.from(src)) as unknown as ReadableStream<Uint8Array>;
      const out = Readable.fromWeb(xzStream(web) as unknown as import('node:stream/web').ReadableStream<Uint8Array>);
      return Readable.from(metered(out, budget, format), { objectMode: false });
    }
    default:
      return Readable.from(src, { objectMode: false });
  }
}

/**
 * The WASM xz decoder (xz-embedded) rejects streams with a SHA-256 check (error code 6). For
 * those, the system `xz` binary decompresses instead: a trusted tool reading stdin, never the
 * analyzed code. Returns undefined when no `xz` is installed.
 */
export function systemXzStream(input: Readable, budget: InflateBudget): Readable | undefined {
  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn('xz', ['-dcq', '-T1'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    });
  } catch {
    return undefined;
  }
  const out = child.stdout;
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString().slice(0, 500)));
  child.on('error', (e) => out.destroy(e));
  child.on('close', (code) => {
    if (code !== 0 && code !== null)
      out.destroy(new DecodeError(`xz data is corrupt (xz exited with code ${code})`, new Error(err.trim())));
  });
  child.stdin.on('error', () => {});
  Readable.from(counted(input, budget)).pipe(child.stdin);
  out.on('close', () => child.kill());
  return Readable.from(metered(out, budget, 'tar.xz'), { objectMode: false });
}

export const isUnsupportedXzCheck = (e: unknown): boolean => {
  const inner = e instanceof DecodeError ? e.cause : e;
  return inner instanceof Error && /get_next_output failed with error code 6\b/.test(inner.message);
};
