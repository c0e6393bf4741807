/** The rule catalogue: every rule any analyzer or engine stage can emit. `vigil rules` prints it. */
import type { RuleInfo } from './types.js';
import { ALL_ANALYZERS } from '../analyzers/registry.js';
import { ENGINE_RULES } from '../engine/rules.js';

export function ruleCatalogue(): RuleInfo[] {
  const seen = new Map<string, RuleInfo>();
  for (const r of [...ENGINE_RULES, ...ALL_ANALYZERS.flatMap((a) => a.rules), ...EXTRA_RULES]) if (!seen.has(r.id)) seen.set(r.id, r);
  return [...seen.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Rules emitted by commands outside the scan analyzers (history, discuss, verify...), registered by the lead. */
export const EXTRA_RULES: RuleInfo[] = [];

export function findRule(id: string): RuleInfo | undefined {
  return ruleCatalogue().find((r) => r.id === id);
}
