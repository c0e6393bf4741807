/**
 * File bytes are kept in SharedArrayBuffer slabs, each file a view of one: handing a release's files
 * to a worker thread (content analysis) then shares the bytes instead of copying every file into the
 * message and out again on the other side. Views are read-only by contract: nothing writes into file
 * data. Files share a slab in the order they are read; one larger than a slab gets its own.
 */

/**
 * Above glibc's largest dynamic mmap threshold (32 MiB on 64-bit; malloc raises its threshold up
 * to there after freeing large blocks). A block this large is always its own mapping: only the pages
 * written are resident, and freeing it returns them to the system. Smaller blocks come from the
 * main heap, which returns nothing below its highest live block: file bytes and inflated chunks
 * allocated there (a 134 MiB framework and its 134 MiB of decoder output at once) kept the heap at
 * that high-water mark, hundreds of MiB resident, for the rest of the scan.
 */
export const OWN_MAPPING_BYTES = 33 * 1024 * 1024;

/** The first slab of an archive: most packages' files fit in it, and it comes from the main heap. */
const FIRST_SLAB_BYTES = 1024 * 1024;

export class SharedSlabs {
  private slab: Buffer = Buffer.alloc(0);
  private at = 0;
  private placed = 0;

  /** The chunks' bytes (`size` in all) copied into shared memory, as one Buffer. */
  place(chunks: readonly Buffer[], size: number): Buffer {
    this.placed += size;
    if (size > OWN_MAPPING_BYTES) return copyInto(Buffer.from(new SharedArrayBuffer(size)), chunks);
    if (this.at + size > this.slab.length) {
      // Past its first MiB, an archive's files go to slabs that are mappings of their own.
      this.slab = Buffer.from(new SharedArrayBuffer(this.placed > FIRST_SLAB_BYTES ? OWN_MAPPING_BYTES : FIRST_SLAB_BYTES));
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
