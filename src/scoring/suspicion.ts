/** Suspicion from detection findings on a component: severity × confidence, log-scaled (weights.ts). */
import type { Finding } from '../core/types.js';
import { SUSPICION } from './weights.js';
import { combine, logTerm } from './openssf.js';

export function suspicionOf(findings: readonly Finding[]) {
  const live = findings.filter((f) => !f.suppressed);
  let sum = 0;
  const rules = new Map<string, number>();
  for (const f of live) {
    const w = (SUSPICION.severity[f.severity] ?? 0) * (SUSPICION.confidence[f.confidence] ?? 0);
    if (!Number.isFinite(w)) continue;
    sum += w;
    rules.set(`${f.rule} (${f.severity})`, (rules.get(`${f.rule} (${f.severity})`) ?? 0) + 1);
  }
  const listed = [...rules]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([r, n]) => (n > 1 ? `${r} ×${n}` : r));
  return combine('suspicion', [
    {
      name: 'findings',
      value: live.length,
      weight: 1,
      term: logTerm(sum, SUSPICION.threshold),
      explanation: live.length
        ? `${live.length} finding(s), severity-weighted ${Math.round(sum * 10) / 10}: ${listed.join(', ')}`
        : 'no unsuppressed findings',
    },
  ]);
}
