/**
 * The policy's `allowScripts` as suppressions: install scripts a user reviewed no longer warn. Apart
 * from policy.ts so that a guarded install with nothing new loads no rule catalogue.
 */
import type { SuppressionRule } from '../../core/result.js';
import { installScriptRule } from '../../analyzers/npm/rules.js';
import { CONTENT_RULES } from '../../analyzers/content/rules.js';
import { npmPurl } from '../../core/purl.js';
import type { GuardPolicy } from './policy.js';

/** Rules an `allowScripts` entry accepts: the script's existence and its ordinary capabilities — never exfiltration or download-and-run. */
const REVIEWABLE_SCRIPT_RULES = [installScriptRule.id, CONTENT_RULES.installCapabilities];

export function allowScriptSuppressions(policy: GuardPolicy, source: string): SuppressionRule[] {
  return policy.allowScripts.flatMap((entry) => {
    const subject = entry.startsWith('pkg:') ? entry : entryToSubject(entry);
    return REVIEWABLE_SCRIPT_RULES.map((rule) => ({ rule, subject, reason: `install script reviewed (allowScripts: ${entry})`, source }));
  });
}

/** `name@1.2.3` → `pkg:npm/name@1.2.3`; a bare name matches every version. */
function entryToSubject(entry: string): string {
  const at = entry.lastIndexOf('@');
  if (at <= 0) return entry;
  return npmPurl(entry.slice(0, at), entry.slice(at + 1));
}
