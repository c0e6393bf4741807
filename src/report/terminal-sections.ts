/**
 * Command-specific sections of the terminal report, read from `result.facts[key]`. Each entry
 * renders one fact family as plain text (no colour); absent facts render nothing.
 */
import type { ScanResult } from '../core/result.js';
import { renderAffectedTable } from '../analyzers/advisories/table-text.js';
import type { AffectedTable } from '../analyzers/advisories/affected.js';
import type { PrivilegedPathFact } from '../analyzers/debian/privileged-paths.js';
import type { SourceCriticality } from '../analyzers/debian/criticality.js';
import { renderFundingTable } from '../fund/table.js';
import type { FundingPlan } from '../fund/plan-types.js';
import { renderDeltaView, type DeltaView } from '../analyzers/binary/delta-text.js';

function debianSection(f: Record<string, unknown>): string | undefined {
  const paths = (f.privilegedPaths as PrivilegedPathFact[] | undefined) ?? [];
  const crit = (f.criticality as SourceCriticality[] | undefined) ?? [];
  const lines: string[] = [];
  for (const p of paths.slice(0, 8)) {
    const libs = p.libraries.map((l) => l.name);
    const sample = p.libraries.find((l) => /lzma|systemd|ssl|crypt|z1?$/.test(l.name)) ?? p.libraries[0];
    lines.push(`  ${p.service} (${p.package}, ${p.exposure}): ${libs.length} shared libraries${sample ? `, e.g. ${sample.path.join(' › ')}` : ''}`);
  }
  if (paths.length > 8) lines.push(`  … ${paths.length - 8} more services (see --format json/html)`);
  if (crit.length) {
    lines.push('', '  Most critical source packages on this host:');
    for (const c of crit.slice(0, 8)) lines.push(`  ${c.source.padEnd(18)} ${c.score.toFixed(1).padStart(6)}  ${c.reasons.slice(0, 2).join('; ')}`);
  }
  return lines.length ? lines.join('\n') : undefined;
}

type Section = (facts: Record<string, unknown>, r: ScanResult) => string | undefined;

export const TERMINAL_SECTIONS: { key: string; title: string; render: Section }[] = [
  {
    key: 'affected',
    title: 'Affected inventories',
    render: (f) => ('advisory' in f && 'rows' in f ? renderAffectedTable(f as unknown as AffectedTable) : undefined),
  },
  { key: 'funding', title: 'Funding plan', render: (f) => ('shares' in f && 'budgetCents' in f ? renderFundingTable(f as unknown as FundingPlan) : undefined) },
  { key: 'binary-delta', title: 'Binary delta (beside the source delta)', render: (f) => ('delta' in f && 'source' in f ? renderDeltaView(f as unknown as DeltaView) : undefined) },
  { key: 'debian', title: 'Privileged paths (services → shared libraries)', render: (f) => debianSection(f) },
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
