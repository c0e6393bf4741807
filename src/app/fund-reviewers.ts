/**
 * What `vigil fund --reviewer-share` reads besides the funding data: the audit coverage of the
 * inventory (supply-chain/, docs/audits.md) and every reviewer funding channel declared in this
 * project's audits and in its fetched imports.
 */
import { VigilError } from '../core/errors.js';
import type { Inventory } from '../core/types.js';
import { loadSupplyChain, supplyChainDir, type AuditReport } from '../audit/index.js';
import type { ReviewerInfo } from '../audit/types.js';
import { hasSupplyChain, runAuditCheck } from '../engine/audit-check.js';

export async function loadReviewerInputs(inventory: Inventory, project: string): Promise<{ report: AuditReport; info: ReviewerInfo[] }> {
  if (!hasSupplyChain(project))
    throw new VigilError('E_USAGE', `--reviewer-share needs recorded audits: ${supplyChainDir(project)} does not exist`, {
      hint: 'record reviews with `vigil audit record` (docs/audits.md), or leave --reviewer-share out',
    });
  const sc = loadSupplyChain(supplyChainDir(project));
  const info = [...(sc.local.reviewers ?? []), ...[...sc.imported.values()].flatMap((s) => s.reviewers ?? [])];
  return { report: await runAuditCheck({ inventory, project }), info };
}
