/**
 * One inflate budget per archive, checked where bytes are PRODUCED (inside each decompressor's
 * output loop), so a bomb stops the decoder itself rather than a consumer further down: inflated
 * bytes, ratio against compressed bytes read, and time spent. A scan-wide budget caps the sum of
 * inflated bytes over every archive of one scan.
 */
import { LimitReached } from './limit-reached.js';
import type { ArchiveLimits } from './limits.js';

/** Inflated bytes shared by all archives of one scan (one instance per scan). */
export class ScanInflateBudget {
  used = 0;
  constructor(readonly maxBytes: number) {}
}

export class InflateBudget {
  private inBytes = 0;
  private outBytes = 0;
  private readonly started = Date.now();

  constructor(
    readonly limits: ArchiveLimits,
    private readonly scan?: ScanInflateBudget,
  ) {}

  /** Compressed bytes consumed so far. */
  input(n: number): void {
    this.inBytes += n;
  }

  /** Bytes the scan-wide budget still allows (Infinity without one). */
  scanRemaining(): number {
    return this.scan ? Math.max(0, this.scan.maxBytes - this.scan.used) : Infinity;
  }

  /** Bytes inflated so far (all entries). */
  get inflated(): number {
    return this.outBytes;
  }

  /** Count `n` produced bytes; throws LimitReached when a cap is passed. Call before handing bytes on. */
  output(n: number): void {
    const l = this.limits;
    this.outBytes += n;
    if (this.scan) {
      this.scan.used += n;
      if (this.scan.used > this.scan.maxBytes) {
        throw new LimitReached(
          'scan-inflated',
          `more than ${mb(this.scan.maxBytes)} inflated in this scan (the scan-wide limit; this archive's file list is partial)`,
        );
      }
    }
    if (this.outBytes > l.maxInflatedBytes) {
      throw new LimitReached('inflated', `more than ${mb(l.maxInflatedBytes)} inflated from one archive`);
    }
    if (this.outBytes > l.ratioFloorBytes && this.inBytes > 0 && this.outBytes / this.inBytes > l.maxRatio) {
      throw new LimitReached('ratio', `compression ratio above ${l.maxRatio}:1 (${this.outBytes} bytes out of ${this.inBytes})`);
    }
    this.checkTime();
  }

  /** Throws LimitReached once decompression has taken longer than `maxMillis`. */
  checkTime(): void {
    const spent = Date.now() - this.started;
    if (spent > this.limits.maxMillis) {
      throw new LimitReached('time', `decompression took more than ${Math.round(this.limits.maxMillis / 1000)} s`);
    }
  }
}

const mb = (n: number): string => `${Math.round(n / (1024 * 1024))} MiB`;
