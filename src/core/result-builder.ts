/** Build a ScanResult for any command (scan, inspect, history, discuss...), so every renderer works. */
import { createHash } from 'node:crypto';
import { SCHEMA_VERSION, type ScanResult } from './result.js';
import { SEVERITIES, type Finding, type Problem, type Severity } from './types.js';
import { VERSION } from './version.js';

export function newResult(command: string, targetPath: string, targetKey = targetPath): ScanResult {
  const now = new Date().toISOString();
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'vigil', version: VERSION },
    command,
    startedAt: now,
    finishedAt: now,
    target: { path: targetPath, key: targetKey },
    offline: false,
    inventory: { sources: [], roots: [], components: [], edges: [], problems: [] },
    findings: [],
    problems: [],
    unavailable: [],
    skipped: [],
    suppressions: { applied: 0, unused: [], expired: [] },
    facts: {},
    summary: { components: 0, findings: { info: 0, low: 0, medium: 0, high: 0, critical: 0 }, suppressed: 0, unchecked: 0, problems: 0 },
  };
}

const SEV_RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
export const severityRank = (s: Severity): number => SEV_RANK[s];

/** Stable id of a finding across re-scans: rule + subject + the evidence locations that identify it. */
export function fingerprint(f: Finding): string {
  const key = [
    f.rule,
    f.subject,
    ...f.evidence.map((e) => [e.file ?? '', e.field ?? '', e.commit ?? '', e.messageId ?? ''].join('|')),
  ].join('\n');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** Deterministic order: severity desc, rule, subject, title. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEV_RANK[b.severity] - SEV_RANK[a.severity] ||
    a.rule.localeCompare(b.rule) ||
    a.subject.localeCompare(b.subject) ||
    a.title.localeCompare(b.title)
  );
}

/**
 * Fill fingerprints, sort, and compute the summary. Call once before rendering or storing.
 * `sorted`: the findings are already in compareFindings order (read back from a finalized result), so
 * they are not sorted again — its first string comparison loads ICU's collator, ~12 ms.
 */
export function finalizeResult(r: ScanResult, o: { sorted?: boolean } = {}): ScanResult {
  r.problems = dedupeProblems(r.problems, r.inventory.problems);
  for (const f of r.findings) f.fingerprint ??= fingerprint(f);
  if (!o.sorted) r.findings.sort(compareFindings);
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let suppressed = 0;
  for (const f of r.findings) {
    if (f.suppressed) suppressed++;
    else counts[f.severity]++;
  }
  r.summary = { components: r.inventory.components.length, findings: counts, suppressed, ...partiality(r) };
  r.finishedAt = new Date().toISOString();
  return r;
}

/** How partial a result is: components a problem names, and problems in all (inventory + checks). */
export function partiality(r: Pick<ScanResult, 'inventory' | 'problems'>): { unchecked: number; problems: number } {
  const purls = new Set(r.inventory.components.map((c) => c.purl));
  const all = [...r.inventory.problems, ...r.problems];
  const named = new Set<string>();
  let problems = 0;
  for (const p of all) {
    problems += p.subjects?.length ?? 1;
    for (const s of p.subjects ?? (p.subject === undefined ? [] : [p.subject])) if (purls.has(s)) named.add(s);
  }
  return { unchecked: named.size, problems };
}

/** True when --fail-on cannot vouch for the result: something could not be checked. */
export function isPartial(r: ScanResult): boolean {
  return partiality(r).problems > 0;
}

/** Problems once each: a command that copies the inventory's problems into its own lists them once. */
function dedupeProblems(problems: Problem[], already: Problem[]): Problem[] {
  const key = (p: Problem) => [p.code, p.subject ?? '', p.file ?? '', p.line ?? '', p.message].join('\n');
  const seen = new Set(already.map(key));
  return problems.filter((p) => !seen.has(key(p)) && Boolean(seen.add(key(p))));
}
