/**
 * Walks the frame structure of a zstd stream (RFC 8878 §3.1) ahead of the decoder, without decoding:
 * frame headers, block headers (whose sizes let the walker skip block bodies), checksums and
 * skippable frames. Each frame header is checked before the decoder sees it, because the decoder
 * allocates the declared window (up to 2 GiB) and copies through all of it for every block: a
 * 399-byte input declaring a huge window reached 1.9 GB of RSS. A window or single-segment content
 * size above the cap stops the archive with LimitReached.
 */
import { DecodeError, LimitReached } from './limit-reached.js';

const ZSTD_MAGIC = 0xfd2fb528;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const DICT_ID_BYTES = [0, 1, 2, 4] as const;

/** What the walker waits for next: a fixed number of bytes to read, or a number to skip. */
type Need =
  | { k: 'magic' }
  | { k: 'skip-size' }
  | { k: 'descriptor' }
  | { k: 'header'; descriptor: number; size: number }
  | { k: 'block'; checksum: boolean };

export class ZstdFrameGuard {
  private need: Need = { k: 'magic' };
  /** Bytes of the current field gathered so far (at most 14). */
  private field: number[] = [];
  /** Bytes of a block body, checksum or skippable frame still to pass over. */
  private skip = 0;
  /** Set after a block header: the block body is followed by another block (or the frame's end). */
  private afterSkip: Need = { k: 'magic' };

  /** @param maxWindow largest window (or single-segment content size) a frame may declare. */
  constructor(private readonly maxWindow: number) {}

  /** Observe the next compressed bytes, in stream order. Throws LimitReached or DecodeError. */
  feed(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i);
        this.skip -= n;
        i += n;
        if (this.skip === 0) this.need = this.afterSkip;
        continue;
      }
      const want = this.fieldSize();
      while (this.field.length < want && i < chunk.length) this.field.push(chunk[i++]!);
      if (this.field.length === want) this.complete();
    }
  }

  private fieldSize(): number {
    switch (this.need.k) {
      case 'magic':
      case 'skip-size':
        return 4;
      case 'descriptor':
        return 1;
      case 'header':
        return this.need.size;
      case 'block':
        return 3;
    }
  }

  private complete(): void {
    const f = this.field;
    this.field = [];
    const need = this.need;
    switch (need.k) {
      case 'magic': {
        const m = (f[0]! | (f[1]! << 8) | (f[2]! << 16) | (f[3]! << 24)) >>> 0;
        if (m === ZSTD_MAGIC) this.need = { k: 'descriptor' };
        else if ((m & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) this.need = { k: 'skip-size' };
        else throw new DecodeError('zstd data is corrupt (no frame magic where a frame should start)');
        return;
      }
      case 'skip-size':
        this.skipThen((f[0]! | (f[1]! << 8) | (f[2]! << 16)) + f[3]! * 2 ** 24, { k: 'magic' });
        return;
      case 'descriptor': {
        const d = f[0]!;
        if (d & 8) throw new DecodeError('zstd data is corrupt (reserved bit set in a frame header)');
        const ss = (d >> 5) & 1;
        const fcsFlag = d >> 6;
        const size = (ss ? 0 : 1) + DICT_ID_BYTES[d & 3]! + (fcsFlag === 0 ? ss : 1 << fcsFlag);
        this.need = { k: 'header', descriptor: d, size };
        return;
      }
      case 'header':
        this.checkHeader(need.descriptor, f);
        this.need = { k: 'block', checksum: ((need.descriptor >> 2) & 1) === 1 };
        return;
      case 'block': {
        const h = f[0]! | (f[1]! << 8) | (f[2]! << 16);
        const last = (h & 1) === 1;
        const type = (h >> 1) & 3;
        const size = h >> 3;
        if (type === 3) throw new DecodeError('zstd data is corrupt (reserved block type)');
        // An RLE block's body is one byte; a last block is followed by the 4-byte checksum when declared.
        const body = (type === 1 ? 1 : size) + (last && need.checksum ? 4 : 0);
        this.skipThen(body, last ? { k: 'magic' } : need);
        return;
      }
    }
  }

  private skipThen(n: number, then: Need): void {
    this.afterSkip = then;
    this.skip = n;
    if (n === 0) this.need = then;
  }

  /** `f`: the header bytes after the descriptor `d` (window descriptor, dictionary id, content size). */
  private checkHeader(d: number, f: number[]): void {
    let window: number;
    if ((d >> 5) & 1) {
      // Single segment: the window is the frame content size (flag 0 → 1 byte; flag 1 → 2 bytes + 256).
      const fcsFlag = d >> 6;
      const bytes = f.slice(DICT_ID_BYTES[d & 3]);
      window = bytes.reduce((v, b, i) => v + b * 2 ** (8 * i), 0) + (fcsFlag === 1 ? 256 : 0);
    } else {
      const w = f[0]!;
      const base = 2 ** (10 + (w >> 3));
      window = base + (base / 8) * (w & 7);
    }
    if (window > this.maxWindow) {
      throw new LimitReached('zstd-window', `zstd frame declares a ${size(window)} window, above the ${size(this.maxWindow)} limit`);
    }
  }
}

function size(n: number): string {
  return n >= 2 ** 20 ? `${Math.round(n / 2 ** 20)} MiB` : `${n} bytes`;
}
