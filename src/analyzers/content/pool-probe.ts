/**
 * A debugging aid for memory work (bench/memory.ts): with VIGIL_MEM_PROBE set, a content worker
 * reports its heap after each task, before and after its collection, on a BroadcastChannel that
 * bench/lib/mem-probe.mjs (loaded into the main thread) records. Nothing is sent otherwise.
 */
import { getHeapStatistics } from 'node:v8';
import { BroadcastChannel, threadId } from 'node:worker_threads';

const MiB = 1024 * 1024;
const channel = process.env.VIGIL_MEM_PROBE ? new BroadcastChannel('vigil-mem-probe') : undefined;
channel?.unref();
let max = 0;

/** Reports this worker's heap (`phase`: after the task, or after its collection). */
export function reportHeap(phase: 'task' | 'collected'): void {
  if (!channel) return;
  const h = getHeapStatistics();
  max = Math.max(max, h.total_heap_size);
  const mb = (n: number) => Math.round((n / MiB) * 10) / 10;
  channel.postMessage({
    id: threadId,
    at: Date.now(),
    phase,
    total: mb(h.total_heap_size),
    used: mb(h.used_heap_size),
    max: mb(max),
    ext: mb(h.external_memory),
  });
}
