/**
 * `vigil jobs`: the queue at a glance (counts per kind and state, the dead letter, recent failures);
 * `vigil jobs list [--state S] [--kind K]`; `vigil jobs retry [ID…]` puts dead jobs back.
 */
import { defineCommand } from '../command.js';
import { VigilError } from '../../core/errors.js';
import { openJobQueue } from '../../jobs/open.js';
import { queueOverview } from '../../jobs/overview.js';
import { JOB_STATES, type JobRecord } from '../../jobs/types.js';
import { jobsOverview, jobLines } from '../../report/jobs.js';

export const jobsCommand = defineCommand({
  name: 'jobs',
  summary: 'Show the job queue of the PostgreSQL store (status, failures, dead letter), list jobs, or retry dead ones.',
  usage: 'vigil jobs [--format json] | vigil jobs list [--state queued|running|done|dead] [--kind K] | vigil jobs retry [ID…]',
  options: [
    { name: 'state', type: 'string', arg: 'STATE', choices: JOB_STATES, config: false, description: 'jobs list: only jobs in this state.' },
    { name: 'kind', type: 'string', arg: 'KIND', config: false, description: 'jobs list: only jobs of this kind.' },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const [sub = 'status', ...args] = ctx.options.positionals;
    const state = v.state;
    const ids = args.map((a) => {
      const n = Number(a.replace(/^#/, ''));
      if (!Number.isInteger(n) || n < 1) throw new VigilError('E_USAGE', `jobs ${sub}: "${a}" is not a job id`);
      return n;
    });
    if (sub !== 'status' && sub !== 'list' && sub !== 'retry')
      throw new VigilError('E_USAGE', `vigil jobs: unknown "${sub}" (status, list, retry)`);
    const json = v.format === 'json';
    const { queue, where, close } = openJobQueue(v.store);
    try {
      if (sub === 'retry') {
        const n = await queue.retry(ids.length ? ids : undefined);
        return { kind: 'text', text: `${n} dead job${n === 1 ? '' : 's'} queued again\n` };
      }
      if (sub === 'list') {
        const jobs: JobRecord[] = await queue.list({
          ...(state ? { state } : {}),
          ...(v.kind ? { kind: v.kind } : {}),
        });
        return { kind: 'text', text: json ? `${JSON.stringify(jobs, null, 2)}\n` : jobLines(jobs) };
      }
      const o = await queueOverview(queue);
      if (json) return { kind: 'text', text: `${JSON.stringify({ store: where, ...o }, null, 2)}\n` };
      return { kind: 'text', text: jobsOverview(where, o.counts, o.dead, o.retrying) };
    } finally {
      await close();
    }
  },
});
