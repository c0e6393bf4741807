/** Plain-text views of the job queue (`vigil jobs`). */
import { sanitizeText } from '../core/sanitize.js';
import { JOB_STATES, type JobCounts, type JobRecord } from '../jobs/types.js';

export function jobLines(jobs: readonly JobRecord[]): string {
  if (jobs.length === 0) return 'no jobs\n';
  return (
    jobs
      .map((j) => {
        const err = j.lastError ? `  — ${sanitizeText(j.lastError)}` : '';
        return `#${j.id} ${j.state.padEnd(7)} ${sanitizeText(j.key)} (attempt ${j.attempts}/${j.maxAttempts})${err}`;
      })
      .join('\n') + '\n'
  );
}

export function jobsOverview(
  where: string,
  counts: readonly JobCounts[],
  dead: readonly JobRecord[],
  retrying: readonly JobRecord[],
): string {
  const kinds = [...new Set(counts.map((c) => c.kind))];
  const n = (kind: string, state: string) => counts.find((c) => c.kind === kind && c.state === state)?.n ?? 0;
  const out = [`jobs in ${where}`, `  ${'kind'.padEnd(10)} ${JOB_STATES.map((s) => s.padStart(8)).join(' ')}`];
  for (const k of kinds) out.push(`  ${k.padEnd(10)} ${JOB_STATES.map((s) => String(n(k, s)).padStart(8)).join(' ')}`);
  if (kinds.length === 0) out.push('  (empty)');
  if (retrying.length)
    out.push(
      '',
      'waiting to retry:',
      ...jobLines(retrying)
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`),
    );
  if (dead.length)
    out.push(
      '',
      'dead (retry with `vigil jobs retry [ID…]`):',
      ...jobLines(dead)
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`),
    );
  return `${out.join('\n')}\n`;
}
