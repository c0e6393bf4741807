/**
 * bzip2 decoding block by block with the budget checked inside the decoder's byte loop: a bomb
 * (a few KB that expand to GB) stops after the cap, not after the whole stream. Uses the decoder
 * of unbzip2-stream (lib/bzip2.js), driven here instead of through its push-only stream wrapper,
 * which decodes every buffered block before anyone can say stop and has no backpressure.
 */
import { createRequire } from 'node:module';
import type { InflateBudget } from './budget.js';
import { DecodeError, LimitReached } from './limit-reached.js';

type BitReader = ((n: number | null) => number) & { bytesRead: number };
interface Bzip2Lib {
  header(bits: BitReader): number;
  decompress(bits: BitReader, out: (b: number) => void, buf: Int32Array, bufsize: number, crc: number | null): number | null;
}

const req = createRequire(import.meta.url);
let lib: { bz2: Bzip2Lib; bitIterator: (next: () => Buffer | undefined) => BitReader } | undefined;
function load(): NonNullable<typeof lib> {
  lib ??= { bz2: req('unbzip2-stream/lib/bzip2.js') as Bzip2Lib, bitIterator: req('unbzip2-stream/lib/bit_iterator.js') as never };
  return lib;
}

/** Collects decoded bytes into 64 KiB chunks, charging the budget for each before keeping it. */
class ChunkSink {
  private buf = Buffer.allocUnsafe(64 * 1024);
  private n = 0;
  readonly chunks: Buffer[] = [];
  constructor(private readonly budget: InflateBudget) {}
  readonly byte = (b: number): void => {
    this.buf[this.n++] = b;
    if (this.n === this.buf.length) this.flush();
  };
  flush(): void {
    if (this.n === 0) return;
    this.budget.output(this.n);
    this.chunks.push(this.buf.subarray(0, this.n));
    this.buf = Buffer.allocUnsafe(64 * 1024);
    this.n = 0;
  }
}

/** Largest compressed size of one block at level `blockSize` (as unbzip2-stream reckons it). */
const needed = (blockSize: number): number => (blockSize ? 25_000 + 100_000 * blockSize : 4);

export async function* bzip2Chunks(input: AsyncIterable<Buffer>, budget: InflateBudget): AsyncGenerator<Buffer> {
  const { bz2, bitIterator } = load();
  const queue: Buffer[] = [];
  let buffered = 0;
  let ended = false;
  const it = input[Symbol.asyncIterator]();
  let bits: BitReader | undefined;
  let blockSize = 0;
  let crc: number | null = null;
  let work: Int32Array | undefined;
  try {
    for (;;) {
      while (!ended && buffered - (bits?.bytesRead ?? 0) + 1 < needed(blockSize)) {
        const r = await it.next();
        if (r.done) ended = true;
        else {
          queue.push(r.value);
          buffered += r.value.length;
        }
      }
      if (buffered === 0) throw new DecodeError('bzip2 data is empty');
      bits ??= bitIterator(() => queue.shift());
      if (ended && buffered <= bits.bytesRead) break;
      budget.checkTime();
      if (!blockSize) {
        blockSize = bz2.header(bits);
        crc = 0;
        continue;
      }
      const sink = new ChunkSink(budget);
      const size = 100_000 * blockSize;
      if (!work || work.length !== size) work = new Int32Array(size);
      crc = bz2.decompress(bits, sink.byte, work, size, crc);
      sink.flush();
      if (crc === null) blockSize = 0;
      for (const c of sink.chunks) yield c;
    }
    if (crc !== null) throw new DecodeError('bzip2 data is truncated (the stream ends inside a block)');
  } catch (e) {
    if (e instanceof LimitReached || e instanceof DecodeError) throw e;
    throw new DecodeError('bzip2 data is corrupt or truncated', e);
  } finally {
    await it.return?.();
  }
}
