/**
 * Wrap an `affected` outcome in the one ScanResult model, so every report format renders it:
 * findings per affected component and target, `facts.affected` holding the table, the scanned
 * inventories' sources and problems, and a union of their components.
 */
import { finalizeResult, newResult } from '../core/result-builder.js';
import type { ScanResult } from '../core/result.js';
import type { InventoryComponent, Problem } from '../core/types.js';
import { AFFECTED_FACTS, type AffectedOutcome, type AffectedTarget } from '../analyzers/advisories/affected.js';
import { putResultFacts } from '../core/facts.js';

export function buildAffectedResult(
  outcome: AffectedOutcome,
  targets: AffectedTarget[],
  problems: Problem[],
  opts: { target: string; offline?: boolean },
): ScanResult {
  const r = newResult('affected', opts.target, `affected:${outcome.table.advisory.id}:${opts.target}`);
  r.offline = opts.offline ?? false;
  const seen = new Map<string, InventoryComponent>();
  for (const t of targets) {
    r.inventory.sources.push(...t.inventory.sources);
    r.inventory.roots.push(...t.inventory.roots.map((root) => ({ ...root, id: `${root.id}@${t.label}`, path: t.label })));
    for (const c of t.inventory.components) if (!seen.has(c.purl)) seen.set(c.purl, c);
    r.inventory.problems.push(...t.inventory.problems);
  }
  r.inventory.components = [...seen.values()];
  r.findings = outcome.findings;
  r.problems = problems;
  putResultFacts(r, AFFECTED_FACTS, outcome.table);
  return finalizeResult(r);
}
