/**
 * `vigil guard --format json`: the decision as data (docs/json-schema.md, "Guard"). One object:
 * the command, how it was planned, every new or changed package with its verdict and unsuppressed
 * findings, the action and the reasons, and the scan's problems. Pure: (outcome) => string.
 */
import type { GuardOutcome } from '../app/guard/guard.js';
import { SCHEMA_VERSION } from '../core/result.js';
import { SEVERITIES, type Severity } from '../core/types.js';

export function renderGuardJson(o: GuardOutcome): string {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const r of o.decision.rows) for (const f of r.findings) counts[f.severity]++;
  const doc = {
    schemaVersion: SCHEMA_VERSION,
    command: 'guard',
    tool: o.result.tool,
    invocation: { tool: o.invocation.tool, args: o.invocation.args, kind: o.invocation.kind },
    plan: { ...(o.method ? { method: o.method } : {}), ...(o.planError ? { error: o.planError } : {}) },
    action: o.decision.action,
    reasons: o.decision.reasons,
    summary: {
      changed: o.changes.length,
      unchanged: o.unchanged,
      otherPlatforms: o.otherPlatforms,
      verdicts: {
        ok: o.decision.rows.filter((r) => r.verdict === 'ok').length,
        warn: o.decision.rows.filter((r) => r.verdict === 'warn').length,
        block: o.decision.rows.filter((r) => r.verdict === 'block').length,
        unanalysed: o.decision.rows.filter((r) => r.verdict === 'unanalysed').length,
      },
      findings: counts,
    },
    packages: o.decision.rows.map((r) => ({
      purl: r.purl,
      name: r.name,
      version: r.version,
      change: r.change,
      ...(r.from ? { from: r.from } : {}),
      verdict: r.verdict,
      findings: r.findings,
      problems: r.problems,
    })),
    problems: o.result.problems,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
