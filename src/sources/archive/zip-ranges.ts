/**
 * Byte ranges claimed by zip entries. A well-formed zip stores each entry's data once; a central
 * directory whose entries overlap or point at the same data is the "overlapping files" zip-bomb
 * shape (one deflate stream inflated once per entry) and is refused before anything is inflated.
 */
export class ZipRanges {
  /** Sorted by start; never overlapping. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /**
   * Claims [start, end) for an entry. Returns false (and claims nothing) when it overlaps a range
   * already claimed. `end` is at least start + 30 (the fixed local header) + compressed size.
   */
  claim(start: number, end: number): boolean {
    const s = this.starts;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && this.ends[lo - 1]! > start) return false;
    if (lo < s.length && s[lo]! < end) return false;
    s.splice(lo, 0, start);
    this.ends.splice(lo, 0, end);
    return true;
  }
}

/** The smallest span an entry's local header and data can occupy. */
export function entrySpan(localHeaderOffset: number, compressedSize: number): [number, number] {
  return [localHeaderOffset, localHeaderOffset + 30 + Math.max(0, compressedSize)];
}
