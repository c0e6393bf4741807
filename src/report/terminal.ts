/**
 * Terminal report: readable in 30 seconds. Counts first, then the top risks with their evidence,
 * then everything else grouped by rule, then what is missing, then the next step.
 * Pure: (result, options) => string. Colour only when asked (the CLI decides from TTY/NO_COLOR).
 */
import type { ScanResult } from '../core/result.js';
import type { Finding, Severity } from '../core/types.js';
import { describePath, indexGraph } from '../core/graph.js';
import { parsePurl } from '../core/purl.js';
import { partiality, severityRank } from '../core/result-builder.js';
import { renderSections } from './terminal-sections.js';
import { platformNote } from './platform-note.js';
import { evidenceLine, fit } from './text-fit.js';

export interface TerminalOptions {
  color?: boolean;
  /** How many findings to show in full (the rest are grouped). */
  detailed?: number;
  /** Wrap long lines at this width (a terminal's columns, or COLUMNS); unset: never wrap nor cut. */
  width?: number;
}

const SGR: Record<string, string> = { red: '31', yellow: '33', blue: '34', magenta: '35', gray: '90', bold: '1', green: '32', cyan: '36' };
const SEV_COLOR: Record<Severity, string> = { critical: 'magenta', high: 'red', medium: 'yellow', low: 'blue', info: 'gray' };

function label(subject: string): string {
  try {
    const p = parsePurl(subject);
    return p.version ? `${p.fullName}@${p.version}` : p.fullName;
  } catch {
    return subject;
  }
}

