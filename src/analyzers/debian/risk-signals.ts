/**
 * What turns "one person carries this library" (fragility: ranked and funded) into an incident to
 * look at: an installed binary of the source that no signed archive index vouches for, or a newcomer
 * carrying the recent uploads of a long-kept package (the xz-utils shape). Each signal is evidence a
 * reader can check.
 */
import type { Evidence, Finding, InventoryComponent } from '../../core/types.js';
import type { UploadHistory } from './uploads.js';

export function riskSignals(
  comps: readonly InventoryComponent[],
  archiveFindings: readonly Finding[],
  uploads?: UploadHistory,
): Evidence[] {
  const bySubject = new Map(archiveFindings.map((f) => [f.subject, f] as const));
  const out: Evidence[] = [];
  for (const c of comps) {
    const f = bySubject.get(c.purl);
    if (f) out.push({ kind: 'metadata', label: 'risk signal', field: 'Version', value: `${c.name} ${c.version}: ${f.title}` });
  }
  for (const n of takingOver(uploads)) {
    const plural = n.uploads === 1 ? '' : 's';
    out.push({
      kind: 'metadata',
      label: 'risk signal',
      field: 'uploads',
      value: `newcomer ${n.name} <${n.email}> uploading since ${n.first.slice(0, 10)} (${n.uploads} upload${plural})`,
    });
  }
  return out;
}

/**
 * Newcomers who carry the package now: at least two uploads and at least half of its uploads in the
 * last two years. A one-off upload by a newcomer (a security or QA upload, an NMU) is routine.
 */
function takingOver(uploads: UploadHistory | undefined): UploadHistory['newcomers'] {
  return (uploads?.newcomers ?? []).filter((n) => n.uploads >= 2 && n.uploads * 2 >= uploads!.recent);
}
