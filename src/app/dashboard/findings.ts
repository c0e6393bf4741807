/**
 * Findings across projects with filters: the latest scan of each project (or one), triage laid over,
 * then severity (at or above), rule (exact, or a family as `content/*`), package (name or purl,
 * any version), status and free text. Worst first; paged.
 */
import { VigilError } from '../../core/errors.js';
import { severityRank } from '../../core/result-builder.js';
import { parsePurl } from '../../core/purl.js';
import { SEVERITIES, type Severity } from '../../core/types.js';
import type { Problem } from '../../core/types.js';
import type { Store } from '../../store/types.js';
import { triagedScan, type FindingStatus, type TriagedFinding } from './overlay.js';
import { latestScanOf } from './projects.js';

export interface FindingQuery {
  project?: string;
  severity?: Severity;
  rule?: string;
  package?: string;
  status?: FindingStatus | 'all';
  q?: string;
  limit?: number;
  offset?: number;
}

export interface ProjectFinding extends TriagedFinding {
  project: string;
  path: string;
}

export interface FindingPage {
  total: number;
  offset: number;
  findings: ProjectFinding[];
  problems: Problem[];
}

const STATUSES = ['open', 'acknowledged', 'suppressed', 'all'] as const;
export const MAX_PAGE = 1000;

/** Checks raw query-string values; E_USAGE names the bad parameter. */
export function parseFindingQuery(p: URLSearchParams): FindingQuery {
  const q: FindingQuery = {};
  const str = (k: string): string | undefined => {
    const v = p.get(k);
    return v === null || v === '' ? undefined : v;
  };
  const sev = str('severity');
  if (sev !== undefined) {
    if (!(SEVERITIES as readonly string[]).includes(sev))
      throw new VigilError('E_USAGE', `severity must be one of ${SEVERITIES.join(', ')}`);
    q.severity = sev as Severity;
  }
  const status = str('status');
  if (status !== undefined) {
    if (!(STATUSES as readonly string[]).includes(status)) throw new VigilError('E_USAGE', `status must be one of ${STATUSES.join(', ')}`);
    q.status = status as FindingQuery['status'];
  }
  for (const k of ['project', 'rule', 'package', 'q'] as const) {
    const v = str(k);
    if (v !== undefined) q[k] = v;
  }
  for (const k of ['limit', 'offset'] as const) {
    const v = str(k);
    if (v === undefined) continue;
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 0) throw new VigilError('E_USAGE', `${k} must be a whole number`);
    q[k] = n;
  }
  return q;
}

function packageMatches(pattern: string, subject: string): boolean {
  if (pattern === subject) return true;
  try {
    const s = parsePurl(subject);
    if (pattern.startsWith('pkg:')) {
      const p = parsePurl(pattern);
      return p.type === s.type && p.fullName === s.fullName && (!p.version || p.version === s.version);
    }
    return s.fullName === pattern;
  } catch {
    return false;
  }
}

const ruleMatches = (pattern: string, rule: string): boolean =>
  pattern === rule || (pattern.endsWith('/*') && rule.startsWith(pattern.slice(0, -1)));

const haystack = (f: TriagedFinding): string =>
  [f.rule, f.subject, f.title, f.explanation, ...f.evidence.map((e) => JSON.stringify(e))].join('\n').toLowerCase();

export function matchesQuery(f: TriagedFinding, q: FindingQuery): boolean {
  const status = q.status ?? 'all';
  if (status !== 'all' && f.status !== status) return false;
  if (q.severity && severityRank(f.severity) < severityRank(q.severity)) return false;
  if (q.rule && !ruleMatches(q.rule, f.rule)) return false;
  if (q.package && !packageMatches(q.package, f.subject)) return false;
  if (q.q) {
    const hay = haystack(f);
    if (
      !q.q
        .toLowerCase()
        .split(/\s+/)
        .every((w) => hay.includes(w))
    )
      return false;
  }
  return true;
}

export function queryFindings(store: Store, q: FindingQuery): FindingPage {
  const scans = q.project ? [latestScanOf(store, q.project)] : (store.latestScans?.() ?? []);
  const all: ProjectFinding[] = [];
  const problems: Problem[] = [];
  for (const s of scans) {
    const t = triagedScan(store, s);
    problems.push(...t.problems);
    for (const f of t.result.findings) if (matchesQuery(f, q)) all.push({ ...f, project: t.project, path: s.result.target.path });
  }
  all.sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || a.rule.localeCompare(b.rule) || a.subject.localeCompare(b.subject),
  );
  const offset = q.offset ?? 0;
  const limit = Math.min(q.limit ?? 200, MAX_PAGE);
  return { total: all.length, offset, findings: all.slice(offset, offset + limit), problems };
}
