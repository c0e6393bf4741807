/**
 * Worker heap kept within one worker's limit across the pool. Parsing a JavaScript file takes about
 * 50× its size in heap (a 4.3 MB bundle: 215 MB), so two workers parsing large bundles at once
 * held most of a scan's memory. Each task reserves its estimated peak before it is handed to a
 * worker; tasks that would not fit together wait, while smaller ones overtake them (the other
 * worker keeps busy). A worker collects its heap after a large task (pool-worker.ts), before its
 * reservation is released.
 */
import type { PackageFiles } from '../../sources/archive/types.js';
import { MAX_PARSE_BYTES } from './js-file.js';
import { JS_EXT, TS_EXT } from './text-utils.js';

/** Heap needed to parse a JavaScript file, per byte of source (measured: 45–50). */
export const PARSE_HEAP_PER_BYTE = 50;

/** Estimated peak heap of analysing `files`: the parse of its largest script (files past the parse cap are not parsed). */
export function parseHeapEstimate(files: Pick<PackageFiles, 'files'>): number {
  let largest = 0;
  for (const f of files.files) {
    const n = f.data?.length ?? 0;
    if (n > largest && n <= MAX_PARSE_BYTES && (JS_EXT.test(f.path) || TS_EXT.test(f.path))) largest = n;
  }
  return largest * PARSE_HEAP_PER_BYTE;
}

export interface HeapGate {
  /** Waits until `bytes` fit beside what runs (a task alone always fits), then holds them; call the returned release once. */
  acquire(bytes: number): Promise<() => void>;
  readonly used: number;
}

/**
 * Reservations of at most `capacity` bytes in all. One task is capped at three quarters of it, so a
 * small task can always run beside the largest one.
 */
export function createHeapGate(capacity: number): HeapGate {
  const cap = Math.floor(capacity * 0.75);
  let used = 0;
  let running = 0;
  const waiting: { bytes: number; go: () => void }[] = [];
  const fits = (n: number) => running === 0 || used + n <= capacity;
  const take = (n: number) => {
    used += n;
    running++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      used -= n;
      running--;
      // Every waiting task that now fits starts, in order; a larger one does not hold back smaller ones behind it.
      for (let i = 0; i < waiting.length;) {
        if (fits(waiting[i]!.bytes)) waiting.splice(i, 1)[0]!.go();
        else i++;
      }
    };
  };
  return {
    acquire(bytes) {
      const n = Number.isFinite(bytes) ? Math.min(Math.max(0, bytes), cap) : cap;
      if (fits(n)) return Promise.resolve(take(n));
      return new Promise((resolve) => waiting.push({ bytes: n, go: () => resolve(take(n)) }));
    },
    get used() {
      return used;
    },
  };
}
