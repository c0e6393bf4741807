/**
 * Which entries count: this project's own, plus each import's entries for the packages and criteria
 * its trust policy accepts. Imported violations are kept for the packages the import is trusted for
 * (a report that a version is unsafe is worth hearing even for criteria we do not import).
 */
import { CriteriaGraph, BUILTIN_CRITERIA } from './criteria.js';
import type { AuditEntry, ImportSpec, SupplyChain } from './types.js';

export function packageMatches(pattern: string, pkg: string): boolean {
  if (pattern.endsWith('*')) return pkg.startsWith(pattern.slice(0, -1));
  return pattern === pkg;
}

function accepted(spec: ImportSpec, graph: CriteriaGraph): Set<string> {
  const names = spec.criteria.length > 0 ? spec.criteria : BUILTIN_CRITERIA.map((c) => c.name);
  return new Set(names.filter((n) => graph.has(n)));
}

export interface TrustedEntries {
  graph: CriteriaGraph;
  byPackage: Map<string, AuditEntry[]>;
  /** Imports listed in config.toml that have not been fetched into imports.lock. */
  unfetched: string[];
}

export function trustedEntries(sc: SupplyChain): TrustedEntries {
  const graph = new CriteriaGraph(sc.local.criteria);
  const all: AuditEntry[] = [...sc.local.entries];
  const unfetched: string[] = [];
  for (const spec of sc.imports) {
    const set = sc.imported.get(spec.name);
    if (!set) {
      unfetched.push(spec.name);
      continue;
    }
    const ok = accepted(spec, graph);
    for (const e of set.entries) {
      if (spec.packages.length > 0 && !spec.packages.some((p) => packageMatches(p, e.package))) continue;
      if (e.kind === 'violation') {
        all.push(e);
        continue;
      }
      const criteria = e.criteria.filter((c) => ok.has(c));
      if (criteria.length > 0) all.push({ ...e, criteria });
    }
  }
  const byPackage = new Map<string, AuditEntry[]>();
  for (const e of all) byPackage.set(e.package, [...(byPackage.get(e.package) ?? []), e]);
  return { graph, byPackage, unfetched };
}
