/**
 * Terminal timeline of a history result: one row per person (most active first, plus everyone a
 * finding names), a yearly activity strip, and the milestones of the trust ladder with the rules
 * that flagged their commits. Pure: returns text.
 */
import type { Finding } from '../../core/types.js';
import type { HistoryFacts } from './facts.js';

const BARS = ' ▁▂▃▄▅▆▇█';

export function renderTimeline(facts: HistoryFacts, findings: Finding[], maxPeople = 15): string {
  const people = facts.people.filter((p) => !p.bot);
  const flagged = new Set(people.filter((p) => p.flags.length).map((p) => p.id));
  const shown = people.filter((p, i) => i < maxPeople || flagged.has(p.id));
  const first = Number((facts.firstCommit ?? '').slice(0, 4)) || new Date().getUTCFullYear();
  const last = Number((facts.lastCommit ?? '').slice(0, 4)) || first;
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  const perYear = (months: Record<string, number>) =>
    years.map((y) =>
      Object.entries(months)
        .filter(([m]) => m.startsWith(String(y)))
        .reduce((s, [, n]) => s + n, 0),
    );
  const max = Math.max(1, ...shown.flatMap((p) => perYear(p.months)));
  const lines: string[] = [];
  lines.push(
    `${facts.repo} @ ${facts.head?.slice(0, 12) ?? '?'}: ${facts.commits} commits, ${facts.tags.total} tags (${facts.tags.signed} signed), ${first}–${last}`,
  );
  const tf = facts.truckFactor;
  const fr = facts.fragility;
  if (tf || fr)
    lines.push(
      `truck factor ${tf?.value ?? '?'}${tf?.removed.length ? ` (${tf.removed.map((r) => r.name).join(', ')})` : ''}; absence factor ${fr?.absenceFactor ?? '?'}; elephant factor ${fr?.elephantFactor ?? '?'}`,
    );
  lines.push('', `${'person'.padEnd(24)} ${String(first).padEnd(years.length)}  commits  milestones`);
  for (const p of shown) {
    const strip = perYear(p.months)
      .map((n) => (n === 0 ? '·' : BARS[Math.max(1, Math.round((n / max) * 8))]!))
      .join('');
    const ms = [
      p.firstAuthored ? `first commit ${p.firstAuthored.date}` : '',
      p.firstCommitted && p.firstCommitted.commit !== p.firstAuthored?.commit ? `committer ${p.firstCommitted.date}` : '',
      p.firstPolicyChange ? `${p.firstPolicyChange.file} ${p.firstPolicyChange.date}` : '',
      p.firstTag ? `tag ${p.firstTag.tag} ${p.firstTag.date}` : '',
      p.firstSignedTag ? `signed ${p.firstSignedTag.tag} key ${(p.firstSignedTag.key ?? '?').slice(-16)}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(
      `${p.name.slice(0, 24).padEnd(24)} ${strip}  ${String(p.commitsAuthored).padStart(7)}  ${ms}${p.flags.length ? `  [${p.flags.map((f) => f.replace('history/', '')).join(', ')}]` : ''}`,
    );
  }
  const top = findings.filter((f) => !f.suppressed && (f.severity === 'high' || f.severity === 'critical'));
  if (top.length) {
    lines.push('', 'high findings:');
    for (const f of top)
      lines.push(
        `  ${f.evidence[0]?.date ?? ''} ${f.title} (${f.evidence
          .map((e) => e.commit?.slice(0, 10))
          .filter(Boolean)
          .join(', ')})`,
      );
  }
  return lines.join('\n') + '\n';
}
