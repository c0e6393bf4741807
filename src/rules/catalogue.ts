/**
 * The rule catalogue: every rule any analyzer, command or engine stage can emit. `vigil rules` prints it.
 * It imports rule tables only, never analyzer code, so printing it stays fast; a test checks that every
 * registered analyzer's rules are listed here.
 */
import type { RuleInfo } from '../core/rule.js';
import { ENGINE_RULES } from './engine-rules.js';
import {
  installScriptRule,
  manifestConfusionRule,
  remoteDependencyRule,
  resolvedSourceRule,
  deprecatedRule,
  missingRepositoryRule,
} from '../analyzers/npm/rules.js';
import { RELEASE_DIFF_RULES } from '../analyzers/release-diff/rules.js';
import { artifactRules } from '../analyzers/artifact/rules.js';
import { binaryRules } from '../analyzers/binary/rules.js';
import { HISTORY_RULES } from '../analyzers/history/rules.js';
import { DISCUSSION_RULES } from '../analyzers/discussion/rules.js';
import { DEBIAN_RULES } from '../analyzers/debian/rules.js';
import { ADVISORY_RULES } from '../analyzers/advisories/rules.js';
import { contentRules } from '../analyzers/content/rules.js';
import { CORRELATE_RULES } from '../correlate/rules.js';
import { AUDIT_RULES } from '../audit/findings.js';

const NPM_RULES: RuleInfo[] = [
  installScriptRule,
  manifestConfusionRule,
  remoteDependencyRule,
  resolvedSourceRule,
  deprecatedRule,
  missingRepositoryRule,
];

/** Every rule table, whether its analyzer runs inside `vigil scan` or in its own command (history, discuss, host...). */
const RULE_TABLES: RuleInfo[] = [
  ...CORRELATE_RULES,
  ...NPM_RULES,
  ...contentRules,
  ...binaryRules,
  ...RELEASE_DIFF_RULES,
  ...artifactRules,
  ...HISTORY_RULES,
  ...DISCUSSION_RULES,
  ...DEBIAN_RULES,
  ...ADVISORY_RULES,
  ...AUDIT_RULES,
];

let cached: RuleInfo[] | undefined;

export function ruleCatalogue(): RuleInfo[] {
  if (cached) return cached;
  const seen = new Map<string, RuleInfo>();
  for (const r of [...ENGINE_RULES, ...RULE_TABLES]) if (!seen.has(r.id)) seen.set(r.id, r);
  cached = [...seen.values()].sort((a, b) => a.id.localeCompare(b.id));
  return cached;
}

export function findRule(id: string): RuleInfo | undefined {
  return ruleCatalogue().find((r) => r.id === id);
}
