/** Plain-text rendering of the `affected` table (facts.affected), for terminal and Markdown reports. */
import type { AffectedTable } from './affected.js';

function pad(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function renderAffectedTable(t: AffectedTable): string {
  const head = `${t.advisory.id}${t.advisory.ids.length > 1 ? ` (${t.advisory.ids.filter((i) => i !== t.advisory.id).join(', ')})` : ''}: ${t.advisory.summary}`;
  const affectedTargets = t.targets.filter((x) => x.affected > 0).length;
  const lines = [head, `${affectedTargets} of ${t.targets.length} inventories affected, ${t.rows.length} affected components.`, ''];
  if (t.rows.length > 0) {
    const rows = [
      ['TARGET', 'PACKAGE', 'VERSION', 'SAFE DOWN', 'SAFE UP', 'PATH'],
      ...t.rows.map((r) => [r.target, r.package, r.version, r.safeDowngrade ?? '-', r.safeUpgrade ?? '-', r.path.join(' > ')]),
    ];
    lines.push(pad(rows), '', 'Fixes:');
    const seen = new Set<string>();
    for (const r of t.rows) {
      const fix = r.fix ?? r.note ?? '';
      const key = `${r.target}\0${fix}`;
      if (seen.has(key)) continue;
      seen.add(key);
      lines.push(`  ${r.target}: ${fix}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
