/**
 * What turns "one person carries this library" (fragility: ranked and funded) into something to look
 * at: a newcomer carrying the recent uploads of a long-kept package (a trust transfer, the xz-utils
 * shape: worth a review, one step up), or an installed binary of the source that no signed archive
 * index vouches for (code of unknown origin inside a privileged service: an incident). Each signal is
 * evidence a reader can check.
 */
import type { Evidence, Finding, InventoryComponent, Severity } from '../../core/types.js';
import type { UploadHistory } from './uploads.js';

export interface RiskSignals {
  evidence: Evidence[];
  /** 0: fragility alone; 1: a trust transfer to review; 2: an unvouched build. */
  level: 0 | 1 | 2;
}

export function riskSignals(
  comps: readonly InventoryComponent[],
  archiveFindings: readonly Finding[],
  uploads?: UploadHistory,
): RiskSignals {
  const bySubject = new Map(archiveFindings.map((f) => [f.subject, f] as const));
  const out: Evidence[] = [];
  for (const c of comps) {
    const f = bySubject.get(c.purl);
    if (f) out.push({ kind: 'metadata', label: 'risk signal', field: 'Version', value: `${c.name} ${c.version}: ${f.title}` });
  }
  const unvouched = out.length > 0;
  const newcomers = takingOver(uploads);
  for (const n of newcomers) {
    const plural = n.uploads === 1 ? '' : 's';
    out.push({
      kind: 'metadata',
      label: 'risk signal',
      field: 'uploads',
      value: `newcomer ${n.name} <${n.email}> uploading since ${n.first.slice(0, 10)} (${n.uploads} upload${plural})`,
    });
  }
  return { evidence: out, level: unvouched ? 2 : newcomers.length ? 1 : 0 };
}

const LADDER: Severity[] = ['info', 'low', 'medium', 'high'];

/** Fragility alone: low on a network-facing path, info otherwise; each level of risk one step up. */
export function singleMaintainerSeverity(network: boolean, level: RiskSignals['level']): Severity {
  return LADDER[(network ? 1 : 0) + level]!;
}

/**
 * Newcomers who carry the package now: at least two uploads and at least half of its uploads in the
 * last two years. A one-off upload by a newcomer (a security or QA upload, an NMU) is routine.
 */
function takingOver(uploads: UploadHistory | undefined): UploadHistory['newcomers'] {
  return (uploads?.newcomers ?? []).filter((n) => n.uploads >= 2 && n.uploads * 2 >= uploads!.recent);
}
