/**
 * Dependency paths from roots to a component, computed in the browser from the compact edge list
 * (node ids: component indices, then roots at `componentCount + rootIndex`). Pure, no DOM.
 */
export interface GraphInput {
  componentCount: number;
  rootCount: number;
  edges: [number, number, 0 | 1][];
}

export interface Adjacency {
  out: number[][];
  inc: number[][];
}

export function adjacency(g: GraphInput): Adjacency {
  const n = g.componentCount + g.rootCount;
  const out: number[][] = Array.from({ length: n }, () => []);
  const inc: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of g.edges) {
    if (a >= n || b >= n) continue;
    out[a]!.push(b);
    inc[b]!.push(a);
  }
  return { out, inc };
}

/**
 * Up to `limit` shortest paths (as node ids, root first, target last) from any root to `target`.
 * Only shortest-length paths per root are listed, so cycles cannot loop.
 */
export function pathsToRoots(g: GraphInput, adj: Adjacency, target: number, limit = 5): number[][] {
  const dist = new Map<number, number>([[target, 0]]);
  const queue = [target];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const p of adj.inc[node] ?? []) {
      if (dist.has(p)) continue;
      dist.set(p, dist.get(node)! + 1);
      queue.push(p);
    }
  }
  const roots: number[] = [];
  for (let r = 0; r < g.rootCount; r++) if (dist.has(g.componentCount + r)) roots.push(g.componentCount + r);
  roots.sort((a, b) => dist.get(a)! - dist.get(b)! || a - b);

  const paths: number[][] = [];
  const walk = (node: number, acc: number[]): void => {
    if (paths.length >= limit) return;
    if (node === target) {
      paths.push(acc);
      return;
    }
    const d = dist.get(node)!;
    for (const next of adj.out[node] ?? []) if (dist.get(next) === d - 1) walk(next, [...acc, next]);
  };
  for (const r of roots) walk(r, [r]);
  return paths;
}
