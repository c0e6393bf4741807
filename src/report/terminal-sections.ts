/**
 * Command-specific sections of the terminal report. Each entry renders one fact family (read through
 * its declared reader, core/facts.ts) as plain text (no colour); absent or malformed facts render nothing.
 */
import type { ScanResult } from '../core/result.js';
import { renderAffectedTable } from '../analyzers/advisories/table-text.js';
import { AFFECTED_FACTS } from '../analyzers/advisories/affected.js';
import { pathReasons, rankPrivilegedPaths } from './privileged-paths-view.js';
import { DEBIAN_FACTS } from '../analyzers/debian/host-analysis.js';
import { renderFundingTable } from '../fund/table.js';
import { FUNDING_FACTS } from '../fund/plan-types.js';
import { RELEASE_DIFF_FACTS } from '../analyzers/release-diff/types.js';
import { BINARY_DELTA_FACTS, renderDeltaView } from '../analyzers/binary/delta-text.js';
import { readComponentFacts, readResultFacts } from '../core/facts.js';

/** Paths listed per service: the flagged and fragile ones all, then at least this many others. */
const PATHS_PER_SERVICE = 6;

function debianSection(r: ScanResult): string | undefined {
  const f = readResultFacts(r, DEBIAN_FACTS);
  if (!f) return undefined;
  const services = rankPrivilegedPaths(r);
  const crit = Array.isArray(f.criticality) ? f.criticality : [];
  const lines: string[] = [];
  for (const s of services.slice(0, 8)) {
    lines.push(`  ${s.service} (${s.package}, ${s.exposure}): ${s.libraries} shared libraries`);
    const notable = s.paths.filter((p) => p.flagged || p.fragile);
    // Then the libraries loaded only through another one (already ranked first among the rest).
    const shown = [
      ...notable,
      ...s.paths.filter((p) => !p.flagged && !p.fragile).slice(0, Math.max(PATHS_PER_SERVICE, 12 - notable.length)),
    ];
    for (const p of shown) lines.push(`    ${p.path.join(' › ')}${pathReasons(p) ? `  (${pathReasons(p)})` : ''}`);
    if (s.paths.length > shown.length)
      lines.push(`    and ${s.paths.length - shown.length} more libraries (--format json or html lists every path)`);
  }
  if (services.length > 8) lines.push(`  and ${services.length - 8} more services (--format json or html)`);
  if (crit.length) {
    lines.push('', '  Most critical source packages on this host:');
    for (const c of crit.slice(0, 8))
      lines.push(`  ${c.source.padEnd(18)} ${c.score.toFixed(1).padStart(6)}  ${c.reasons.slice(0, 2).join('; ')}`);
  }
  return lines.length ? lines.join('\n') : undefined;
}

/** `vigil diff`: what changed and the score, as JSON has it (a scan keeps these facts for JSON/HTML only). */
function releaseDiffSection(r: ScanResult): string | undefined {
  if (r.command !== 'diff') return undefined;
  const lines: string[] = [];
  for (const d of readComponentFacts(r, RELEASE_DIFF_FACTS).values()) {
    const when = d.publishedAt
      ? `, published ${d.publishedAt.slice(0, 10)}${d.previousPublishedAt ? ` (previous ${d.previousPublishedAt.slice(0, 10)})` : ''}`
      : '';
    lines.push(
      `  ${d.name} ${d.from ?? '(first release)'} → ${d.to}${d.bump ? ` (${d.bump}${d.fromChosen === 'previous-by-semver' ? ', previous by semver' : ''})` : ''}${when}`,
    );
    lines.push(
      `  Takeover-risk score ${d.score.toFixed(2)} (${d.severity}) from ${d.signals.length} signal${d.signals.length === 1 ? '' : 's'}`,
    );
    for (const sg of [...d.signals].sort((a, b) => b.weight - a.weight)) lines.push(`    +${sg.weight.toFixed(2)} ${sg.rule}: ${sg.title}`);
    const fl = d.files;
    if (fl) {
      lines.push(
        `  Files: ${fl.added} added, ${fl.removed} removed, ${fl.changed} changed, ${fl.unchanged} unchanged; ${fl.sizeBefore} → ${fl.sizeAfter} bytes`,
      );
      for (const [what, paths, n] of [
        ['added', fl.addedPaths, fl.added],
        ['removed', fl.removedPaths, fl.removed],
        ['changed', fl.changedPaths, fl.changed],
      ] as const) {
        if (paths.length)
          lines.push(`    ${what}: ${paths.join(', ')}${n > paths.length ? ` and ${n - paths.length} more (--format json)` : ''}`);
      }
    }
    const dep = d.dependencies;
    if (dep) {
      const items = [
        ...Object.entries(dep.added).map(([n, v]) => `+ ${n} ${v}`),
        ...Object.entries(dep.removed).map(([n, v]) => `- ${n} ${v}`),
        ...Object.entries(dep.changed).map(([n, c]) => `~ ${n} ${c.from} → ${c.to}`),
      ];
      lines.push(`  Dependencies: ${items.length ? `${items.length} changed` : 'unchanged'}`);
      for (const i of items) lines.push(`    ${i}`);
    }
    for (const u of d.unavailable) lines.push(`  not checked: ${u.field}: ${u.reason}`);
  }
  return lines.length ? lines.join('\n') : undefined;
}

type Section = (r: ScanResult) => string | undefined;

const withFacts = <T>(facts: T | undefined, render: (f: T) => string): string | undefined => (facts ? render(facts) : undefined);

export const TERMINAL_SECTIONS: { title: string; render: Section }[] = [
  { title: 'Affected inventories', render: (r) => withFacts(readResultFacts(r, AFFECTED_FACTS), renderAffectedTable) },
  { title: 'Funding plan', render: (r) => withFacts(readResultFacts(r, FUNDING_FACTS), renderFundingTable) },
  { title: 'Release diff', render: releaseDiffSection },
  { title: 'Binary delta (beside the source delta)', render: (r) => withFacts(readResultFacts(r, BINARY_DELTA_FACTS), renderDeltaView) },
  { title: 'Privileged paths (services → shared libraries)', render: debianSection },
];

export function renderSections(r: ScanResult): string[] {
  const out: string[] = [];
  for (const s of TERMINAL_SECTIONS) {
    const text = s.render(r);
    if (text) out.push('', s.title, text.trimEnd());
  }
  return out;
}
