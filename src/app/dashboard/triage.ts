/**
 * Triage actions of the dashboard. Suppressing writes the suppression (rule + subject + reason +
 * optional expiry, plus who and when; the subject is this version, every version of the package or
 * a prefix, as the user chose: suppression-subject.ts) to the project's vigil.config.json — the same place a person
 * would write it, so the next `vigil scan` honours it; acknowledging is kept in the store. Both are
 * audited in the store: who, when, what and why.
 */
import { VigilError } from '../../core/errors.js';
import { sanitizeText } from '../../core/sanitize.js';
import type { Store } from '../../store/types.js';
import { appendSuppression, configPathFor, type WrittenSuppression } from './config-writer.js';
import { triagedScan, type TriagedFinding } from './overlay.js';
import { latestScanOf } from './projects.js';
import { SUPPRESSION_SCOPES, suppressionSubject, type SuppressionScope } from './suppression-subject.js';
import { TriageStore, type AuditEntry } from './triage-store.js';

export interface TriageRequest {
  project: string;
  finding: string;
  reason: string;
  /** Who decided (free text; the dashboard has no accounts). */
  by: string;
  /** ISO date after which the suppression stops applying. */
  expires?: string;
  /** What a suppression covers: this version (default), every version of the package, or a subject prefix. */
  scope: SuppressionScope;
  prefix?: string;
}

export const MAX_REASON = 500;

/** Validates a raw JSON body; E_USAGE names the bad field. */
export function parseTriageRequest(body: unknown, defaultBy: string, now = new Date()): TriageRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new VigilError('E_USAGE', 'the body must be a JSON object');
  const b = body as Record<string, unknown>;
  const text = (k: string, max: number, required: boolean): string | undefined => {
    const v = b[k];
    if (v === undefined || v === null || v === '') {
      if (required) throw new VigilError('E_USAGE', `"${k}" is required`);
      return undefined;
    }
    if (typeof v !== 'string') throw new VigilError('E_USAGE', `"${k}" must be a string`);
    const s = sanitizeText(v.replace(/[\r\n\t]+/g, ' ')).trim();
    if (!s && required) throw new VigilError('E_USAGE', `"${k}" is required`);
    if (s.length > max) throw new VigilError('E_USAGE', `"${k}" is longer than ${max} characters`);
    return s || undefined;
  };
  const expires = text('expires', 40, false);
  if (expires !== undefined) {
    const t = Date.parse(expires);
    if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}/.test(expires))
      throw new VigilError('E_USAGE', '"expires" must be an ISO date (2027-01-31)');
    if (t <= now.getTime()) throw new VigilError('E_USAGE', '"expires" must be in the future');
  }
  const scope = text('scope', 10, false) ?? 'version';
  if (!(SUPPRESSION_SCOPES as readonly string[]).includes(scope))
    throw new VigilError('E_USAGE', `"scope" must be one of ${SUPPRESSION_SCOPES.join(', ')}`);
  const prefix = text('prefix', 500, false);
  return {
    project: text('project', 64, true)!,
    scope: scope as SuppressionScope,
    ...(prefix ? { prefix } : {}),
    finding: text('finding', 128, true)!,
    reason: text('reason', MAX_REASON, true)!,
    by: text('by', 100, false) ?? defaultBy,
    ...(expires ? { expires } : {}),
  };
}

function locate(store: Store, r: TriageRequest): { finding: TriagedFinding; path: string } {
  const t = triagedScan(store, latestScanOf(store, r.project));
  const finding = t.result.findings.find((f) => f.id === r.finding);
  if (!finding) throw new VigilError('E_INPUT_NOT_FOUND', `project ${r.project} has no finding ${r.finding} in its latest scan`);
  return { finding, path: t.scan.result.target.path };
}

/** The audit entry of one decision on a located finding. */
function auditOf(
  r: TriageRequest,
  found: { finding: TriagedFinding; path: string },
  action: AuditEntry['action'],
  at: string,
  writtenTo: string,
  subject = found.finding.subject,
): AuditEntry {
  const { finding, path } = found;
  return {
    at,
    by: r.by,
    action,
    project: r.project,
    path,
    finding: r.finding,
    rule: finding.rule,
    subject,
    ...(action === 'suppress' ? { scope: r.scope } : {}),
    reason: r.reason,
    ...(r.expires && action === 'suppress' ? { expires: r.expires } : {}),
    writtenTo,
  };
}

export function suppressFinding(store: Store, r: TriageRequest, now = new Date()): { suppression: WrittenSuppression; audit: AuditEntry } {
  const found = locate(store, r);
  const { finding } = found;
  if (finding.status === 'suppressed') throw new VigilError('E_USAGE', `finding ${r.finding} is already suppressed`);
  const configPath = configPathFor(found.path);
  const at = now.toISOString();
  const suppression: WrittenSuppression = {
    rule: finding.rule,
    subject: suppressionSubject(finding.subject, r.scope, r.prefix),
    reason: r.reason,
    ...(r.expires ? { expires: r.expires } : {}),
    by: r.by,
    at,
  };
  appendSuppression(configPath, suppression);
  const audit = auditOf(r, found, 'suppress', at, configPath, suppression.subject);
  new TriageStore(store).record(audit);
  return { suppression, audit };
}

export function acknowledgeFinding(store: Store, r: TriageRequest, now = new Date()): { audit: AuditEntry } {
  const found = locate(store, r);
  const at = now.toISOString();
  const triage = new TriageStore(store);
  const audit = auditOf(r, found, 'acknowledge', at, 'store');
  store.transaction(() => {
    triage.acknowledge(r.project, r.finding, { by: r.by, at, note: r.reason });
    triage.record(audit);
  });
  return { audit };
}
