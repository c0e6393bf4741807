/** Decompress an index by its file extension (.xz, .gz, .zst, none), with an output size cap. */
import { gunzipSync } from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';
import * as xzModule from 'xz-decompress';
import { VigilError } from '../../core/errors.js';

// xz-decompress is a CommonJS bundle: under ESM its exports arrive on `default`.
type XzCtor = typeof xzModule.XzReadableStream;
const XzReadableStream: XzCtor =
  (xzModule as unknown as { default?: { XzReadableStream?: XzCtor } }).default?.XzReadableStream ?? xzModule.XzReadableStream;

export const DEFAULT_MAX_INDEX_BYTES = 1024 * 1024 * 1024;

async function collect(chunks: AsyncIterable<Uint8Array>, max: number, what: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const c of chunks) {
    total += c.length;
    if (total > max) throw new VigilError('E_ARCHIVE_LIMIT', `${what}: decompressed size exceeds ${max} bytes`);
    parts.push(Buffer.from(c.buffer, c.byteOffset, c.length));
  }
  return Buffer.concat(parts, total);
}

export async function decompressByName(name: string, data: Buffer, max = DEFAULT_MAX_INDEX_BYTES): Promise<Buffer> {
  try {
    if (name.endsWith('.gz')) return gunzipSync(data, { maxOutputLength: max });
    if (name.endsWith('.xz')) {
      const stream = new XzReadableStream(new Blob([new Uint8Array(data)]).stream());
      return await collect(stream as unknown as AsyncIterable<Uint8Array>, max, name);
    }
    if (name.endsWith('.zst')) {
      const parts: Uint8Array[] = [];
      let total = 0;
      const d = new ZstdDecompress((chunk) => {
        total += chunk.length;
        if (total > max) throw new VigilError('E_ARCHIVE_LIMIT', `${name}: decompressed size exceeds ${max} bytes`);
        parts.push(chunk);
      });
      d.push(new Uint8Array(data.buffer, data.byteOffset, data.length), true);
      return Buffer.concat(parts);
    }
    return data;
  } catch (e) {
    if (e instanceof VigilError) throw e;
    throw new VigilError('E_ARCHIVE', `${name}: cannot decompress (${(e as Error).message})`, { cause: e });
  }
}
