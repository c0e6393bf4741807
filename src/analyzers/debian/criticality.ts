/**
 * Criticality of installed source packages on a host, explainable: how many installed packages
 * depend on it (reverse-dependency closure over the installed graph), which privileged services
 * load it (network-facing weigh more), and whether dpkg marks it Essential / Priority required.
 * Weights are here, in one place.
 */
import type { Inventory } from '../../core/types.js';
import type { PrivilegedPathFact } from './privileged-paths.js';

export const CRITICALITY_WEIGHTS = { rdepsLog2: 1, networkService: 3, privilegedService: 1.5, essential: 2, required: 1 } as const;

export interface SourceCriticality {
  source: string;
  score: number;
  binaries: string[];
  reverseDependencies: number;
  services: { network: string[]; privileged: string[] };
  essential: boolean;
  priority?: string;
  reasons: string[];
}

export function hostCriticality(inv: Inventory, paths: PrivilegedPathFact[], top = 40): SourceCriticality[] {
  const comps = inv.components.filter((c) => c.ecosystem === 'deb');
  const rev = new Map<string, string[]>();
  for (const e of inv.edges) if (!e.from.startsWith('root:')) (rev.get(e.to) ?? rev.set(e.to, []).get(e.to)!).push(e.from);
  const bySource = new Map<string, typeof comps>();
  for (const c of comps) {
    const s = String(c.meta?.source ?? c.name);
    (bySource.get(s) ?? bySource.set(s, []).get(s)!).push(c);
  }
  const svcBySource = new Map<string, { network: Set<string>; privileged: Set<string> }>();
  for (const p of paths) {
    for (const l of p.libraries) {
      const v = svcBySource.get(l.source) ?? svcBySource.set(l.source, { network: new Set(), privileged: new Set() }).get(l.source)!;
      v[p.exposure].add(p.service);
    }
  }
  const out: SourceCriticality[] = [];
  for (const [source, bins] of bySource) {
    const seen = new Set(bins.map((b) => b.purl));
    const queue = [...seen];
    while (queue.length)
      for (const f of rev.get(queue.pop()!) ?? [])
        if (!seen.has(f)) {
          seen.add(f);
          queue.push(f);
        }
    const rdeps = seen.size - bins.length;
    const svc = svcBySource.get(source) ?? { network: new Set<string>(), privileged: new Set<string>() };
    const essential = bins.some((b) => b.meta?.essential === true);
    const priority =
      bins.map((b) => String(b.meta?.priority ?? '')).find((p) => p === 'required') ?? (bins[0]?.meta?.priority as string | undefined);
    const w = CRITICALITY_WEIGHTS;
    const score =
      w.rdepsLog2 * Math.log2(1 + rdeps) +
      w.networkService * svc.network.size +
      w.privilegedService * svc.privileged.size +
      (essential ? w.essential : 0) +
      (priority === 'required' ? w.required : 0);
    const reasons: string[] = [];
    if (svc.network.size) reasons.push(`loaded by network-facing ${[...svc.network].join(', ')}`);
    if (svc.privileged.size) reasons.push(`loaded by privileged ${[...svc.privileged].join(', ')}`);
    if (rdeps) reasons.push(`${rdeps} installed packages depend on it`);
    if (essential) reasons.push('Essential: yes');
    else if (priority === 'required') reasons.push('Priority: required');
    out.push({
      source,
      score: Math.round(score * 100) / 100,
      binaries: bins.map((b) => b.name).sort(),
      reverseDependencies: rdeps,
      services: { network: [...svc.network], privileged: [...svc.privileged] },
      essential,
      priority,
      reasons,
    });
  }
  return out.sort((a, b) => b.score - a.score || a.source.localeCompare(b.source)).slice(0, top);
}
