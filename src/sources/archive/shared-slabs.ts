/**
 * File bytes are kept in SharedArrayBuffer slabs, each file a view of one: handing a release's files
 * to a worker thread (content analysis) then shares the bytes instead of copying every file into the
 * message and out again on the other side. Views are read-only by contract: nothing writes into file
 * data. Small files share a slab; a large file gets one of its own, of its exact size.
 */

/** Slab size: a package's small files usually fit in one; pages never written are never committed. */
const SLAB_BYTES = 1024 * 1024;

export class SharedSlabs {
  private slab: Buffer = Buffer.alloc(0);
  private at = 0;

  /** The chunks' bytes (`size` in all) copied into shared memory, as one Buffer. */
  place(chunks: readonly Buffer[], size: number): Buffer {
    if (size > SLAB_BYTES / 2) return copyInto(Buffer.from(new SharedArrayBuffer(size)), chunks);
    if (this.at + size > this.slab.length) {
      this.slab = Buffer.from(new SharedArrayBuffer(SLAB_BYTES));
      this.at = 0;
    }
    const view = copyInto(this.slab.subarray(this.at, this.at + size), chunks);
    this.at += size;
    return view;
  }
}

function copyInto(target: Buffer, chunks: readonly Buffer[]): Buffer {
  let at = 0;
  for (const c of chunks) at += c.copy(target, at);
  return target;
}
