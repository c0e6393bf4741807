/**
 * A stored scan as it stands now: its findings with today's triage laid over them — suppressions
 * from the project's vigil.config.json as it is now (so a suppression added in the dashboard, or by
 * hand, shows without a new scan) and acknowledgements from the store.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isVigilError } from '../../core/errors.js';
import type { ScanResult } from '../../core/result.js';
import type { Finding, Problem } from '../../core/types.js';
import { applySuppressions, parseSuppressions } from '../../engine/suppressions.js';
import type { Store, StoredScan } from '../../store/types.js';
import { configPathFor, readConfigObject } from './config-writer.js';
import { projectId } from './projects.js';
import { TriageStore, type Acknowledgement } from './triage-store.js';

export type FindingStatus = 'open' | 'acknowledged' | 'suppressed';

export interface TriagedFinding extends Finding {
  /** Stable id within the project: the fingerprint, else a hash of rule, subject and title. */
  id: string;
  status: FindingStatus;
  acknowledged?: Acknowledgement;
}

export interface TriagedScan {
  project: string;
  scan: StoredScan;
  /** The scan result with triaged findings and re-counted summary. */
  result: Omit<ScanResult, 'findings'> & { findings: TriagedFinding[] };
  problems: Problem[];
}

export const findingId = (f: Finding): string =>
  f.fingerprint ?? createHash('sha256').update(`${f.rule}\0${f.subject}\0${f.title}`).digest('hex').slice(0, 16);

function currentSuppressions(targetPath: string, problems: Problem[]) {
  try {
    const path = configPathFor(targetPath);
    if (!existsSync(path)) return [];
    return parseSuppressions(readConfigObject(path)['suppressions'], path);
  } catch (e) {
    if (isVigilError(e, 'E_INPUT_NOT_FOUND')) return [];
    if (!isVigilError(e, 'E_CONFIG', 'E_SUPPRESSION')) throw e;
    problems.push({ code: e.code, message: e.where(), ...(e.file ? { file: e.file } : {}) });
    return [];
  }
}

export function triagedScan(store: Store, scan: StoredScan, now = new Date()): TriagedScan {
  const project = projectId(scan.targetKey);
  const problems: Problem[] = [];
  const findings: Finding[] = scan.result.findings.map((f) => ({ ...f }));
  const rules = currentSuppressions(scan.result.target.path, problems);
  const fresh = findings.filter((f) => !f.suppressed);
  const { applied } = applySuppressions(fresh, rules, now);
  const acks = new TriageStore(store).acknowledgements(project);
  const triaged = findings.map((f): TriagedFinding => {
    const id = findingId(f);
    const ack = acks.get(id);
    const status: FindingStatus = f.suppressed ? 'suppressed' : ack ? 'acknowledged' : 'open';
    return { ...f, id, status, ...(ack ? { acknowledged: ack } : {}) };
  });
  const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of triaged) if (!f.suppressed) counts[f.severity]++;
  const result = {
    ...scan.result,
    findings: triaged,
    suppressions: { ...scan.result.suppressions, applied: scan.result.suppressions.applied + applied },
    summary: { ...scan.result.summary, findings: counts, suppressed: triaged.length - triaged.filter((f) => !f.suppressed).length },
  };
  return { project, scan, result, problems };
}
