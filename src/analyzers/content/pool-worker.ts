/** Piscina worker: computes content facts off the main thread (a whole package, or a slice and the join: split.ts). Returns JSON-safe facts. */
import { assembleFacts, contentFacts, fileFacts, type FileFacts } from './facts.js';
import { startedTask } from './pool-task.js';
import type { PackageFile } from '../../sources/archive/types.js';
import type { ContentTask } from './split.js';
import type { ContentFacts } from './types.js';

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

export default startedTask(run);
