/**
 * `vigil guard` report: one compact table of what the command would add, then the reasons for
 * blocking or asking, each with its strongest evidence. Pure: (outcome, options) => string.
 */
import type { GuardOutcome } from '../app/guard/guard.js';
import type { GuardRow, Verdict } from '../app/guard/policy.js';
import { clip, evidenceLine } from './text-fit.js';

export interface GuardRenderOptions {
  color?: boolean;
  width?: number;
}

const VERDICT_TEXT: Record<Verdict, string> = { ok: 'ok', warn: 'WARN', block: 'BLOCK', unanalysed: 'NOT ANALYSED' };
const VERDICT_COLOR: Record<Verdict, string> = { ok: '32', warn: '33', block: '31', unanalysed: '35' };
/** Rows shown in the table; the rest are counted. */
const MAX_ROWS = 25;

function change(r: GuardRow): string {
  if (r.change === 'updated') return `${(r.from ?? []).join(',')} → ${r.version}`;
  if (r.change === 'integrity-changed') return `${r.version} (bytes changed)`;
  return `${r.version} (new)`;
}

export function renderGuard(o: GuardOutcome, opts: GuardRenderOptions = {}): string {
  const width = Math.max(60, Math.min(opts.width ?? 100, 160));
  const paint = (code: string, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const cmd = [o.invocation.tool, ...o.invocation.args].join(' ');
  const out: string[] = [];
  const n = o.changes.length;
  out.push(paint('1', `vigil guard · ${clip(cmd, width - 14)}`));
  if (o.method) out.push(paint('90', `plan: ${clip(o.method, width - 6)}`));
  if (o.planError) {
    out.push('', paint('1', 'Planning failed:'));
    for (const line of o.planError.split('\n').slice(0, 10)) out.push(`  ${clip(line, width - 2)}`);
  } else {
    const aside = [
      o.unchanged ? `${o.unchanged} already in the project, not analysed again` : '',
      o.otherPlatforms ? `${o.otherPlatforms} for other platforms, not installed here` : '',
    ].filter(Boolean);
    out.push(`${n} new or changed package${n === 1 ? '' : 's'}${aside.length ? ` (${aside.join('; ')})` : ''}`);
  }
  // Show what matters first: blocked, unanalysed, warned, then the clean ones.
  const order: Verdict[] = ['block', 'unanalysed', 'warn', 'ok'];
  const rows = [...o.decision.rows].sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict));
  if (rows.length) {
    const nameW = Math.min(40, Math.max(7, ...rows.slice(0, MAX_ROWS).map((r) => r.name.length)));
    const chW = Math.min(30, Math.max(7, ...rows.slice(0, MAX_ROWS).map((r) => change(r).length)));
    out.push('', `  ${'package'.padEnd(nameW)}  ${'version'.padEnd(chW)}  ${'verdict'.padEnd(12)}  top finding`);
    for (const r of rows.slice(0, MAX_ROWS)) {
      const top = r.findings[0];
      const topText = top
        ? `${top.severity} ${top.rule}`
        : r.verdict === 'unanalysed'
          ? clip(r.problems[0]?.message ?? 'contents not read', 50)
          : '';
      out.push(
        `  ${clip(r.name, nameW).padEnd(nameW)}  ${clip(change(r), chW).padEnd(chW)}  ${paint(VERDICT_COLOR[r.verdict], VERDICT_TEXT[r.verdict].padEnd(12))}  ${topText}`,
      );
    }
    if (rows.length > MAX_ROWS)
      out.push(paint('90', `  … ${rows.length - MAX_ROWS} more, all ${summarize(rows.slice(MAX_ROWS))} (see --format json)`));
  }
  const shown = rows.filter((r) => r.verdict === 'block' || r.verdict === 'warn');
  for (const r of shown) {
    for (const f of r.findings.filter((x) => x.severity !== 'info').slice(0, 3)) {
      out.push('', `${paint(VERDICT_COLOR[r.verdict], f.severity.toUpperCase().padEnd(8))} ${r.name}@${r.version}  ${paint('90', f.rule)}`);
      out.push(`  ${clip(f.title, width - 2)}`);
      for (const e of f.evidence.slice(0, 3)) out.push(paint('90', `  · ${evidenceLine(e, width - 4)}`));
    }
  }
  if (o.decision.action !== 'run') {
    out.push('', paint('1', o.decision.action === 'block' ? 'Blocked:' : 'Needs attention:'));
    for (const reason of o.decision.reasons.slice(0, 12)) out.push(`  - ${clip(reason, 400)}`);
    if (o.decision.reasons.length > 12) out.push(`  … ${o.decision.reasons.length - 12} more`);
  }
  return `${out.join('\n')}\n`;
}

function summarize(rows: GuardRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(VERDICT_TEXT[r.verdict], (counts.get(VERDICT_TEXT[r.verdict]) ?? 0) + 1);
  return [...counts].map(([k, v]) => `${v} ${k}`).join(', ');
}
