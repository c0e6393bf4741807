/** The rule catalogue: every rule any analyzer, command or engine stage can emit. `vigil rules` prints it. */
import type { RuleInfo } from './types.js';
import { ALL_ANALYZERS } from '../analyzers/registry.js';
import { ENGINE_RULES } from '../engine/rules.js';
import { HISTORY_RULES } from '../analyzers/history/rules.js';
import { DISCUSSION_RULES } from '../analyzers/discussion/rules.js';
import { DEBIAN_RULES } from '../analyzers/debian/rules.js';
import { ADVISORY_RULES } from '../analyzers/advisories/rules.js';
import { contentRules } from '../analyzers/content/rules.js';
import { CORRELATE_RULES } from '../correlate/rules.js';
import { AUDIT_RULES } from '../audit/findings.js';

/** Rules of commands whose analyzers do not run inside `vigil scan` (history, discuss, host...). */
const COMMAND_RULES: RuleInfo[] = [...CORRELATE_RULES, ...HISTORY_RULES, ...DISCUSSION_RULES, ...DEBIAN_RULES, ...ADVISORY_RULES, ...contentRules, ...AUDIT_RULES];

let cached: RuleInfo[] | undefined;

export function ruleCatalogue(): RuleInfo[] {
  if (cached) return cached;
  const seen = new Map<string, RuleInfo>();
  for (const r of [...ENGINE_RULES, ...ALL_ANALYZERS.flatMap((a) => a.rules), ...COMMAND_RULES]) if (!seen.has(r.id)) seen.set(r.id, r);
  cached = [...seen.values()].sort((a, b) => a.id.localeCompare(b.id));
  return cached;
}

export function findRule(id: string): RuleInfo | undefined {
  return ruleCatalogue().find((r) => r.id === id);
}
