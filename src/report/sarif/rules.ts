/** SARIF reporting descriptors from the rule catalogue, with the help text code scanning shows. */
import type { ReportingDescriptor } from 'sarif';
import type { Severity } from '../../core/types.js';
import type { RuleInfo } from '../../core/rule.js';

export type SarifLevel = 'error' | 'warning' | 'note';

export function level(s: Severity): SarifLevel {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}

/** GitHub code scanning reads `security-severity` (0.1–10) to rank security alerts. */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.5' };

const pascal = (id: string): string =>
  id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

export function descriptor(r: RuleInfo): ReportingDescriptor {
  const text = `${r.meaning}\n\nWhy it matters: ${r.why}\n\nExample: ${r.example}\n\nHow to suppress: ${r.suppress}`;
  const markdown = `${r.meaning}\n\n**Why it matters.** ${r.why}\n\n**Example.** ${r.example}\n\n**How to suppress.**\n\n\`\`\`\n${r.suppress.replace(/```/g, "'''")}\n\`\`\``;
  return {
    id: r.id,
    name: pascal(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: r.meaning },
    help: { text, markdown },
    defaultConfiguration: { level: level(r.severity) },
    properties: { tags: ['security', 'supply-chain', r.id.split('/')[0] ?? 'vigil'], 'security-severity': SECURITY_SEVERITY[r.severity] },
  };
}

/** For a rule id a finding uses but the catalogue lacks: still valid, just without help. */
export function stubDescriptor(id: string, severity: Severity): ReportingDescriptor {
  return {
    id,
    name: pascal(id),
    shortDescription: { text: id },
    defaultConfiguration: { level: level(severity) },
    properties: { tags: ['security', 'supply-chain'], 'security-severity': SECURITY_SEVERITY[severity] },
  };
}
