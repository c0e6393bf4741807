/** Plain-text views of the fleet (`vigil fleet`). */
import { sanitizeText } from '../core/sanitize.js';
import { SEVERITIES } from '../core/types.js';
import type { DependentRow, FleetFinding, TeamRollup } from '../fleet/views.js';

export function dependentsText(what: string, rows: readonly DependentRow[]): string {
  if (rows.length === 0) return `no project in the store depends on ${what}\n`;
  const projects = new Set(rows.map((r) => r.project)).size;
  const lines = rows.map(
    (r) =>
      `  ${sanitizeText(r.project)}  ${sanitizeText(r.name)}@${sanitizeText(r.version)}${r.direct ? ' (direct)' : ''}${r.dev ? ' (dev)' : ''}  scanned ${r.scannedAt}`,
  );
  return `${projects} project${projects === 1 ? ' depends' : 's depend'} on ${what}:\n${lines.join('\n')}\n`;
}

export function findingsText(rows: readonly FleetFinding[], min: string, since: string | undefined): string {
  const head = `findings at ${min} or above${since ? ` in projects scanned since ${since}` : ''}: ${rows.length}`;
  const lines = rows.map(
    (r) =>
      `  ${r.finding.severity.padEnd(8)} ${sanitizeText(r.project)}  ${r.finding.rule}  ${sanitizeText(r.finding.subject)} — ${sanitizeText(r.finding.title)}`,
  );
  return `${[head, ...lines].join('\n')}\n`;
}

export function teamsText(rows: readonly TeamRollup[]): string {
  if (rows.length === 0) return 'no scanned projects in the store\n';
  const sev = [...SEVERITIES].reverse();
  const out = [`  ${'team'.padEnd(20)} ${'projects'.padStart(8)} ${'components'.padStart(10)} ${sev.map((s) => s.padStart(8)).join(' ')}`];
  for (const t of rows) {
    out.push(
      `  ${sanitizeText(t.team).padEnd(20)} ${String(t.projects).padStart(8)} ${String(t.components).padStart(10)} ${sev.map((s) => String(t.findings[s]).padStart(8)).join(' ')}`,
    );
    if (t.atRisk.length) out.push(`    at high or above: ${t.atRisk.map(sanitizeText).join(', ')}`);
  }
  return `${out.join('\n')}\n`;
}
