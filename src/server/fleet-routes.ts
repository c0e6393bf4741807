/**
 * The fleet part of the JSON API (docs/api.md, "Fleet and jobs"): questions across every project of
 * the store — who depends on NAME@RANGE, findings since a time, rollups per team — and, when the
 * store is PostgreSQL, its job queue: counts, the dead letter, retrying dead jobs.
 */
import { VigilError } from '../core/errors.js';
import { SEVERITIES, type Severity } from '../core/types.js';
import { dependents, findingsSince, teamRollups } from '../fleet/views.js';
import { queueOverview } from '../jobs/overview.js';
import type { JobQueue } from '../jobs/queue.js';
import { cutoffFrom } from '../store/duration.js';
import type { Route, RouteContext } from './routes.js';

function queueOf(c: RouteContext): JobQueue {
  if (!c.jobs) {
    throw new VigilError('E_CONFIG', 'this store has no job queue', {
      hint: 'the queue lives in the PostgreSQL store: start vigil serve with --store postgres://…',
    });
  }
  return c.jobs;
}

function severityOf(raw: string | null): Severity {
  const s = raw ?? 'high';
  if (!(SEVERITIES as readonly string[]).includes(s)) throw new VigilError('E_USAGE', `severity must be one of ${SEVERITIES.join(', ')}`);
  return s as Severity;
}

function sinceOf(raw: string | null): string | undefined {
  if (!raw) return undefined;
  try {
    return cutoffFrom(raw);
  } catch {
    throw new VigilError('E_USAGE', `since: "${raw}" is neither a date (2026-11-30) nor an age (7d, 12h)`);
  }
}

function idsOf(body: unknown): number[] | undefined {
  if (body === null || typeof body !== 'object' || !('ids' in body) || body.ids === undefined) return undefined;
  const ids = body.ids;
  if (!Array.isArray(ids) || !ids.every((n): n is number => Number.isSafeInteger(n) && (n as number) > 0)) {
    throw new VigilError('E_USAGE', 'ids must be a list of job ids');
  }
  return ids;
}

const scans = (c: RouteContext) => c.store.latestScans?.() ?? [];

export const FLEET_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    path: /^\/api\/fleet\/depends$/,
    handle: (c) => {
      const name = c.query.get('package');
      if (!name) throw new VigilError('E_USAGE', 'package is required (and range optional): /api/fleet/depends?package=NAME&range=RANGE');
      const range = c.query.get('range') || '*';
      return { package: name, range, dependents: dependents(scans(c), name, range) };
    },
  },
  {
    method: 'GET',
    path: /^\/api\/fleet\/findings$/,
    handle: (c) => {
      const severity = severityOf(c.query.get('severity'));
      const since = sinceOf(c.query.get('since'));
      return { severity, ...(since ? { since } : {}), findings: findingsSince(scans(c), severity, since) };
    },
  },
  {
    method: 'GET',
    path: /^\/api\/fleet\/teams$/,
    handle: async (c) => {
      const teams = c.jobs ? await c.jobs.teamsByTarget() : new Map<string, string>();
      return { teams: teamRollups(scans(c), (k) => teams.get(k)) };
    },
  },
  { method: 'GET', path: /^\/api\/jobs$/, handle: (c) => queueOverview(queueOf(c)) },
  {
    method: 'POST',
    path: /^\/api\/jobs\/retry$/,
    handle: async (c) => ({ retried: await queueOf(c).retry(idsOf(c.body)) }),
  },
];
