/** Piscina worker: computes ContentFacts off the main thread. Receives PackageFiles, returns JSON-safe facts. */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { contentFacts } from './facts.js';
import { startedTask } from './pool-task.js';
import type { PackageFiles } from '../../sources/archive/types.js';
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

/** Buffers arrive as Uint8Array after structured clone; restore Buffer views without copying. */
function run(files: PackageFiles): ContentFacts {
  for (const f of files.files) {
    if (f.data && !Buffer.isBuffer(f.data))
      f.data = Buffer.from((f.data as Uint8Array).buffer, (f.data as Uint8Array).byteOffset, (f.data as Uint8Array).byteLength);
    if (f.head && !Buffer.isBuffer(f.head))
      f.head = Buffer.from((f.head as Uint8Array).buffer, (f.head as Uint8Array).byteOffset, (f.head as Uint8Array).byteLength);
  }
  const facts = contentFacts(files);
  // Collected before the result goes back, so the pool's heap reservation (pool-heap.ts) is free when released.
  if (getHeapStatistics().used_heap_size > COLLECT_ABOVE) collect();
  return facts;
}

export default startedTask(run);
