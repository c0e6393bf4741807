// Bench-only memory probe: `node --import ./bench/lib/mem-probe.mjs bin/vigil.js scan …` with
// VIGIL_MEM_PROBE=FILE writes one JSON line per ~100 ms to FILE: the process's RSS, the main
// thread's heap / external / array buffers, and the last heap statistics each content worker
// reported (src/analyzers/content/pool-probe.ts: after each task, before and after its collection),
// or, where node has worker.getHeapStatistics() (20.12+), each worker's heap sampled on the same tick,
// also while it parses (a report after the task missed the peak of a large parse).
// Never loaded by vigil itself. Plain JavaScript: loading tsx would change what is measured.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { syncBuiltinESMExports } from 'node:module';
import workerThreads, { BroadcastChannel, isMainThread } from 'node:worker_threads';

const file = process.env.VIGIL_MEM_PROBE;
const MiB = 1024 * 1024;
const mb = (n) => Math.round((n / MiB) * 10) / 10;
/** RSS by kind from /proc/self/status (Linux): anonymous, file-backed, shared memory; in MiB. */
function rssKinds() {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { anon: mb(kb('RssAnon') * 1024), file: mb(kb('RssFile') * 1024), shmem: mb(kb('RssShmem') * 1024), threads: kb('Threads') };
  } catch {
    return {};
  }
}

/**
 * Size of glibc's main malloc heap ([heap], grown with brk), in MiB: it only shrinks from its top,
 * so it shows the high-water mark of what the main thread allocated there.
 */
function mainHeapExtent() {
  try {
    const m = /^([0-9a-f]+)-([0-9a-f]+) .*\[heap\]$/m.exec(readFileSync('/proc/self/maps', 'utf8'));
    return m ? mb(parseInt(m[2], 16) - parseInt(m[1], 16)) : undefined;
  } catch {
    return undefined; // not Linux
  }
}

/**
 * Every worker thread started from here on (piscina's content workers), so that the tick can sample
 * their heaps: the Worker class is wrapped before vigil loads.
 */
function trackWorkers() {
  const live = new Set();
  const Base = workerThreads.Worker;
  if (typeof Base.prototype.getHeapStatistics !== 'function') return live;
  workerThreads.Worker = class extends Base {
    constructor(...a) {
      super(...a);
      live.add(this);
      this.once('exit', () => live.delete(this));
    }
  };
  syncBuiltinESMExports();
  return live;
}

if (file && isMainThread) {
  const channel = new BroadcastChannel('vigil-mem-probe');
  channel.unref();
  const workers = new Map();
  const t0 = Date.now();
  const live = trackWorkers();
  const maxOf = new Map();
  // After-task reports only when the heaps cannot be sampled.
  channel.onmessage = (e) => {
    if (live.size === 0) workers.set(e.data.id, e.data);
  };
  const sampleWorkers = () => {
    for (const w of live) {
      w.getHeapStatistics().then(
        (h) => {
          const total = mb(h.total_heap_size);
          maxOf.set(w.threadId, Math.max(maxOf.get(w.threadId) ?? 0, total));
          workers.set(w.threadId, {
            id: w.threadId,
            at: Date.now(),
            phase: 'sampled',
            total,
            used: mb(h.used_heap_size),
            max: maxOf.get(w.threadId),
            ext: mb(h.external_memory),
          });
        },
        () => workers.delete(w.threadId),
      );
    }
  };
  writeFileSync(file, '');
  let top = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    // At each new peak past 300 MiB, the mappings (FILE.smaps): where the resident memory lies.
    if (m.rss > top && m.rss > 300 * MiB) {
      top = m.rss;
      try {
        writeFileSync(`${file}.smaps`, readFileSync('/proc/self/smaps', 'utf8'));
      } catch {
        // not Linux
      }
    }
    sampleWorkers();
    const h = getHeapStatistics();
    const now = Date.now();
    const ws = [...workers.values()].filter((w) => now - w.at < 30_000);
    appendFileSync(
      file,
      JSON.stringify({
        t: now - t0,
        rss: mb(m.rss),
        heapTotal: mb(m.heapTotal),
        heapUsed: mb(m.heapUsed),
        external: mb(m.external),
        arrayBuffers: mb(m.arrayBuffers),
        malloced: mb(h.malloced_memory),
        ...rssKinds(),
        mainHeapExtent: mainHeapExtent(),
        workers: ws.map((w) => ({ id: w.id, phase: w.phase, total: w.total, used: w.used, max: w.max, ext: w.ext, age: now - w.at })),
      }) + '\n',
    );
  }, 100);
  timer.unref();
}
