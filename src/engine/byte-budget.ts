/**
 * Bytes of package content held in memory at once (tarballs, their files, the copies content
 * workers analyse). Components wait for room before reading a release, so peak memory follows the
 * budget rather than the sizes of the largest packages that happen to be in flight together. A
 * release larger than the whole budget runs alone.
 */
export interface ByteBudget {
  /** Waits until `bytes` fit (or nothing else is held), then holds them; call the returned release once. */
  acquire(bytes: number): Promise<Lease>;
  /** Holds `bytes` at once, over the budget if need be (a release already being read must not wait on others). */
  hold(bytes: number): Lease;
  readonly used: number;
  /** Acquires waiting for room. */
  readonly waiting: number;
}

/** Bytes held: call it once to release them all. */
export interface Lease {
  (): void;
  /**
   * Holds `bytes` from now on: gives back the rest, or takes more over the budget without waiting.
   * A release read on its registry's unpacked size holds what it really kept (a source map its
   * head, a native binary over the size cap 64 KiB of 140 MB). Nothing once released.
   */
  resize(bytes: number): void;
}

/**
 * Enough to keep the content workers fed (a few packages queued per worker); more in flight only
 * held memory: at 192 MiB the main thread's buffers alone reached 300 MiB in a 1,000-package scan.
 * 96 MiB since scans keep only the head of source maps (sources/archive/source-map-head.ts), which
 * took a cold platform-app scan's peak RSS from 528-560 to 499-527 MiB (budget 96). In 4 alternated
 * rounds the scan took 25.4-27.3 s, median 26.2, against 27.4-27.9 s, median 27.6, at 64 MiB without
 * the cut. 128 MiB was no faster, and its peaks were 532-577 MiB. At 64 MiB with whole source maps,
 * next@15.5.29 (134 MiB) held more than the budget, so it was read and analysed alone.
 */
export const DEFAULT_BYTES_IN_FLIGHT = 96 * 1024 * 1024;

/** `released`: told the bytes of every hold released (the content they stood for is no longer used). */
export function createByteBudget(capacity = DEFAULT_BYTES_IN_FLIGHT, released?: (bytes: number) => void): ByteBudget {
  let used = 0;
  const waiting: { bytes: number; go: () => void }[] = [];
  const wake = () => {
    while (waiting.length && (used === 0 || used + waiting[0]!.bytes <= capacity)) {
      const w = waiting.shift()!;
      used += w.bytes;
      w.go();
    }
  };
  const releaser = (bytes: number): Lease => {
    let done = false;
    let held = bytes;
    // `dropped`: the bytes stood for content now unused (not an estimate given back once read).
    const give = (n: number, dropped: boolean) => {
      used -= n;
      held -= n;
      if (dropped) released?.(n);
      wake();
    };
    return Object.assign(
      () => {
        if (done) return;
        done = true;
        give(held, true);
      },
      {
        resize(to: number) {
          if (done || !Number.isFinite(to)) return;
          const n = Math.max(0, to);
          if (n < held) give(held - n, false);
          else {
            used += n - held;
            held = n;
          }
        },
      },
    );
  };
  return {
    acquire(bytes) {
      // A size the registry got wrong (NaN, negative, huge) never breaks the count: at most the whole budget.
      const n = Number.isFinite(bytes) ? Math.max(0, Math.min(bytes, capacity)) : capacity;
      if (waiting.length === 0 && (used === 0 || used + n <= capacity)) {
        used += n;
        return Promise.resolve(releaser(n));
      }
      return new Promise((resolve) => waiting.push({ bytes: n, go: () => resolve(releaser(n)) }));
    },
    hold(bytes) {
      const n = Number.isFinite(bytes) ? Math.max(0, bytes) : 0;
      used += n;
      return releaser(n);
    },
    get used() {
      return used;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
