/**
 * `poll`: one round of `vigil watch` over a share of the watched packages. `vigil enqueue poll`
 * splits every package the stored projects depend on into chunks, one job each, so a fleet polls a
 * large estate in parallel. The watch state (last snapshot per package, alerts) lives in the shared
 * store, so an alert is raised once across the fleet; the job records the alerts it raised.
 */
import { createHash } from 'node:crypto';
import { VigilError } from '../../core/errors.js';
import { watchCycle } from '../../app/watch.js';
import { RequestBudget, registryId, WatchState, type Alert } from '../../watch/index.js';
import type { JobKind } from '../kind.js';
import type { NewJob } from '../types.js';

export interface PollPayload {
  names: string[];
  requestsPerMinute: number;
}

/** The key names the chunk (by digest) and ROUND (default: the UTC hour): each chunk is polled once a round. */
export function pollJob(names: readonly string[], opts: { round?: string; requestsPerMinute?: number } = {}): NewJob {
  const sorted = [...new Set(names)].sort();
  const round = opts.round ?? new Date().toISOString().slice(0, 13);
  const digest = createHash('sha256').update(sorted.join('\n')).digest('hex').slice(0, 16);
  return {
    kind: 'poll',
    key: `poll:npm:${digest}@${round}`,
    payload: { names: sorted, requestsPerMinute: opts.requestsPerMinute ?? 120 },
  };
}

export const POLL_JOB: JobKind<PollPayload> = {
  kind: 'poll',
  summary: 'poll a set of npm packages for new releases, tag moves, deprecations and removals (one watch round)',
  parse(p) {
    const names = p.names;
    if (!Array.isArray(names) || names.length === 0 || !names.every((n): n is string => typeof n === 'string' && n !== '')) {
      throw new VigilError('E_USAGE', 'poll job: payload field "names" must be a non-empty list of package names');
    }
    const rpm = p.requestsPerMinute ?? 120;
    if (typeof rpm !== 'number' || !(rpm >= 1)) throw new VigilError('E_USAGE', 'poll job: payload field "requestsPerMinute" must be ≥ 1');
    return { names, requestsPerMinute: rpm };
  },
  async run(p, ctx) {
    const { deps, fresh, cwd, offline } = ctx.services;
    if (offline) throw new VigilError('E_USAGE', 'poll job: polling the registry cannot run --offline');
    const raised: Alert[] = [];
    const warnings: string[] = [];
    const r = await watchCycle(
      {
        projects: [],
        names: p.names,
        cwd,
        once: true,
        intervalMs: 0,
        requestsPerMinute: p.requestsPerMinute,
        emit: (a) => raised.push(a),
        warn: (m) => warnings.push(m),
        signal: ctx.signal,
      },
      { ...deps, npm: fresh },
      new RequestBudget(p.requestsPerMinute),
      new WatchState(deps.store, registryId(deps.npm.registryUrl('x'))),
    );
    if (r.polled === 0 && r.failed > 0)
      throw new VigilError('E_NETWORK', `poll: none of ${p.names.length} packages could be polled: ${warnings[0] ?? ''}`);
    return {
      polled: r.polled,
      failed: r.failed,
      alerts: raised.map((a) => ({ id: a.id, severity: a.severity, package: a.package, kind: a.kind })),
      ...(warnings.length ? { warnings: warnings.slice(0, 20) } : {}),
    };
  },
};
