/**
 * Applying suppressions to findings: matching ones are kept but marked suppressed; the rules that
 * matched nothing, or have expired, are reported back. Apart from parsing (suppressions.ts, which
 * checks rule ids against the whole rule catalogue), so that applying them loads no analyzer code.
 */
import type { SuppressionRule } from '../core/result.js';
import type { Finding } from '../core/types.js';
import { parsePurl, purlWithoutVersion } from '../core/purl.js';
import { renamedRule } from '../rules/renamed.js';

function subjectMatches(pattern: string, subject: string): boolean {
  if (pattern === subject) return true;
  if (pattern.endsWith('*')) return subject.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('pkg:')) {
    // A versionless purl matches every version of that package.
    try {
      return !parsePurl(pattern).version && purlWithoutVersion(subject) === pattern;
    } catch {
      return false;
    }
  }
  // A bare package name matches any version of that package in any ecosystem.
  try {
    return parsePurl(subject).fullName === pattern;
  } catch {
    return subject === pattern;
  }
}

export function ruleMatches(pattern: string, rule: string): boolean {
  return pattern === rule || pattern === '*' || (pattern.endsWith('/*') && rule.startsWith(pattern.slice(0, -1)));
}

export function applySuppressions(findings: Finding[], rules: SuppressionRule[], now = new Date()) {
  const used = new Set<SuppressionRule>();
  const expired: SuppressionRule[] = rules.filter((r) => r.expires && Date.parse(r.expires) < now.getTime());
  const active = rules.filter((r) => !expired.includes(r));
  let applied = 0;
  for (const f of findings) {
    // Either side may carry a retired id (src/rules/renamed.ts): an old config over a new finding, or a
    // new config over a stored finding (the dashboard lays today's config over past scans).
    const successors = renamedRule(f.rule)?.to;
    const hit = active.find(
      (r) =>
        (ruleMatches(r.rule, f.rule) || !!r.renamedTo?.includes(f.rule) || !!successors?.some((to) => ruleMatches(r.rule, to))) &&
        subjectMatches(r.subject, f.subject),
    );
    if (!hit) continue;
    used.add(hit);
    f.suppressed = { reason: hit.reason, expires: hit.expires };
    applied++;
  }
  const renamed = rules.filter((r) => r.renamedTo);
  return { applied, unused: active.filter((r) => !used.has(r)), expired, ...(renamed.length ? { renamed } : {}) };
}
