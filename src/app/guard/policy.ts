/**
 * The guard policy and the decision it makes over the analysis of what a command would add:
 * block at or above `blockAt`, ask (or warn) at or above `warnAt`, install scripts reviewed in
 * `allowScripts` do not count, and a component that could not be analysed blocks when
 * `failClosed` (the default) — otherwise it only warns.
 */
import type { ScanResult } from '../../core/result.js';
import { severityRank } from '../../core/result-builder.js';
import type { Finding, Problem, Severity } from '../../core/types.js';
import type { ChangeKind, PlannedChange } from './changes.js';

export interface GuardPolicy {
  blockAt: Severity;
  warnAt: Severity;
  /** Packages whose install scripts were reviewed: `name` (any version), `name@version`, or a purl. */
  allowScripts: string[];
  failClosed: boolean;
}

export type Verdict = 'ok' | 'warn' | 'block' | 'unanalysed';

export interface GuardRow {
  purl: string;
  name: string;
  version: string;
  change: ChangeKind;
  from?: string[];
  verdict: Verdict;
  /** Unsuppressed findings, most severe first. */
  findings: Finding[];
  /** Why the component could not be (fully) analysed. */
  problems: Problem[];
}

export type GuardAction = 'run' | 'confirm' | 'block';

export interface GuardDecision {
  action: GuardAction;
  rows: GuardRow[];
  /** One line per reason for blocking or asking, most serious first. */
  reasons: string[];
}

export function decide(result: ScanResult, changes: PlannedChange[], policy: GuardPolicy): GuardDecision {
  const content = result.facts['content'] ?? {};
  const rows: GuardRow[] = changes.map((ch) => {
    const c = ch.component;
    // Already most severe first: finalizeResult sorts a result's findings (a verdict read back keeps
    // that order), and sorting again would load ICU's collator (~12 ms) on every guarded install.
    const findings = result.findings.filter((f) => f.subject === c.purl && !f.suppressed);
    const problems = result.problems.filter((p) => p.subject === c.purl);
    const top = findings[0];
    let verdict: Verdict = 'ok';
    if (top && severityRank(top.severity) >= severityRank(policy.blockAt)) verdict = 'block';
    else if (c.ecosystem === 'npm' && !content[c.purl]) verdict = 'unanalysed';
    else if (top && severityRank(top.severity) >= severityRank(policy.warnAt)) verdict = 'warn';
    return {
      purl: c.purl,
      name: c.name,
      version: c.version,
      change: ch.kind,
      ...(ch.from ? { from: ch.from } : {}),
      verdict,
      findings,
      problems,
    };
  });

  const reasons: string[] = [];
  for (const r of rows.filter((x) => x.verdict === 'block')) {
    for (const f of r.findings.filter((x) => severityRank(x.severity) >= severityRank(policy.blockAt)))
      reasons.push(`${r.name}@${r.version}: ${f.severity} ${f.rule}: ${f.title}`);
  }
  for (const r of rows.filter((x) => x.verdict === 'unanalysed')) {
    const why = r.problems[0]?.message ?? 'its contents could not be read';
    reasons.push(`${r.name}@${r.version} could not be analysed${policy.failClosed ? ', failing closed' : ''}: ${why}`);
  }
  for (const r of rows.filter((x) => x.verdict === 'warn'))
    reasons.push(`${r.name}@${r.version}: ${r.findings[0]!.severity} ${r.findings[0]!.rule}: ${r.findings[0]!.title}`);

  const blocked = rows.some((r) => r.verdict === 'block') || (policy.failClosed && rows.some((r) => r.verdict === 'unanalysed'));
  const ask = rows.some((r) => r.verdict === 'warn' || r.verdict === 'unanalysed');
  return { action: blocked ? 'block' : ask ? 'confirm' : 'run', rows, reasons };
}
