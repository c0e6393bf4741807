/** Criticality of one component in the user's own graph (signals and weights: weights.ts). */
import type { InventoryComponent } from '../core/types.js';
import { CRITICALITY as W, NETWORK_SERVICE_FACTOR } from './weights.js';
import { combine, logTerm, type Signal } from './openssf.js';
import type { GraphMetrics } from './graph-metrics.js';

export interface PrivilegedUse {
  network: Set<string>;
  privileged: Set<string>;
}

export interface CriticalityInput {
  component: InventoryComponent;
  graph: GraphMetrics | undefined;
  totalRoots: number;
  privileged?: PrivilegedUse;
  /** True when the scan had Debian privileged-path facts (otherwise the signal is unknown). */
  privilegedKnown: boolean;
  ecosystem?: { dependents: number; source: string };
}

export function criticalityOf(i: CriticalityInput) {
  const g = i.graph ?? { rootsReaching: 0, directDependents: 0, dependents: 0, dependencies: 0 };
  const c = i.component;
  const signals: Signal[] = [];
  const roots = Math.max(1, i.totalRoots);
  signals.push({
    name: 'rootsReaching',
    value: g.rootsReaching,
    weight: W.rootsReaching.weight,
    term: logTerm(g.rootsReaching, roots),
    explanation:
      g.rootsReaching === 0
        ? 'not reached from any root (orphan entry in the input)'
        : `reached from ${g.rootsReaching} of ${i.totalRoots} root(s)${g.depth === 1 ? ', a direct dependency' : g.depth ? `, ${g.depth} hops from a root` : ''}`,
  });
  const runtime = !c.dev;
  signals.push({
    name: 'runtime',
    value: runtime,
    weight: W.runtime.weight,
    term: runtime ? 1 : 0,
    explanation: runtime
      ? c.optional
        ? 'runtime dependency (optional)'
        : 'runtime dependency'
      : 'dev-only: not shipped or run in production',
  });
  signals.push({
    name: 'dependents',
    value: g.dependents,
    weight: W.dependents.weight,
    term: logTerm(g.dependents, W.dependents.threshold),
    explanation: `${g.dependentsAtLeast ? 'at least ' : ''}${g.dependents} package(s) in your graph depend on it directly or transitively (saturates at ${W.dependents.threshold})`,
  });
  signals.push({
    name: 'directDependents',
    value: g.directDependents,
    weight: W.directDependents.weight,
    term: logTerm(g.directDependents, W.directDependents.threshold),
    explanation: `${g.directDependents} package(s) or root(s) declare it directly`,
  });
  signals.push({
    name: 'dependencies',
    value: g.dependencies,
    weight: W.dependencies.weight,
    term: logTerm(g.dependencies, W.dependencies.threshold),
    explanation: `pulls in ${g.dependenciesAtLeast ? 'at least ' : ''}${g.dependencies} package(s)`,
  });
  if (i.privilegedKnown) {
    const net = i.privileged?.network.size ?? 0;
    const priv = i.privileged?.privileged.size ?? 0;
    const v = NETWORK_SERVICE_FACTOR * net + priv;
    const names = [...(i.privileged?.network ?? []), ...(i.privileged?.privileged ?? [])];
    signals.push({
      name: 'privileged',
      value: v,
      weight: W.privileged.weight,
      term: logTerm(v, W.privileged.threshold),
      explanation: v
        ? `loaded by privileged service(s) ${names.join(', ')}${net ? ` (${net} network-facing)` : ''}`
        : 'on no privileged service path',
    });
  } else {
    signals.push({
      name: 'privileged',
      value: 'unknown',
      weight: W.privileged.weight,
      term: undefined,
      explanation: 'unknown: no privileged-path facts (Debian host scans only)',
    });
  }
  if (i.ecosystem && Number.isFinite(i.ecosystem.dependents) && i.ecosystem.dependents >= 0) {
    signals.push({
      name: 'ecosystemDependents',
      value: i.ecosystem.dependents,
      weight: W.ecosystemDependents.weight,
      term: logTerm(i.ecosystem.dependents, W.ecosystemDependents.threshold),
      explanation: `${i.ecosystem.dependents} reverse dependencies ecosystem-wide (${i.ecosystem.source})`,
    });
  } else {
    signals.push({
      name: 'ecosystemDependents',
      value: 'unknown',
      weight: W.ecosystemDependents.weight,
      term: undefined,
      explanation: 'unknown: no source provided ecosystem-wide dependents or downloads',
    });
  }
  return combine('criticality', signals);
}
