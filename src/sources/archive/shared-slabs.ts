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

/**
 * The largest slab taken from the main heap: an archive's first MiB of files. Past it, files go to
 * OWN_MAPPING_BYTES slabs.
 */
export const FIRST_SLAB_BYTES = 1024 * 1024;

export class SharedSlabs {
  private slab: Buffer = Buffer.alloc(0);
  private at = 0;
  private placed = 0;

  /**
   * `expected`: the bytes the archive's files can hold at most, when known (its inflated tar's
   * length): the first slab is cut to it. Most packages hold tens of KiB, and a 1 MiB slab for each
   * (zeroed, so resident) made up most of malloc's main heap early in a scan, which it never gives
   * back: 121 MiB of slabs in a cold scan's first 20 s.
   */
  constructor(private readonly expected?: number) {}

  /** The chunks' bytes (`size` in all) copied into shared memory, as one Buffer. */
  place(chunks: readonly Buffer[], size: number): Buffer {
    this.placed += size;
    if (size > OWN_MAPPING_BYTES) return copyInto(Buffer.from(new SharedArrayBuffer(size)), chunks);
    if (this.at + size > this.slab.length) {
      this.slab = Buffer.from(new SharedArrayBuffer(this.nextSlabBytes(size)));
      this.at = 0;
    }
    const view = copyInto(this.slab.subarray(this.at, this.at + size), chunks);
    this.at += size;
    return view;
  }

  /** Past its first MiB, an archive's files go to slabs that are mappings of their own; before, a slab of the expected size. */
  private nextSlabBytes(size: number): number {
    if (this.placed > FIRST_SLAB_BYTES) return OWN_MAPPING_BYTES;
    const rest = this.expected === undefined ? FIRST_SLAB_BYTES : this.expected - (this.placed - size);
    return Math.min(FIRST_SLAB_BYTES, Math.max(size, rest));
  }
}

function copyInto(target: Buffer, chunks: readonly Buffer[]): Buffer {
  let at = 0;
  for (const c of chunks) at += c.copy(target, at);
  return target;
}
