/**
 * `vigil enqueue scan PATH…`, `vigil enqueue release NAME@VERSION…`, `vigil enqueue ecosystem npm
 * --top N`: add jobs to the queue in the PostgreSQL store. Keys make it idempotent: what is already
 * queued, running or done under the same key is left alone and reported as such.
 */
import { resolve } from 'node:path';
import { defineCommand } from '../command.js';
import { VigilError } from '../../core/errors.js';
import { openJobQueue } from '../../jobs/open.js';
import { scanJob } from '../../jobs/kinds/scan.js';
import { releaseJob } from '../../jobs/kinds/release.js';
import { latestJob } from '../../jobs/kinds/latest.js';
import { parseNpmSpec } from '../../core/npm-spec.js';
import type { NewJob } from '../../jobs/types.js';

async function ecosystemJobs(eco: string | undefined, top: number | undefined, round: string | undefined): Promise<NewJob[]> {
  if (eco !== 'npm') throw new VigilError('E_USAGE', `enqueue ecosystem: only "npm" is supported${eco ? ` (got "${eco}")` : ''}`);
  if (typeof top !== 'number' || !(top >= 1)) throw new VigilError('E_USAGE', 'enqueue ecosystem npm needs --top N (N ≥ 1)');
  // Ranked by number of dependents (npm-high-impact); a `latest` job per package finds its newest release.
  const { npmTopDependents } = await import('npm-high-impact');
  return npmTopDependents.slice(0, Math.floor(top)).map((name) => latestJob(name, round));
}

function releaseJobs(specs: string[]): NewJob[] {
  return specs.map((s) => {
    const spec = parseNpmSpec(s.startsWith('npm:') ? s : `npm:${s}`);
    if (!spec || spec.want === 'latest' || !/^\d/.test(spec.want)) {
      throw new VigilError('E_USAGE', `enqueue release: "${s}" is not NAME@VERSION`, { hint: 'e.g. vigil enqueue release left-pad@1.3.0' });
    }
    return releaseJob(spec.name, spec.want);
  });
}

export const enqueueCommand = defineCommand({
  name: 'enqueue',
  summary: 'Queue jobs for `vigil worker` in the PostgreSQL store: project scans, npm releases, or an ecosystem’s top packages.',
  usage:
    'vigil enqueue scan PATH… [--team NAME] [--round R] | vigil enqueue release NAME@VERSION… | vigil enqueue ecosystem npm --top N [--round R]',
  options: [
    { name: 'top', type: 'number', arg: 'N', config: false, description: 'enqueue ecosystem: the N most depended-upon packages.' },
    {
      name: 'team',
      type: 'string',
      arg: 'NAME',
      config: false,
      description: 'enqueue scan: the team that owns these projects (fleet rollups).',
    },
    {
      name: 'round',
      type: 'string',
      arg: 'R',
      config: false,
      description:
        'enqueue: the round in the job key (default: the UTC day for scans, the hour for package polls); a new round queues again.',
    },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const [what, ...args] = ctx.options.positionals;
    const round = v.round;
    let jobs: NewJob[];
    if (what === 'scan') {
      if (args.length === 0) throw new VigilError('E_USAGE', 'enqueue scan needs at least one PATH');
      const team = v.team;
      jobs = args.map((p) => scanJob(resolve(ctx.cwd, p), { ...(round ? { round } : {}), ...(team ? { team } : {}) }));
    } else if (what === 'release') {
      if (args.length === 0) throw new VigilError('E_USAGE', 'enqueue release needs at least one NAME@VERSION');
      jobs = releaseJobs(args);
    } else if (what === 'ecosystem') {
      jobs = await ecosystemJobs(args[0], v.top, round);
    } else {
      throw new VigilError('E_USAGE', `vigil enqueue needs "scan", "release" or "ecosystem"${what ? ` (got "${what}")` : ''}`);
    }
    const { queue, where, close } = openJobQueue(v.store);
    try {
      const out = await queue.enqueue(jobs);
      const created = out.filter((o) => o.created).length;
      const lines = out.filter((o) => !o.created).map((o) => `  already ${o.state}: #${o.id} ${o.key}`);
      return {
        kind: 'text',
        text: [`queued ${created} of ${out.length} job${out.length === 1 ? '' : 's'} in ${where}`, ...lines].join('\n') + '\n',
      };
    } finally {
      await close();
    }
  },
});
