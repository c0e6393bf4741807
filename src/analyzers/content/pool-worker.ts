/** Piscina worker: computes content facts off the main thread (a whole package, or a slice and the join: split.ts). Returns JSON-safe facts. */
import { assembleFacts, contentFacts, fileFacts, type FileFacts } from './facts.js';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startedTask } from './pool-task.js';
import { collectKeepingShapes } from './shape-keeper.js';
import { reportHeap } from './pool-probe.js';
import type { PackageFile } from '../../sources/archive/types.js';
import type { ContentTask } from './split.js';
import type { ContentFacts } from './types.js';

/**
 * A task that leaves more than this on the heap is followed by a full collection. Its garbage (the
 * syntax trees of large bundles) is otherwise kept: the small tasks that follow never fill the heap
 * enough to collect it, and each worker sat on 200+ MiB between large packages.
 */
const COLLECT_ABOVE = 64 * 1024 * 1024;

// V8's own collector, for this thread: the flag makes `gc` available in contexts created after it.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const asBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** Buffers arrive as Uint8Array after structured clone; restore Buffer views without copying. */
function restore(files: PackageFile[]): PackageFile[] {
  for (const f of files) {
    if (f.data) f.data = asBuffer(f.data);
    if (f.head) f.head = asBuffer(f.head);
  }
  return files;
}

function run(task: ContentTask): ContentFacts | FileFacts[] {
  if ('slice' in task) return restore(task.slice).map(fileFacts);
  if ('assemble' in task) {
    restore(task.assemble.files);
    return assembleFacts(task.assemble, task.scanned);
  }
  restore(task.files);
  return contentFacts(task);
}

/** Collected before the result goes back, so the pool's heap reservation (pool-heap.ts) is free when released. */
function runThenCollect(task: ContentTask): ContentFacts | FileFacts[] {
  const out = run(task);
  reportHeap('task');
  if (getHeapStatistics().used_heap_size > COLLECT_ABOVE) {
    collectKeepingShapes(collect);
    reportHeap('collected');
  }
  return out;
}

export default startedTask(runThenCollect);
