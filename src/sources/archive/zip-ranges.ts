/**
 * Byte ranges claimed by zip entries. A well-formed zip stores each entry's data once; a central
 * directory whose entries overlap or point at the same data is the "overlapping files" zip-bomb
 * shape (one deflate stream inflated once per entry), and so is a local header whose name and
 * extra-field lengths move its data start into the bytes of another entry ("quoted" overlap).
 * Every span is checked before anything is inflated.
 */

/** The bytes one entry occupies: its local header, name, extra field and compressed data. */
export interface ZipSpan {
  /** Index of the entry in central-directory order. */
  index: number;
  start: number;
  end: number;
}

/** The span of an entry whose data begins at `dataStart` (read from its local header). */
export function entrySpan(index: number, localHeaderOffset: number, dataStart: number, compressedSize: number): ZipSpan {
  return { index, start: localHeaderOffset, end: Math.max(dataStart, localHeaderOffset + 30) + Math.max(0, compressedSize) };
}

/**
 * The first pair of spans that share a byte, as [later, earlier] in central-directory order, or
 * undefined when no two do. O(n log n): sort by start, then each span must end before the next
 * begins (a span reaching over several others overlaps its next neighbour first).
 */
export function findOverlap(spans: readonly ZipSpan[]): [ZipSpan, ZipSpan] | undefined {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.index - b.index);
  let reach = sorted[0];
  for (let i = 1; i < sorted.length; i++) {
    const s = sorted[i]!;
    if (reach && reach.end > s.start) return s.index > reach.index ? [s, reach] : [reach, s];
    if (!reach || s.end > reach.end) reach = s;
  }
  return undefined;
}

/**
 * Where the data of the entry whose local header is at `offset` must end: the smallest offset in
 * `sortedOffsets` above it, or `fileSize`.
 */
export function dataLimit(sortedOffsets: Float64Array, offset: number, fileSize: number): number {
  let lo = 0;
  let hi = sortedOffsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sortedOffsets[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < sortedOffsets.length ? sortedOffsets[lo]! : fileSize;
}
