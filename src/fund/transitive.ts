/**
 * Transitive shares: a component passes a fraction τ of its weight (its own plus what it received)
 * on to its direct runtime dependencies, split equally, so dependencies of dependencies are paid
 * through the packages that use them. Cycles are condensed (members pass nothing to each other);
 * components without dependencies keep everything. Total weight is conserved.
 */
import type { Inventory } from '../core/types.js';
import { analyzeGraph } from '../scoring/graph-metrics.js';

export interface TransitiveWeight {
  /** Weight after passing on and receiving. */
  weight: number;
  /** Weight received from dependents. */
  received: number;
  /** Own weight plus received, before passing on (received / total is the share that came from dependents). */
  total: number;
  /** The dependents that passed the most, largest first (at most 3). */
  from: { purl: string; weight: number }[];
}

export function transitiveWeights(inv: Inventory, own: ReadonlyMap<string, number>, share: number): Map<string, TransitiveWeight> {
  const tau = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  const { scc } = analyzeGraph(inv);
  const deps = new Map<string, string[]>();
  for (const e of inv.edges) {
    if (e.kind === 'dev' || !scc.has(e.from) || !scc.has(e.to) || scc.get(e.from) === scc.get(e.to)) continue;
    const list = deps.get(e.from) ?? deps.set(e.from, []).get(e.from)!;
    if (!list.includes(e.to)) list.push(e.to);
  }
  const total = new Map<string, number>();
  const from = new Map<string, Map<string, number>>();
  for (const c of inv.components) total.set(c.purl, Math.max(0, Number.isFinite(own.get(c.purl)) ? own.get(c.purl)! : 0));
  // SCC ids number dependencies first, so dependents (higher ids) are complete before they pass on.
  const purls = inv.components.map((c) => c.purl).sort((a, b) => scc.get(b)! - scc.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  const out = new Map<string, TransitiveWeight>();
  for (const p of purls) {
    const t = total.get(p)!;
    const d = (deps.get(p) ?? []).sort();
    const passed = d.length && tau > 0 ? t * tau : 0;
    for (const x of d) {
      const part = passed / d.length;
      total.set(x, total.get(x)! + part);
      const m = from.get(x) ?? from.set(x, new Map()).get(x)!;
      m.set(p, (m.get(p) ?? 0) + part);
    }
    const m = from.get(p);
    const received = m ? [...m.values()].reduce((a, b) => a + b, 0) : 0;
    const top = m
      ? [...m]
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
          .slice(0, 3)
          .map(([purl, weight]) => ({ purl, weight }))
      : [];
    out.set(p, { weight: t - passed, received, total: t, from: top });
  }
  return out;
}
