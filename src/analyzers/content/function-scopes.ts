/**
 * The innermost function around a position, over a file's function ranges. Function ranges nest
 * (two either nest or are disjoint), so the innermost function strictly around `pos` is the last
 * function starting before `pos`, or one of its ancestors: a binary search and a short walk up,
 * instead of a scan of every function per question (quadratic on bundles with thousands).
 */
export class FunctionScopes {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly parent: number[] = [];

  constructor(ranges: readonly (readonly number[])[]) {
    // By start; of two starting together, the longer first (it holds the other).
    const sorted = ranges.map(([s = 0, e = 0]) => [s, e] as const).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const open: number[] = [];
    for (const [s, e] of sorted) {
      while (open.length && this.ends[open[open.length - 1]!]! <= s) open.pop();
      const i = this.starts.push(s) - 1;
      this.ends.push(e);
      this.parent.push(open.length ? open[open.length - 1]! : -1);
      open.push(i);
    }
  }

  /** [start, end] of the innermost function with start < pos < end; the whole program when none. */
  around(pos: number): [number, number] {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i = this.parent[i]!) if (this.ends[i]! > pos) return [this.starts[i]!, this.ends[i]!];
    return [0, Number.MAX_SAFE_INTEGER];
  }
}
