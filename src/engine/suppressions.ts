/**
 * Suppressions are data: rule + subject + reason + optional expiry. Matching findings are kept but
 * marked suppressed; suppressions that matched nothing, or have expired, are reported back.
 */
import { VigilError } from '../core/errors.js';
import type { SuppressionRule } from '../core/result.js';
import { ruleCatalogue } from '../rules/catalogue.js';
import { renamedRule } from '../rules/renamed.js';
import { ruleMatches } from './apply-suppressions.js';

export { applySuppressions } from './apply-suppressions.js';

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
