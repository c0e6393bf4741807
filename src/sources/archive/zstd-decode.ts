/**
 * zstd decoding with the budget checked in the decoder's output callback. Input is fed in small
 * slices: an RLE block is 4 bytes and expands to 128 KiB, so one large push could produce GBs before
 * returning. With 256-byte slices one push yields at most ~8 MiB, and the generator only resumes
 * when the consumer asks for more (backpressure). Frame headers are checked before the decoder
 * allocates their window (zstd-frames.ts).
 */
import { Decompress } from 'fzstd';
import type { InflateBudget } from './budget.js';
import { DecodeError, LimitReached } from './limit-reached.js';
import { ZstdFrameGuard } from './zstd-frames.js';

const SLICE = 256;

export async function* zstdChunks(input: AsyncIterable<Buffer>, budget: InflateBudget): AsyncGenerator<Buffer> {
  const out: Buffer[] = [];
  const z = new Decompress((chunk) => {
    budget.output(chunk.byteLength);
    out.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });
  const frames = new ZstdFrameGuard(budget.limits.maxZstdWindowBytes);
  let seen = 0;
  try {
    for await (const c of input) {
      const chunk = c as Buffer;
      seen += chunk.length;
      for (let i = 0; i < chunk.length; i += SLICE) {
        const slice = chunk.subarray(i, i + SLICE);
        frames.feed(slice);
        z.push(slice);
        budget.checkTime();
        while (out.length) yield out.shift()!;
      }
    }
    if (seen === 0) throw new DecodeError('zstd data is empty');
    z.push(new Uint8Array(0), true);
    while (out.length) yield out.shift()!;
  } catch (e) {
    if (e instanceof LimitReached || e instanceof DecodeError) throw e;
    throw new DecodeError('zstd data is corrupt or truncated', e);
  }
}
