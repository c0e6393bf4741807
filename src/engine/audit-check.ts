/**
 * The audit pipeline of `vigil audit check` and of the audit section in `vigil scan`: inventory +
 * supply-chain folder → coverage report, ranked with the scan's scores (last stored scan of the same
 * project, else graph position) and the registry's unpacked sizes when they are at hand.
 */
import { existsSync } from 'node:fs';
import type { Inventory } from '../core/types.js';
import type { ScanResult } from '../core/result.js';
import { analyzeGraph } from '../scoring/graph-metrics.js';
import { checkAudits, loadSupplyChain, packageKey, supplyChainDir, type AuditReport } from '../audit/index.js';
import type { Packument } from '../sources/npm/types.js';

export interface AuditCheckInput {
  inventory: Inventory;
  /** Project directory or lockfile; its `supply-chain/` folder is read. */
  project: string;
  /** The last scan's scores, when there is one (criticality × fragility ranks the reviews). */
  scores?: Record<string, unknown>;
  /** Registry metadata for unpacked sizes (skipped when absent or failing). */
  getPackument?: (name: string) => Promise<Packument>;
  today?: string;
}

function scoreImportance(scores: Record<string, unknown> | undefined) {
  return (purl: string): number | undefined => {
    const s = scores?.[purl] as { criticality?: unknown; fragility?: unknown } | undefined;
    if (typeof s?.criticality !== 'number') return undefined;
    const frag = typeof s.fragility === 'number' ? s.fragility : 0;
    return s.criticality * (0.5 + frag);
  };
}

function graphImportance(inv: Inventory) {
  const g = analyzeGraph(inv);
  return (purl: string): number => {
    const m = g.metrics.get(purl);
    return m ? 1 + Math.log2(1 + m.dependents) + m.rootsReaching + (m.depth === 1 ? 1 : 0) : 1;
  };
}

export function hasSupplyChain(project: string): boolean {
  return existsSync(supplyChainDir(project));
}

export async function runAuditCheck(i: AuditCheckInput): Promise<AuditReport> {
  const sc = loadSupplyChain(supplyChainDir(i.project));
  const byScore = scoreImportance(i.scores);
  const byGraph = graphImportance(i.inventory);
  const importance = (purl: string) => byScore(purl) ?? byGraph(purl);
  const first = checkAudits(i.inventory, sc, { today: i.today, importance });
  if (!i.getPackument || first.unaudited.length === 0) return first;
  const sizes = new Map<string, Packument | undefined>();
  const names = [
    ...new Set(first.unaudited.map((u) => i.inventory.components.find((c) => c.purl === u.purl)?.name).filter((n): n is string => !!n)),
  ];
  await Promise.all(
    names.map(async (n) => {
      try {
        sizes.set(n, await i.getPackument!(n));
      } catch {
        sizes.set(n, undefined);
      }
    }),
  );
  const nameOf = new Map(i.inventory.components.map((c) => [packageKey(c), c.name]));
  const sizeOf = (pkg: string, version: string) => sizes.get(nameOf.get(pkg) ?? '')?.versions[version]?.dist?.unpackedSize;
  return checkAudits(i.inventory, sc, { today: i.today, importance, sizeOf });
}

/** The scores fact of a stored scan result (tolerant reader: absent → undefined). */
export function storedScores(result: ScanResult | undefined): Record<string, unknown> | undefined {
  const s = result?.facts['scoring'];
  return s && typeof s === 'object' ? (s as Record<string, unknown>) : undefined;
}
