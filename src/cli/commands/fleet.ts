/**
 * `vigil fleet depends NAME[@RANGE]`, `vigil fleet findings [--severity S] [--since DATE|7d]`,
 * `vigil fleet teams`: questions about every project in one store (the latest scan of each), as a
 * fleet of workers fills a PostgreSQL store — or a SQLite store that scanned several projects.
 */
import { defineCommand } from '../command.js';
import { VigilError } from '../../core/errors.js';
import { SEVERITIES, type Severity } from '../../core/types.js';
import { openStore } from '../../store/open.js';
import { isPostgresUrl } from '../../store/postgres/url.js';
import { cutoffFrom } from '../../store/duration.js';
import { dependents, findingsSince, teamRollups } from '../../fleet/views.js';
import { dependentsText, findingsText, teamsText } from '../../report/fleet.js';

function splitSpec(spec: string): { name: string; range: string } {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  return at > 0 ? { name: spec.slice(0, at), range: spec.slice(at + 1) } : { name: spec, range: '*' };
}

async function teamsOf(location: string | undefined): Promise<Map<string, string>> {
  if (!isPostgresUrl(location)) return new Map(); // teams come from scan jobs, which only the PostgreSQL store has
  const { openJobQueue } = await import('../../jobs/open.js');
  const q = openJobQueue(location);
  try {
    return await q.queue.teamsByTarget();
  } finally {
    await q.close();
  }
}

export const fleetCommand = defineCommand({
  name: 'fleet',
  summary: 'Questions across every project in the store: who depends on NAME@RANGE, findings since a date, rollups per team.',
  usage:
    'vigil fleet depends NAME[@RANGE] | vigil fleet findings [--severity high] [--since 2026-11-30|7d] | vigil fleet teams [--format json]',
  options: [
    {
      name: 'severity',
      type: 'string',
      arg: 'SEVERITY',
      choices: SEVERITIES,
      config: false,
      description: 'fleet findings: the lowest severity shown (default high).',
    },
    {
      name: 'since',
      type: 'string',
      arg: 'DATE|AGE',
      config: false,
      description: 'fleet findings: only projects scanned since (a date, or 7d, 12h…).',
    },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const [sub, arg, extra] = ctx.options.positionals;
    if (extra !== undefined) throw new VigilError('E_USAGE', `unexpected argument "${extra}"`);
    if (sub !== 'depends' && sub !== 'findings' && sub !== 'teams') {
      throw new VigilError('E_USAGE', `vigil fleet needs "depends", "findings" or "teams"${sub ? ` (got "${sub}")` : ''}`);
    }
    if (sub === 'depends' && !arg)
      throw new VigilError('E_USAGE', 'fleet depends needs NAME or NAME@RANGE', { hint: 'e.g. vigil fleet depends xz@">=5.6.0 <5.6.2"' });
    const severity: Severity = v.severity ?? 'high';
    const since = typeof v.since === 'string' ? cutoffFrom(v.since, new Date(), '--since') : undefined;
    const json = v.format === 'json';
    const location = v.store;
    const store = openStore({ path: location });
    let scans;
    try {
      scans = store.latestScans?.() ?? [];
    } finally {
      store.close();
    }
    if (sub === 'depends') {
      const { name, range } = splitSpec(arg!);
      const rows = dependents(scans, name, range);
      return { kind: 'text', text: json ? `${JSON.stringify(rows, null, 2)}\n` : dependentsText(arg!, rows) };
    }
    if (sub === 'findings') {
      const rows = findingsSince(scans, severity, since);
      return { kind: 'text', text: json ? `${JSON.stringify(rows, null, 2)}\n` : findingsText(rows, severity, since) };
    }
    const teams = await teamsOf(location);
    const rows = teamRollups(scans, (k) => teams.get(k));
    return { kind: 'text', text: json ? `${JSON.stringify(rows, null, 2)}\n` : teamsText(rows) };
  },
});
