/**
 * Collections of the scanning thread's heap paced by the package content it dropped.
 *
 * A release's files live in SharedArrayBuffer slabs (sources/archive/shared-slabs.ts), and V8 counts
 * a SharedArrayBuffer's memory as pressure on no heap: a slab whose files were all dropped stays
 * resident until a full collection runs for other reasons. The scanning thread allocates little of
 * its own, so such collections are rare: once the last large packages of a cold scan of ~1,000
 * packages were done, their slabs and the buffers they were read through (inflated tars, downloads:
 * 50-120 MiB) stayed resident while the last analyses ran, and the scan peaked there. Here the
 * thread collects after every PACE_BYTES of content dropped (a component's hold on the byte budget
 * released, byte-budget.ts) or of inflated tar read through (component-runner.ts). The content
 * worker that was handed a slab drops its own views on its own schedule.
 */
import { constants, performance, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Content dropped between two collections: a full collection of the scanning thread's heap costs ~40 ms there and ~130 ms of V8's helper threads. */
export const PACE_BYTES = 64 * 1024 * 1024;

/**
 * Dropped content worth a collection when room is asked for (makeRoom): before the content worker
 * parses a large bundle. At the end of a cold platform-app scan, with collections paced every 64 MiB
 * only, 150-180 MiB of dropped buffers were still resident while the worker's heap grew by
 * 100-200 MiB for its largest parses, and the scan peaked there. Pacing every 32 MiB instead cost
 * 21 more collections (~4 s of CPU); most of them came at no such moment.
 */
export const ROOM_BYTES = 16 * 1024 * 1024;

export interface DropCollector {
  /** `bytes` of package content are no longer used; collects (on a later turn) once PACE_BYTES accumulated. */
  dropped(bytes: number): void;
  /** Memory is about to be needed elsewhere: collects (on a later turn) if ROOM_BYTES or more were dropped since the last collection. */
  makeRoom(): void;
  /** Collections run so far. */
  readonly collections: number;
  /** Stops watching the thread's own collections. */
  close(): void;
}

/**
 * `collect`: the collection to run (default: V8's full collection of this thread). A full
 * collection V8 runs on its own (about every half second while a scan parses packuments) frees
 * what was dropped before it started just as well, so it starts the count again.
 */
export function createDropCollector(pace = PACE_BYTES, collect: () => void = fullCollection, room = ROOM_BYTES): DropCollector {
  let since = 0;
  let lastDrop = -Infinity;
  let scheduled = false;
  let collections = 0;
  const run = () => {
    scheduled = false;
    since = 0;
    collections++;
    collect();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // On a later turn, once the component that dropped them has returned (its frame no longer
    // refers to its files), and once however many components passed the mark in this turn.
    setImmediate(run);
  };
  const watcher = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR && e.startTime > lastDrop) since = 0;
    }
  });
  watcher.observe({ entryTypes: ['gc'] });
  return {
    dropped(bytes) {
      if (!(bytes > 0)) return;
      since += bytes;
      lastDrop = performance.now();
      if (since >= pace) schedule();
    },
    makeRoom() {
      if (since >= room) schedule();
    },
    get collections() {
      return collections;
    },
    close() {
      watcher.disconnect();
    },
  };
}

let gc: (() => void) | undefined;

/** V8's full collection of this thread: the flag makes `gc` available in contexts created after it. */
function fullCollection(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
