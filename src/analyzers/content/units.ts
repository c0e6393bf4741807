/**
 * Units of a large file: the behaviour pass and the decode taint of a big bundle read only the
 * parts that can hold a chain, not the whole tree. A site is an offset where a capability was found
 * (the AST scan's capability sites) or where the text names a source or a sink (BEHAVIOUR_GATE's
 * tokens); its unit is the outermost function around it that is at most UNIT_MAX_BYTES long (a
 * bundled module, or a helper inside a big one), or, where no such function holds it (top level,
 * or inside one huge function), the WINDOW_BYTES either side. Overlapping units are merged.
 *
 * Inside a unit the passes see what a small file shows them: a minified bundle reuses one-letter
 * names thousands of times, so whole-file reference lists hit their caps and the flow of an
 * injected module is lost; in its unit it is not. Flows between units are not followed (module
 * bindings are: the behaviour pass reads imports and requires over the whole file).
 */
import { walkRecord, type WalkRecord } from './ast-walk.js';
import { visitsOf } from './ast-walk.js';
import type { TokenScan } from './token-scan.js';

/**
 * Files at least `minBytes` long are analysed by units (smaller ones whole). On next's files of
 * 64–256 KiB the whole-file pass took 1.4 s CPU, the unit path 0.5 s plus 0.4 s to find the units;
 * below 64 KiB the saving is small and the facts of ordinary modules stay as they were. Mutable
 * for the tests only, which run the unit path on small fixtures to compare it with the whole-file path.
 */
export const unitScan = { minBytes: 64 * 1024 };
export const UNIT_MAX_BYTES = 32 * 1024;
export const WINDOW_BYTES = 2 * 1024;

/** Text offsets where a source or a sink is named: where a global search with `tokens` finds its matches. */
export function tokenSites(text: string, tokens: TokenScan): number[] {
  return tokens.matchStarts(text);
}

/** Disjoint [start, end] ranges, sorted, covering every site's unit. */
export function unitRanges(walk: WalkRecord, sites: readonly number[], textLength: number): [number, number][] {
  const fns = visitsOf(walk, 'Function')
    .map((n) => [n.start, n.end] as const)
    .sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const parent: number[] = [];
  const open: number[] = [];
  for (let i = 0; i < fns.length; i++) {
    while (open.length && fns[open[open.length - 1]!]![1] <= fns[i]![0]) open.pop();
    parent.push(open.length ? open[open.length - 1]! : -1);
    open.push(i);
  }
  const innermost = (pos: number): number => {
    let lo = 0;
    let hi = fns.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (fns[mid]![0] <= pos) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i = parent[i]!) if (fns[i]![1] > pos) return i;
    return -1;
  };
  const span = (i: number): number => fns[i]![1] - fns[i]![0];
  const ranges: [number, number][] = [];
  for (const pos of sites) {
    let i = innermost(pos);
    if (i >= 0 && span(i) <= UNIT_MAX_BYTES) {
      while (parent[i]! >= 0 && span(parent[i]!) <= UNIT_MAX_BYTES) i = parent[i]!;
      ranges.push([fns[i]![0], fns[i]![1]]);
    } else {
      const lo = i >= 0 ? fns[i]![0] : 0;
      const hi = i >= 0 ? fns[i]![1] : textLength;
      ranges.push([Math.max(lo, pos - WINDOW_BYTES), Math.min(hi, pos + WINDOW_BYTES)]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/**
 * The visits of `walk` whose node lies wholly inside one of `ranges` (disjoint, sorted), in walk
 * order. Read from the last visit back, by subtrees: a node inside a range brings its whole block
 * of visits (its descendants lie inside it), a node that meets no range drops its block, and only
 * a node that straddles a range's edge is looked into. Most nodes of a bundle are never read.
 */
export function subWalk(walk: WalkRecord, ranges: readonly [number, number][]): WalkRecord {
  if (ranges.length === 0) return walkRecord(new Uint8Array(0), [], new Int32Array(0));
  /** The last range starting at or before `pos` (-1: none). */
  const rangeAt = (pos: number): number => {
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid]![0] <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };
  /** Blocks [first, last] of visits to keep, found from the end. */
  const blocks: number[] = [];
  for (let j = walk.nodes.length - 1; j >= 0;) {
    const n = walk.nodes[j]!;
    const first = walk.sub[j]!;
    const k = rangeAt(n.start);
    if (k >= 0 && n.end <= ranges[k]![1]) {
      blocks.push(first, j);
      j = first - 1;
      continue;
    }
    // A descendant can lie inside a range only if a range meets [start, end]: the last range
    // starting at or before `end` reaches furthest (ranges are disjoint and sorted).
    const last = rangeAt(n.end);
    j = last >= 0 && ranges[last]![1] >= n.start ? j - 1 : first - 1;
  }
  let total = 0;
  for (let b = 0; b < blocks.length; b += 2) total += blocks[b + 1]! - blocks[b]! + 1;
  const ids = new Uint8Array(total);
  const sub = new Int32Array(total);
  const nodes: WalkRecord['nodes'] = new Array<WalkRecord['nodes'][number]>(total);
  let at = 0;
  for (let b = blocks.length - 2; b >= 0; b -= 2) {
    const from = blocks[b]!;
    const to = blocks[b + 1]!;
    const shift = at - from;
    for (let i = from; i <= to; i++, at++) {
      ids[at] = walk.ids[i]!;
      nodes[at] = walk.nodes[i]!;
      sub[at] = walk.sub[i]! + shift;
    }
  }
  return walkRecord(ids, nodes, sub);
}
