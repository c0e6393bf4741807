/**
 * The dashboard's fleet page (`#/fleet`): the job queue of a PostgreSQL store (counts per kind and
 * state, the dead letter with a retry button, jobs waiting to be retried), then questions across
 * every project: who depends on NAME@RANGE, findings since a time, rollups per team.
 */
import type { DependentRow, FleetFinding, TeamRollup } from '../../src/fleet/views.js';
import type { QueueOverview } from '../../src/jobs/overview.js';
import { ApiError, getJson, postJson } from './api.js';
import { badge, clear, h, section, shortDate, table } from './dom.js';

async function jobsSection(say: (m: string) => void, reload: () => void): Promise<HTMLElement> {
  let o: QueueOverview;
  try {
    o = await getJson<QueueOverview>('/api/jobs');
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return section('jobs', 'Job queue', h('p', { class: 'empty' }, e.message));
  }
  const retry = (ids?: number[]) => async () => {
    const r = await postJson<{ retried: number }>('/api/jobs/retry', ids ? { ids } : {});
    say(`${r.retried} dead job${r.retried === 1 ? '' : 's'} queued again`);
    reload();
  };
  const jobRows = (list: QueueOverview['dead']) =>
    list.map((j) => ({
      id: j.id,
      kind: j.kind,
      key: j.key,
      attempts: `${j.attempts}/${j.maxAttempts}`,
      error: j.lastError ?? '',
      at: shortDate(j.finishedAt ?? j.runAt),
    }));
  return section(
    'jobs',
    'Job queue',
    o.counts.length
      ? table(
          o.counts.map((c) => ({ kind: c.kind, state: c.state, jobs: c.n })),
          'Jobs per kind and state',
        )
      : h('p', { class: 'empty' }, 'No jobs queued yet.'),
    h('h3', null, 'Dead letter'),
    o.dead.length
      ? [
          table(jobRows(o.dead), 'Jobs that failed for good (newest 20)'),
          h('button', { type: 'button', id: 'retry-dead', onclick: () => void retry(o.dead.map((j) => j.id))() }, 'Retry these jobs'),
        ]
      : h('p', { class: 'empty' }, 'No dead jobs.'),
    h('h3', null, 'Waiting to be retried'),
    o.retrying.length ? table(jobRows(o.retrying)) : h('p', { class: 'empty' }, 'None.'),
  );
}

function dependsSection(): HTMLElement {
  const name = h('input', { id: 'depends-package', type: 'text', required: true, placeholder: 'xz-js' });
  const range = h('input', { id: 'depends-range', type: 'text', placeholder: '>=5.6.0 <5.6.2' });
  const out = h('div', { 'aria-live': 'polite' });
  const ask = async (ev: Event) => {
    ev.preventDefault();
    const q = new URLSearchParams({ package: name.value.trim(), ...(range.value.trim() ? { range: range.value.trim() } : {}) });
    const r = await getJson<{ dependents: DependentRow[] }>(`/api/fleet/depends?${q}`);
    clear(out);
    out.append(
      r.dependents.length
        ? table(
            r.dependents.map((d) => ({
              project: d.project,
              version: d.version,
              direct: d.direct ? 'direct' : 'transitive',
              dev: d.dev ? 'dev' : '',
            })),
          )
        : h('p', { class: 'empty' }, 'No project depends on it.'),
    );
  };
  return section(
    'fleet-depends',
    'Which projects depend on…',
    h(
      'form',
      { onsubmit: (ev) => void ask(ev).catch((e: Error) => (out.textContent = e.message)) },
      h('label', { for: 'depends-package' }, 'Package '),
      name,
      h('label', { for: 'depends-range' }, ' range '),
      range,
      h('button', { type: 'submit' }, 'Ask'),
    ),
    out,
  );
}

async function findingsSection(): Promise<HTMLElement> {
  const severity = h(
    'select',
    { id: 'fleet-severity' },
    ['critical', 'high', 'medium', 'low', 'info'].map((s) => h('option', { value: s, selected: s === 'high' }, s)),
  );
  const since = h('input', { id: 'fleet-since', type: 'text', value: '7d', placeholder: '7d or 2026-11-30' });
  const out = h('div', { 'aria-live': 'polite' });
  const load = async () => {
    const q = new URLSearchParams({ severity: severity.value, ...(since.value.trim() ? { since: since.value.trim() } : {}) });
    const r = await getJson<{ findings: FleetFinding[] }>(`/api/fleet/findings?${q}`);
    clear(out);
    out.append(
      r.findings.length
        ? h(
            'ul',
            { class: 'fleet-findings' },
            r.findings.map((f) =>
              h(
                'li',
                null,
                badge(f.finding.severity),
                ` ${f.project}: ${f.finding.title} (${f.finding.rule}, scanned ${shortDate(f.scannedAt)})`,
              ),
            ),
          )
        : h('p', { class: 'empty' }, 'No such finding in projects scanned in that time.'),
    );
  };
  const reload = () => void load().catch((e: Error) => (out.textContent = e.message));
  severity.addEventListener('change', reload);
  since.addEventListener('change', reload);
  await load().catch((e: Error) => (out.textContent = e.message));
  return section(
    'fleet-findings',
    'Findings across the fleet',
    h(
      'p',
      null,
      h('label', { for: 'fleet-severity' }, 'At least '),
      severity,
      h('label', { for: 'fleet-since' }, ' in projects scanned since '),
      since,
    ),
    out,
  );
}

async function teamsSection(): Promise<HTMLElement> {
  const { teams } = await getJson<{ teams: TeamRollup[] }>('/api/fleet/teams');
  return section(
    'fleet-teams',
    'Teams',
    teams.length
      ? table(
          teams.map((t) => ({
            team: t.team,
            projects: t.projects,
            components: t.components,
            critical: t.findings.critical ?? 0,
            high: t.findings.high ?? 0,
            medium: t.findings.medium ?? 0,
            'at risk': t.atRisk.join(', '),
          })),
        )
      : h('p', { class: 'empty' }, 'No projects scanned yet.'),
  );
}

export async function fleetPage(page: HTMLElement, say: (m: string) => void): Promise<void> {
  const reload = () => void fleetPage(page, say);
  const parts = await Promise.all([jobsSection(say, reload), findingsSection(), teamsSection()]);
  const main = h('main', null, parts[0], dependsSection(), parts[1], parts[2]);
  clear(page);
  page.append(main);
}
