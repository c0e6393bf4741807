/**
 * Graph signals over the user's own dependency graph, cycles included: strongly connected
 * components (iterative Tarjan) are condensed into a DAG, then transitive dependents and
 * dependencies are bitset unions along it — O((V + E) · V / 32) word operations, a few milliseconds
 * for 3,000 components, done a block of columns at a time so memory stays bounded at any size.
 * That is quadratic: past EXACT_WORK word operations (graphs of tens of thousands of components)
 * the counts stop at COUNT_CAP instead (a search per SCC that ends there, linear in the graph),
 * far above the thresholds at which the criticality terms saturate; such counts say "at least".
 * Roots reaching each component come from one BFS per root.
 */
import type { Inventory } from '../core/types.js';

export interface GraphMetrics {
  /** Roots (workspaces / services) that reach the component. */
  rootsReaching: number;
  /** Distinct packages or roots with an edge to it. */
  directDependents: number;
  /** Components that depend on it, directly or transitively (cycle members count once). */
  dependents: number;
  /** Components it pulls in, directly or transitively. */
  dependencies: number;
  /** Set when the graph was too large to count exactly and `dependents` stopped at the cap (there are at least that many). */
  dependentsAtLeast?: true;
  /** The same for `dependencies`. */
  dependenciesAtLeast?: true;
  /** Shortest distance from a root (1 = direct dependency); undefined when unreachable. */
  depth?: number;
}

export interface GraphAnalysis {
  metrics: Map<string, GraphMetrics>;
  roots: number;
  /** Components that are in a dependency cycle. */
  inCycle: Set<string>;
  /** Strongly connected component id of each purl, numbered so that dependencies come first. */
  scc: Map<string, number>;
}

function popcount(words: Uint32Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    let v = words[i]!;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}

/** Tarjan's SCC without recursion; returns the SCC of each node, numbered sinks first. */
export function stronglyConnected(n: number, out: number[][]): { comp: Int32Array; count: number } {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  let next = 0;
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (index[s] !== -1) continue;
    const work: [number, number][] = [[s, 0]];
    index[s] = low[s] = next++;
    stack.push(s);
    onStack[s] = 1;
    while (work.length) {
      const top = work[work.length - 1]!;
      const [v, i] = top;
      const succ = out[v]!;
      if (i < succ.length) {
        top[1]++;
        const w = succ[i]!;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length) {
        const u = work[work.length - 1]![0];
        low[u] = Math.min(low[u]!, low[v]!);
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp[w] = count;
        } while (w !== v);
        count++;
      }
    }
  }
  return { comp, count };
}

/** The DAG of strongly connected components: each SCC's members and its neighbour SCCs both ways. */
export function condense(n: number, out: number[][]) {
  const { comp, count } = stronglyConnected(n, out);
  const members: number[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < n; i++) members[comp[i]!]!.push(i);
  const succ: Set<number>[] = Array.from({ length: count }, () => new Set());
  const pred: Set<number>[] = Array.from({ length: count }, () => new Set());
  for (let f = 0; f < n; f++)
    for (const t of out[f]!)
      if (comp[f] !== comp[t]) {
        succ[comp[f]!]!.add(comp[t]!);
        pred[comp[t]!]!.add(comp[f]!);
      }
  return { comp, count, members, succ, pred };
}

/** Bytes of bitset rows held at once: the closure is computed a block of columns at a time within it. */
const CLOSURE_BUDGET_BYTES = 32 << 20;

/**
 * For each SCC of the condensed DAG, how many components lie beyond it along `next` (successors:
 * dependencies; predecessors with `reverse`: dependents). Bitset unions over the DAG, one block of
 * component columns at a time, so memory stays within CLOSURE_BUDGET_BYTES at any graph size.
 * `members`: each SCC's components in ascending order, as condense() lists them.
 */
export function closureCounts(
  count: number,
  members: number[][],
  next: Set<number>[],
  reverse = false,
  budgetBytes = CLOSURE_BUDGET_BYTES,
): Int32Array {
  const total = new Int32Array(count);
  const n = members.reduce((k, m) => k + m.length, 0);
  const words = Math.max(1, Math.min(Math.ceil(n / 32), Math.floor(budgetBytes / 4 / Math.max(1, count))));
  const rows = new Uint32Array(count * words);
  // Tarjan numbers sinks first: visiting SCCs upwards (dependencies) or downwards (dependents)
  // finds every neighbour's row complete.
  const order = (i: number) => (reverse ? count - 1 - i : i);
  // A row holds the SCC's own members too, so a neighbour's row is one word-wise OR (its members
  // are not walked again per edge); each SCC's own members are taken off its count at the end.
  // Members are in ascending order: `cursor` walks each SCC's list once across all blocks.
  const cursor = new Int32Array(count);
  for (let lo = 0; lo < n; lo += words * 32) {
    const hi = lo + words * 32;
    rows.fill(0);
    for (let i = 0; i < count; i++) {
      const s = order(i);
      const d = s * words;
      const own = members[s]!;
      let k = cursor[s]!;
      for (; k < own.length && own[k]! < hi; k++) rows[d + ((own[k]! - lo) >>> 5)]! |= 1 << ((own[k]! - lo) & 31);
      cursor[s] = k;
      for (const c of next[s]!) {
        const x = c * words;
        for (let w = 0; w < words; w++) rows[d + w]! |= rows[x + w]!;
      }
      total[s]! += popcount(rows, d, d + words);
    }
  }
  for (let s = 0; s < count; s++) total[s]! -= members[s]!.length;
  return total;
}

