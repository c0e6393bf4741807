/**
 * Projects of the dashboard: every target with a stored scan, identified by a short hash of its
 * store key (so URLs never carry paths), and its scans over time.
 */
import { createHash } from 'node:crypto';
import { VigilError } from '../../core/errors.js';
import type { ScanResult } from '../../core/result.js';
import type { Store, StoredScan } from '../../store/types.js';

export interface ProjectSummary {
  id: string;
  /** What was scanned (directory or file) and the command that scanned it. */
  path: string;
  command: string;
  lastScanId: number;
  lastScanAt: string;
  summary: ScanResult['summary'];
}

export interface ScanPoint {
  id: number;
  at: string;
  summary: ScanResult['summary'];
}

export const projectId = (targetKey: string): string => createHash('sha256').update(targetKey).digest('hex').slice(0, 12);

export function listProjects(store: Store): ProjectSummary[] {
  return (store.latestScans?.() ?? [])
    .map((s) => ({
      id: projectId(s.targetKey),
      path: s.result.target.path,
      command: s.result.command,
      lastScanId: s.id,
      lastScanAt: s.at,
      summary: s.result.summary,
    }))
    .sort((a, b) => b.lastScanAt.localeCompare(a.lastScanAt));
}

/** The latest scan of one project; E_INPUT_NOT_FOUND when no project has that id. */
export function latestScanOf(store: Store, id: string): StoredScan {
  const hit = (store.latestScans?.() ?? []).find((s) => projectId(s.targetKey) === id);
  if (!hit) throw new VigilError('E_INPUT_NOT_FOUND', `no project with id ${id}`, { hint: 'GET /api/projects lists them' });
  return hit;
}

/** Scans of one project, oldest first (for charts over time). */
export function scansOf(store: Store, id: string, limit = 100): ScanPoint[] {
  const latest = latestScanOf(store, id);
  return store
    .scanHistory(latest.targetKey, limit)
    .map((s) => ({ id: s.id, at: s.at, summary: s.result.summary }))
    .reverse();
}

/** One stored scan by id; E_INPUT_NOT_FOUND when absent or unreadable. */
export function scanById(store: Store, id: number): StoredScan {
  const s = Number.isSafeInteger(id) && id > 0 ? store.scanById(id) : undefined;
  if (!s) throw new VigilError('E_INPUT_NOT_FOUND', `no stored scan with id ${id}`);
  return s;
}
