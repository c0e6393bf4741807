/**
 * Shortest dependency path from any root to each component, by breadth-first search over the
 * inventory edges. Paths are written as `root name` then `name@version` per hop.
 */
import type { Inventory } from '../../core/types.js';

export type PathFinder = (purl: string) => string[];

export function dependencyPaths(inv: Inventory): PathFinder {
  const out = new Map<string, string[]>();
  for (const e of inv.edges) {
    let l = out.get(e.from);
    if (!l) out.set(e.from, (l = []));
    l.push(e.to);
  }
  const label = new Map<string, string>();
  for (const r of inv.roots) label.set(r.id, r.name);
  for (const c of inv.components) label.set(c.purl, `${c.name}@${c.version}`);
  const parent = new Map<string, string | null>();
  const queue: string[] = [];
  for (const r of inv.roots) {
    if (!parent.has(r.id)) {
      parent.set(r.id, null);
      queue.push(r.id);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const cur = queue[i]!;
    for (const next of out.get(cur) ?? []) {
      if (parent.has(next)) continue;
      parent.set(next, cur);
      queue.push(next);
    }
  }
  return (purl: string): string[] => {
    if (!parent.has(purl)) return [label.get(purl) ?? purl];
    const path: string[] = [];
    for (let cur: string | null | undefined = purl; cur != null; cur = parent.get(cur)) path.push(label.get(cur) ?? cur);
    return path.reverse();
  };
}
