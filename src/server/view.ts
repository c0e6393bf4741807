/**
 * The report view-model of a stored scan as it stands now (triage laid over), for the one web client:
 * the dashboard draws it with the same code as report.html, plus each finding's triage id and state.
 */
import type { ScanResult } from '../core/result.js';
import type { Problem } from '../core/types.js';
import { buildViewModel, type ReportViewModel } from '../report/view-model.js';
import type { RuleInfo } from '../core/rule.js';
import type { Store, StoredScan } from '../store/types.js';
import { triagedScan } from '../app/dashboard/overlay.js';

export interface DashboardView {
  project: string;
  scan: { id: number; at: string };
  view: ReportViewModel;
  problems: Problem[];
}

export function scanView(store: Store, scan: StoredScan, rules: RuleInfo[]): DashboardView {
  const t = triagedScan(store, scan);
  const view = buildViewModel(t.result as ScanResult, { rules });
  t.result.findings.forEach((f, i) => {
    const v = view.findings[i];
    if (!v) return;
    v.triage = { id: f.id, status: f.status };
    if (f.suppressed) v.suppressed = f.suppressed;
  });
  return { project: t.project, scan: { id: scan.id, at: scan.at }, view, problems: t.problems };
}
