/** Piscina worker: computes ContentFacts off the main thread. Receives PackageFiles, returns JSON-safe facts. */
import { contentFacts } from './facts.js';
import { startedTask } from './pool-task.js';
import type { PackageFiles } from '../../sources/archive/types.js';
import type { ContentFacts } from './types.js';

/** Buffers arrive as Uint8Array after structured clone; restore Buffer views without copying. */
function run(files: PackageFiles): ContentFacts {
  for (const f of files.files) {
    if (f.data && !Buffer.isBuffer(f.data))
      f.data = Buffer.from((f.data as Uint8Array).buffer, (f.data as Uint8Array).byteOffset, (f.data as Uint8Array).byteLength);
    if (f.head && !Buffer.isBuffer(f.head))
      f.head = Buffer.from((f.head as Uint8Array).buffer, (f.head as Uint8Array).byteOffset, (f.head as Uint8Array).byteLength);
  }
  return contentFacts(files);
}

export default startedTask(run);
