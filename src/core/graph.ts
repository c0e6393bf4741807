/** Dependency-graph helpers over an Inventory: shortest paths from roots, reverse edges. */
import type { Edge, Inventory } from './types.js';

export interface GraphIndex {
  /** dependency purl → edges pointing at it */
  incoming: Map<string, Edge[]>;
  /** purl or root id → edges leaving it */
  outgoing: Map<string, Edge[]>;
  names: Map<string, string>;
}

export function indexGraph(inv: Inventory): GraphIndex {
  const incoming = new Map<string, Edge[]>();
  const outgoing = new Map<string, Edge[]>();
  for (const e of inv.edges) {
    (incoming.get(e.to) ?? incoming.set(e.to, []).get(e.to)!).push(e);
    (outgoing.get(e.from) ?? outgoing.set(e.from, []).get(e.from)!).push(e);
  }
  const names = new Map<string, string>();
  for (const r of inv.roots) names.set(r.id, r.name);
  for (const c of inv.components) names.set(c.purl, `${c.name}@${c.version}`);
  return { incoming, outgoing, names };
}

/**
 * Shortest path from any root to `purl` (BFS backwards over incoming edges), as node ids
 * starting with the root id. Undefined when unreachable.
 */
export function shortestPathFromRoot(g: GraphIndex, purl: string, isRoot: (id: string) => boolean): string[] | undefined {
  const prev = new Map<string, string | null>([[purl, null]]);
  const queue = [purl];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    if (isRoot(node)) {
      const path: string[] = [];
      for (let n: string | null | undefined = node; n; n = prev.get(n)) path.push(n);
      return path;
    }
    for (const e of g.incoming.get(node) ?? []) {
      if (prev.has(e.from)) continue;
      prev.set(e.from, node);
      queue.push(e.from);
    }
  }
  return undefined;
}

/** Human-readable path (`my-app › express@4.18.2 › debug@2.6.9`), or undefined. */
export function describePath(inv: Inventory, g: GraphIndex, purl: string): string[] | undefined {
  const roots = new Set(inv.roots.map((r) => r.id));
  const p = shortestPathFromRoot(g, purl, (id) => roots.has(id));
  return p?.map((id) => g.names.get(id) ?? id);
}
