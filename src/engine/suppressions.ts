/**
 * Suppressions are data: rule + subject + reason + optional expiry. Matching findings are kept but
 * marked suppressed; suppressions that matched nothing, or have expired, are reported back.
 */
import { VigilError } from '../core/errors.js';
import type { SuppressionRule } from '../core/result.js';
import type { Finding } from '../core/types.js';
import { parsePurl, purlWithoutVersion } from '../core/purl.js';
import { ruleCatalogue } from '../rules/catalogue.js';
import { renamedRule } from '../rules/renamed.js';

export function parseSuppressions(raw: unknown, source: string): SuppressionRule[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new VigilError('E_SUPPRESSION', `${source}: "suppressions" must be an array`);
  return raw.map((s, i) => {
    const where = `${source}: suppressions[${i}]`;
    if (!s || typeof s !== 'object') throw new VigilError('E_SUPPRESSION', `${where} must be an object`);
    const { rule, subject, reason, expires } = s as Record<string, unknown>;
    if (typeof rule !== 'string' || !rule) throw new VigilError('E_SUPPRESSION', `${where}.rule must be a rule id (see \`vigil rules\`)`);
    if (typeof subject !== 'string' || !subject)
      throw new VigilError('E_SUPPRESSION', `${where}.subject must be a purl, a purl prefix ending in *, or a package name`);
    if (typeof reason !== 'string' || !reason.trim())
      throw new VigilError('E_SUPPRESSION', `${where}.reason is required: say why this is accepted`);
    if (expires !== undefined && (typeof expires !== 'string' || Number.isNaN(Date.parse(expires)))) {
      throw new VigilError('E_SUPPRESSION', `${where}.expires must be an ISO date (e.g. 2027-01-31)`);
    }
    const renamed = renamedRule(rule);
    if (!renamed) checkRuleKnown(rule, `${where}.rule`);
    return { rule, subject, reason, expires: expires as string | undefined, source, ...(renamed ? { renamedTo: [...renamed.to] } : {}) };
  });
}

/**
 * A suppression must name a rule (or a family) the catalogue knows, or a retired rule id with
 * successors (src/rules/renamed.ts): a typo would silently suppress nothing.
 */
function checkRuleKnown(rule: string, where: string): void {
  const ids = ruleCatalogue().map((r) => r.id);
  if (ids.some((id) => ruleMatches(rule, id))) return;
  const family = rule.split('/')[0]!;
  const near = ids.filter((id) => id.startsWith(`${family}/`)).slice(0, 8);
  throw new VigilError('E_SUPPRESSION', `${where}: unknown rule "${rule}"`, {
    hint: near.length ? `rules of ${family}/: ${near.join(', ')}${near.length === 8 ? ', …' : ''}` : 'see `vigil rules` for every rule id',
  });
}

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

function ruleMatches(pattern: string, rule: string): boolean {
  return pattern === rule || pattern === '*' || (pattern.endsWith('/*') && rule.startsWith(pattern.slice(0, -1)));
}

export function applySuppressions(findings: Finding[], rules: SuppressionRule[], now = new Date()) {
  const used = new Set<SuppressionRule>();
  const expired: SuppressionRule[] = rules.filter((r) => r.expires && Date.parse(r.expires) < now.getTime());
  const active = rules.filter((r) => !expired.includes(r));
  let applied = 0;
  for (const f of findings) {
    const hit = active.find(
      (r) => (ruleMatches(r.rule, f.rule) || !!r.renamedTo?.includes(f.rule)) && subjectMatches(r.subject, f.subject),
    );
    if (!hit) continue;
    used.add(hit);
    f.suppressed = { reason: hit.reason, expires: hit.expires };
    applied++;
  }
  const renamed = rules.filter((r) => r.renamedTo);
  return { applied, unused: active.filter((r) => !used.has(r)), expired, ...(renamed.length ? { renamed } : {}) };
}