/** Word operations the exact closure may take (about a second); larger graphs get capped counts. */
const EXACT_WORK = 1e8;
/** Where capped counts stop: well above the criticality thresholds (weights.ts), so scores are unchanged. */
export const COUNT_CAP = 1000;

/**
 * Like closureCounts, but each count stops at `cap` (a search over the condensed DAG per SCC that
 * ends once `cap` components were found): linear in the graph for a fixed cap.
 */
export function cappedClosureCounts(count: number, members: number[][], next: Set<number>[], cap: number): Int32Array {
  const total = new Int32Array(count);
  const stamp = new Int32Array(count).fill(-1);
  const stack: number[] = [];
  for (let s = 0; s < count; s++) {
    let found = 0;
    stamp[s] = s;
    stack.length = 0;
    stack.push(s);
    search: while (stack.length) {
      for (const c of next[stack.pop()!]!) {
        if (stamp[c] === s) continue;
        stamp[c] = s;
        found += members[c]!.length;
        if (found >= cap) break search;
        stack.push(c);
      }
    }
    total[s] = Math.min(found, cap);
  }
  return total;
}

export function analyzeGraph(inv: Inventory, exactWork = EXACT_WORK): GraphAnalysis {
  const purls = inv.components.map((c) => c.purl);
  const idx = new Map(purls.map((p, i) => [p, i] as const));
  const n = purls.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  const directFrom: Set<string>[] = Array.from({ length: n }, () => new Set());
  const rootOut = new Map<string, number[]>();
  for (const e of inv.edges) {
    const t = idx.get(e.to);
    if (t === undefined) continue;
    directFrom[t]!.add(e.from);
    const f = idx.get(e.from);
    if (f !== undefined) {
      if (f !== t) out[f]!.push(t);
    } else (rootOut.get(e.from) ?? rootOut.set(e.from, []).get(e.from)!).push(t);
  }
  const { comp, count, members, succ, pred } = condense(n, out);

  const dagEdges = succ.reduce((k, x) => k + x.size, 0);
  const exact = Math.ceil(n / 32) * (count + dagEdges) <= exactWork;
  const dependencies = exact ? closureCounts(count, members, succ) : cappedClosureCounts(count, members, succ, COUNT_CAP);
  const dependents = exact ? closureCounts(count, members, pred, true) : cappedClosureCounts(count, members, pred, COUNT_CAP);

  const reach = new Int32Array(n);
  const depth = new Int32Array(n).fill(-1);
  const rootIds = new Set([...inv.roots.map((r) => r.id), ...rootOut.keys()]);
  for (const r of rootIds) {
    const seen = new Uint8Array(n);
    let frontier = rootOut.get(r) ?? [];
    for (const t of frontier) seen[t] = 1;
    for (let d = 1; frontier.length; d++) {
      const nextF: number[] = [];
      for (const v of frontier) {
        reach[v]!++;
        if (depth[v] === -1 || depth[v]! > d) depth[v] = d;
        for (const w of out[v]!)
          if (!seen[w]) {
            seen[w] = 1;
            nextF.push(w);
          }
      }
      frontier = nextF;
    }
  }

  const metrics = new Map<string, GraphMetrics>();
  const inCycle = new Set<string>();
  const scc = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const s = comp[i]!;
    const size = members[s]!.length;
    if (size > 1) inCycle.add(purls[i]!);
    scc.set(purls[i]!, s);
    const m: GraphMetrics = {
      rootsReaching: reach[i]!,
      directDependents: directFrom[i]!.size,
      dependents: dependents[s]! + size - 1,
      dependencies: dependencies[s]! + size - 1,
    };
    if (!exact) {
      // Below the cap a search ran to its end (exact); at or past it, only "at least" is known.
      if (m.dependents >= COUNT_CAP) [m.dependents, m.dependentsAtLeast] = [COUNT_CAP, true];
      if (m.dependencies >= COUNT_CAP) [m.dependencies, m.dependenciesAtLeast] = [COUNT_CAP, true];
    }
    if (depth[i] !== -1) m.depth = depth[i]!;
    metrics.set(purls[i]!, m);
  }
  return { metrics, roots: rootIds.size, inCycle, scc };
}
