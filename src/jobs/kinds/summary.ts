/** What a finished job records about its result: counts, not the result (that is in the store). */
import type { ScanResult } from '../../core/result.js';
import { SEVERITIES, type Severity } from '../../core/types.js';

export interface JobSummary {
  target: string;
  components: number;
  findings: Partial<Record<Severity, number>>;
  problems: number;
}

export function summarize(r: ScanResult): JobSummary {
  const findings: Partial<Record<Severity, number>> = {};
  for (const s of SEVERITIES) {
    const n = r.findings.filter((f) => f.severity === s).length;
    if (n) findings[s] = n;
  }
  return { target: r.target.key, components: r.inventory.components.length, findings, problems: r.problems.length };
}