export function renderTerminal(r: ScanResult, opts: TerminalOptions = {}): string {
  const width = opts.width === undefined ? undefined : Math.max(40, opts.width);
  const less = (n: number) => (width === undefined ? undefined : width - n);
  const c = (color: string, s: string) => (opts.color ? `\x1b[${SGR[color]}m${s}\x1b[0m` : s);
  const out: string[] = [];
  const inv = r.inventory;
  const srcs = inv.sources.map((s) => `${s.file} (${s.format}${s.resolvedNotLocked ? ', versions resolved, not locked' : ''})`);
  const src = srcs.length > 3 ? `${srcs.slice(0, 3).join(', ')} and ${srcs.length - 3} more inputs` : srcs.join(', ');
  const dev = inv.components.filter((x) => x.dev).length;
  out.push(c('bold', `vigil ${r.tool.version} · ${r.command} ${r.target.path}`));
  if (src)
    out.push(
      `${src} · ${inv.components.length} components (${inv.components.length - dev} runtime, ${dev} dev-only)${r.offline ? ' · offline' : ''}`,
    );
  for (const s of inv.sources) if (s.note) out.push(c('gray', `  note: ${s.note}`));
  const s = r.summary.findings;
  const counts = (['critical', 'high', 'medium', 'low', 'info'] as Severity[])
    .map((k) => c(s[k] ? SEV_COLOR[k] : 'gray', `${s[k]} ${k}`))
    .join(' · ');
  out.push('', `${c('bold', 'Findings:')} ${counts}${r.summary.suppressed ? c('gray', ` (${r.summary.suppressed} suppressed)`) : ''}`);
  const partial = partiality(r);
  if (partial.problems) {
    const comps = partial.unchecked
      ? `${partial.unchecked} of ${inv.components.length} components not fully checked`
      : 'some checks could not run';
    out.push(
      c(
        'yellow',
        `Partial: ${comps} (${partial.problems} problem${partial.problems === 1 ? '' : 's'}, see "What is missing"); --fail-on fails on a partial result unless --allow-partial.`,
      ),
    );
  }
  if (r.baseline)
    out.push(c('gray', `Baseline: ${r.baseline.from} — ${r.baseline.hidden} finding(s) already there are not listed; only new ones are.`));
  if (r.changes) {
    const ch = r.changes;
    out.push(
      `Since last scan (${ch.previousAt.slice(0, 10)}): +${ch.newComponents.length} / -${ch.removedComponents.length} components, ${ch.changedVersions.length} version changes, ${ch.newFindings.length} new and ${ch.resolvedFindings.length} resolved findings${ch.suppressedFindings?.length ? `, ${ch.suppressedFindings.length} newly suppressed` : ''}`,
    );
    for (const v of ch.changedVersions.slice(0, 5)) out.push(c('gray', `  ${v.name} ${v.from} → ${v.to}`));
  }
  out.push(...renderSections(r));
  const active = r.findings.filter((f) => !f.suppressed);
  const important = active.filter((f) => f.severity !== 'info');
  // Medium and above get their evidence shown; low and info are grouped by rule below.
  const detailed = important.filter((f) => severityRank(f.severity) >= 2).slice(0, opts.detailed ?? 10);
  const g = detailed.length ? indexGraph(inv) : undefined;
  if (detailed.length) out.push('', c('bold', 'Top risks'));
  for (const f of detailed) {
    out.push('', `${c(SEV_COLOR[f.severity], f.severity.toUpperCase().padEnd(8))} ${c('bold', label(f.subject))}  ${c('gray', f.rule)}`);
    out.push(`  ${f.title}`);
    for (const e of f.evidence.slice(0, 4)) out.push(c('gray', `  · ${evidenceLine(e, less(4))}`));
    if (f.evidence.length > 4) out.push(c('gray', `  · and ${f.evidence.length - 4} more (see --format json/html)`));
    const path = g && f.subject.startsWith('pkg:') ? describePath(inv, g, f.subject) : undefined;
    if (path && path.length > 2) out.push(c('gray', `  · via ${fit(path.join(' › '), less(8), 6)}`));
    if (f.remediation) out.push(`  ${c('green', '→')} ${fit(f.remediation, less(4))}`);
  }
  const rest = active.filter((f) => !detailed.includes(f));
  if (rest.length) {
    out.push('', c('bold', detailed.length ? 'Also found' : 'Findings by rule'));
    // One line per rule AND severity (a rule may report low for one package and info for three).
    const groups = new Map<string, Finding[]>();
    for (const f of rest) {
      const k = `${f.severity}\n${f.rule}`;
      (groups.get(k) ?? groups.set(k, []).get(k)!).push(f);
    }
    for (const fs of groups.values()) {
      const { rule, severity } = fs[0]!;
      const names = new Map<string, number>();
      for (const f of fs) names.set(label(f.subject), (names.get(label(f.subject)) ?? 0) + 1);
      const list = [...names].map(([n, k]) => (k > 1 ? `${n} (×${k})` : n)).join(', ');
      out.push(`  ${c(SEV_COLOR[severity], severity.padEnd(8))} ${fit(`${rule} ×${fs.length}: ${list}`, less(11), 13)}`);
    }
  }
  if (r.problems.length || inv.problems.length) {
    const all = [...inv.problems, ...r.problems];
    out.push('', c('bold', `What is missing (${all.length}): the result is partial here`));
    for (const p of all.slice(0, 12))
      out.push(
        `  ${c('yellow', p.code)} ${fit(`${p.subject ? `${label(p.subject)}: ` : ''}${p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : ''}${p.message}`, less(p.code.length + 3), 6)}`,
      );
    if (all.length > 12) out.push(c('gray', `  and ${all.length - 12} more (see --format json)`));
  }
  if (r.unavailable.length) {
    const byField = new Map<string, { n: number; reason: string; subject: string }>();
    for (const u of r.unavailable) {
      const e = byField.get(u.field);
      if (e) e.n++;
      else byField.set(u.field, { n: 1, reason: u.reason, subject: u.subject });
    }
    out.push('', c('bold', 'Not available from this source (checks that could not run)'));
    for (const [field, e] of byField)
      out.push(
        `  ${field}: ${fit(e.n > 1 ? `${e.n} subjects, e.g. ${label(e.subject)}: ${e.reason}` : e.reason, less(field.length + 4), 6)}`,
      );
  }
  for (const sk of r.skipped) out.push(c('gray', `skipped ${sk.analyzer}: ${sk.reason}`));
  const plat = platformNote(r);
  if (plat) out.push(c('gray', plat));
  const renamed = r.suppressions.renamed ?? [];
  if (r.suppressions.unused.length || r.suppressions.expired.length || renamed.length) {
    out.push('');
    for (const u of renamed)
      out.push(
        c(
          'yellow',
          `renamed rule in suppression: ${u.rule} is now ${u.renamedTo?.join(', ')} (${u.source ?? 'config'}; update the rule id)`,
        ),
      );
    for (const u of r.suppressions.unused) out.push(c('yellow', `unused suppression: ${u.rule} ${u.subject} (${u.source ?? 'config'})`));
    for (const u of r.suppressions.expired) out.push(c('yellow', `expired suppression: ${u.rule} ${u.subject} (expired ${u.expires})`));
  }
  out.push('', nextStep(r, important));
  return `${out.join('\n')}\n`;
}

function nextStep(r: ScanResult, important: Finding[]): string {
  const top = important[0];
  const misses = r.problems.reduce((n, p) => n + (p.code === 'E_OFFLINE_MISS' ? (p.subjects?.length ?? 1) : 0), 0);
  if (top?.severity === 'critical' || top?.severity === 'high')
    return `Next step: look at ${label(top.subject)} first (${top.rule}); \`vigil rules ${top.rule}\` explains the rule, --format html gives the full evidence.`;
  if (misses)
    return `Next step: ${misses} check(s) could not run offline (not in the store); run once without --offline to fill the store.`;
  if (important.length)
    return 'Next step: review the findings above; suppress accepted ones in vigil.config.json with a reason and an expiry.';
  if (r.problems.length) return 'Nothing at low severity or above in what could be checked; see "What is missing" for what could not.';
  return 'Nothing at low severity or above. Keep this scan in CI with --fail-on high.';
}
