/**
 * `renderMarkdown(result)`: a short pull-request comment (≤ ~60 lines): counts, what is new since the
 * last scan, the top findings (new first) with one evidence line each, the rest collapsed.
 * Every string from findings is attacker-controlled: it is escaped so it can add no markup, HTML,
 * links, images or @-mentions to the comment.
 */
import type { ScanResult } from '../core/result.js';
import { compareFindings } from '../core/result-builder.js';
import { parsePurl } from '../core/purl.js';
import { platformNote } from './platform-note.js';
import { SEVERITIES, type Evidence, type Finding } from '../core/types.js';
import { pathReasons, rankPrivilegedPaths } from './privileged-paths-view.js';

export interface MarkdownOptions {
  /** Findings listed with an evidence line (default 8). */
  top?: number;
  /** At most this many rows in the collapsed table of all findings (default 20). */
  tableRows?: number;
  /** Line budget of the whole comment (default 60); the findings table shrinks to fit. */
  maxLines?: number;
}

const ZWSP = '\u200b';

/** Plain text safe for Markdown: one line, truncated, markup and HTML escaped, mentions and autolinks broken. */
export function mdText(s: string, max = 140): string {
  let t = s.replace(/\s+/g, ' ').trim();
  if (t.length > max) t = `${t.slice(0, max - 1)}…`;
  return t
    .replace(/[\\`*_{}[\]#|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, `@${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`);
}

/** Inline code span safe in tables: no backticks or newlines, pipes escaped. */
export function mdCode(s: string, max = 100): string {
  let t = s.replace(/\s+/g, ' ').trim().replace(/`/g, "'");
  if (t.length > max) t = `${t.slice(0, max - 1)}…`;
  return `\`${t.replace(/\|/g, '\\|') || ' '}\``;
}

export function shortSubject(subject: string): string {
  if (!subject.startsWith('pkg:')) return subject;
  try {
    const p = parsePurl(subject);
    return p.version ? `${p.fullName}@${p.version}` : p.fullName;
  } catch {
    return subject;
  }
}

function evidenceLine(e: Evidence): string | undefined {
  const where = e.file
    ? `${e.file}${e.line ? `:${e.line}` : ''}`
    : e.commit
      ? `commit ${e.commit.slice(0, 12)}`
      : (e.field ?? e.messageId ?? e.label);
  const what =
    e.excerpt?.split('\n').find((l) => l.trim()) ??
    (e.before !== undefined || e.after !== undefined
      ? `${JSON.stringify(e.before ?? null)} → ${JSON.stringify(e.after ?? null)}`
      : undefined) ??
    (e.value !== undefined ? (typeof e.value === 'string' ? e.value : JSON.stringify(e.value)) : undefined) ??
    e.path?.join(' › ') ??
    e.url;
  if (!where && !what) return undefined;
  return [where ? mdCode(where, 80) : '', what ? mdCode(what, 100) : ''].filter(Boolean).join(': ');
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function renderMarkdown(result: ScanResult, opts: MarkdownOptions = {}): string {
  const top = opts.top ?? 8;
  const rows = opts.tableRows ?? 20;
  const budget = opts.maxLines ?? 60;
  const s = result.summary;
  const newSet = new Set(result.changes?.newFindings ?? []);
  const isNew = (f: Finding): boolean => !!f.fingerprint && newSet.has(f.fingerprint);
  const live = result.findings.filter((f) => !f.suppressed).sort((a, b) => Number(isNew(b)) - Number(isNew(a)) || compareFindings(a, b));
  const counts = [...SEVERITIES]
    .reverse()
    .filter((sev) => s.findings[sev] > 0)
    .map((sev) => `${s.findings[sev]} ${sev}`);
  const problems = result.problems.length + result.inventory.problems.length;
  const out: string[] = [];

  out.push(
    `### vigil ${mdText(result.command, 30)}: ${counts.length ? counts.join(' · ') : 'no findings'} — ${plural(s.components, 'component')}`,
  );
  const meta = [`target ${mdCode(result.target.key || result.target.path, 60)}`, result.finishedAt.slice(0, 16).replace('T', ' ') + ' UTC'];
  if (s.suppressed) meta.push(`${s.suppressed} suppressed`);
  if (problems) meta.push(`⚠️ partial: ${plural(problems, 'problem')}`);
  if (result.offline) meta.push('offline');
  out.push(`<sub>${meta.join(' · ')}</sub>`, '');

  const ch = result.changes;
  if (ch) {
    out.push(
      `**Since the last scan** (${ch.previousAt.slice(0, 10)}): ${plural(ch.newFindings.length, 'new finding')}, ${ch.resolvedFindings.length} resolved${ch.suppressedFindings?.length ? `, ${ch.suppressedFindings.length} newly suppressed` : ''} · ` +
        `${plural(ch.newComponents.length, 'component')} added, ${ch.removedComponents.length} removed, ${plural(ch.changedVersions.length, 'version change')}`,
      '',
    );
  }

  if (live.length === 0) out.push('No unsuppressed findings. ✅');
  else {
    out.push(`#### Top findings${live.length > top ? ` (${top} of ${live.length})` : ''}`);
    for (const f of live.slice(0, top)) {
      out.push(
        `- ${isNew(f) ? '🆕 ' : ''}**${f.severity.toUpperCase()}** ${mdText(f.title, 120)} — ${mdCode(shortSubject(f.subject), 70)} (${mdCode(f.rule, 50)})`,
      );
      const ev = f.evidence.map(evidenceLine).find(Boolean);
      if (ev) out[out.length - 1] += `<br>\n  ↳ ${ev}`;
    }
  }

  const hosts = rankPrivilegedPaths(result).filter((x) => x.paths.length);
  if (hosts.length) {
    out.push('', '#### Privileged paths (service › libraries it loads)');
    for (const h of hosts.slice(0, 4)) {
      const notable = h.paths.filter((p) => p.flagged || p.fragile || p.indirect).slice(0, 8);
      out.push(`- ${mdCode(h.service, 30)} (${mdText(h.exposure, 20)}): ${plural(h.libraries, 'shared library', 'shared libraries')}`);
      for (const p of notable) out.push(`  - ${mdCode(p.path.join(' › '), 120)} ${mdText(pathReasons(p), 160)}`);
    }
  }

  // The collapsed parts: dependency changes and what is missing are capped; the findings table
  // gets whatever is left of the line budget.
  const tail: string[] = [];
  if (ch && ch.newComponents.length + ch.removedComponents.length + ch.changedVersions.length > 0) {
    const items = [
      ...ch.changedVersions.map((c) => `${mdCode(c.name, 60)} ${mdCode(c.from, 30)} → ${mdCode(c.to, 30)}`),
      ...ch.newComponents.map((p) => `added ${mdCode(shortSubject(p), 70)}`),
      ...ch.removedComponents.map((p) => `removed ${mdCode(shortSubject(p), 70)}`),
    ];
    tail.push('', '<details><summary>Dependency changes</summary>', '', ...items.slice(0, 6).map((i) => `- ${i}`));
    if (items.length > 6) tail.push(`- …and ${items.length - 6} more`);
    tail.push('', '</details>');
  }
  const plat = platformNote(result);
  if (plat) tail.push('', mdText(plat, 400));
  const missing = [...result.inventory.problems, ...result.problems];
  if (missing.length + result.skipped.length > 0) {
    const items = [
      ...missing.map((p) => `${mdCode(p.code, 30)} ${mdText(p.message, 120)}`),
      ...result.skipped.map((k) => `skipped ${mdCode(k.analyzer, 40)}: ${mdText(k.reason, 100)}`),
    ];
    tail.push('', `<details><summary>What is missing (${items.length})</summary>`, '', ...items.slice(0, 4).map((i) => `- ${i}`));
    if (items.length > 4) tail.push(`- …and ${items.length - 4} more`);
    tail.push('', '</details>');
  }

  if (live.length > top) {
    const used = out.join('\n').split('\n').length;
    const room = Math.max(3, Math.min(rows, budget - used - tail.length - 9));
    out.push(
      '',
      `<details><summary>All ${live.length} findings</summary>`,
      '',
      '| Severity | Rule | Subject | Finding |',
      '|---|---|---|---|',
    );
    for (const f of live.slice(0, room))
      out.push(`| ${f.severity} | ${mdCode(f.rule, 50)} | ${mdCode(shortSubject(f.subject), 60)} | ${mdText(f.title, 90)} |`);
    if (live.length > room) out.push('', `…and ${live.length - room} more: see the HTML or SARIF report.`);
    out.push('', '</details>');
  }
  out.push(...tail);
  return `${out.join('\n')}\n`;
}
