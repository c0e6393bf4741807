/**
 * Command-specific sections of the terminal report, read from `result.facts[key]`. Each entry
 * renders one fact family as plain text (no colour); absent facts render nothing.
 */
import type { ScanResult } from '../core/result.js';
import { renderAffectedTable } from '../analyzers/advisories/table-text.js';
import type { AffectedTable } from '../analyzers/advisories/affected.js';

type Section = (facts: Record<string, unknown>, r: ScanResult) => string | undefined;

export const TERMINAL_SECTIONS: { key: string; title: string; render: Section }[] = [
  {
    key: 'affected',
    title: 'Affected inventories',
    render: (f) => ('advisory' in f && 'rows' in f ? renderAffectedTable(f as unknown as AffectedTable) : undefined),
  },
];

export function renderSections(r: ScanResult): string[] {
  const out: string[] = [];
  for (const s of TERMINAL_SECTIONS) {
    const facts = r.facts[s.key];
    if (!facts) continue;
    const text = s.render(facts, r);
    if (text) out.push('', s.title, text.trimEnd());
  }
  return out;
}
