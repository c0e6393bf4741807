/**
 * `vigil worker`: takes jobs from the queue in the PostgreSQL store and runs them until stopped
 * (SIGINT/SIGTERM: running jobs finish, no new ones start) or, with --drain, until the queue is empty.
 */
import { defineCommand } from '../command.js';
import { VigilError } from '../../core/errors.js';
import { openDepsFromOptions } from '../open-deps.js';
import { openJobQueue } from '../../jobs/open.js';
import { JOB_KINDS } from '../../jobs/kinds/index.js';
import { runWorker, type WorkerEvent } from '../../jobs/worker.js';
import { safeTerminalText } from '../../core/sanitize.js';
import type { OpenedScanDeps } from '../../engine/wiring.js';

function line(e: WorkerEvent): string | undefined {
  if (e.type === 'job-start') return `start #${e.job.id} ${e.job.key} (attempt ${e.job.attempts}/${e.job.maxAttempts})`;
  if (e.type === 'job-done') return `done  #${e.job.id} ${e.job.key}`;
  if (e.type === 'job-failed') return `fail  #${e.job.id} ${e.job.key}: ${e.error}${e.willRetry ? ' (will retry)' : ' (dead)'}`;
  if (e.type === 'lease-lost') return `lost  #${e.job.id} ${e.job.key}: the lease ran out; another worker owns the job now`;
  return undefined;
}

export const workerCommand = defineCommand({
  name: 'worker',
  summary: 'Run jobs from the queue in the PostgreSQL store (--store postgres://…): scans, release analyses, package polls.',
  usage: 'vigil worker --store postgres://… [--concurrency N] [--lease SECONDS] [--timeout SECONDS per job] [--drain]',
  options: [
    {
      name: 'lease',
      type: 'number',
      default: 60,
      arg: 'SECONDS',
      config: false,
      description: 'worker: how long a job stays ours without a heartbeat (beats come every third of it).',
    },
    { name: 'drain', type: 'boolean', default: false, config: false, description: 'worker: exit once no job is queued or running.' },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const extra = ctx.options.positionals[0];
    if (extra !== undefined) throw new VigilError('E_USAGE', `unexpected argument "${extra}"`);
    const leaseSec = v.lease;
    if (!(leaseSec > 0)) throw new VigilError('E_USAGE', '--lease must be a positive number of seconds');
    const concurrency = Math.max(1, Math.floor(v.concurrency));
    const { queue, where, close } = openJobQueue(v.store);
    // --timeout bounds each job's network work: a worker runs for days, so one deadline for its
    // whole life would fail every job after it.
    const deps = await openDepsFromOptions(ctx, ctx.cwd, { runDeadline: false });
    const jobTimeoutMs = typeof v.timeout === 'number' && v.timeout > 0 ? v.timeout * 1000 : undefined;
    const servicesOf = (d: OpenedScanDeps) => ({
      deps: d,
      scanDeps: () => d.forNextScan(),
      fresh: d.revalidating(),
      cwd: ctx.cwd,
      offline: v.offline,
      concurrency,
    });
    const stop = new AbortController();
    const onSignal = (): void => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      ctx.stderr.write(`vigil worker: ${concurrency} at a time from ${where}\n`);
      const report = await runWorker({
        queue,
        kinds: JOB_KINDS,
        services: servicesOf(deps),
        ...(jobTimeoutMs !== undefined
          ? {
              servicesForJob: () => {
                const d = deps.withDeadline(Date.now() + jobTimeoutMs);
                return { services: servicesOf(d), release: () => d.close() };
              },
            }
          : {}),
        concurrency,
        leaseMs: leaseSec * 1000,
        pollMs: Math.min(1000, leaseSec * 250),
        drain: v.drain,
        signal: stop.signal,
        onEvent: (e) => {
          const l = line(e);
          if (l) ctx.stderr.write(`${safeTerminalText(l)}\n`);
        },
      });
      return { kind: 'text', text: `worker ${report.owner}: ${report.done} done, ${report.failed} failed, ${report.lost} lost\n` };
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      deps.close();
      await close();
    }
  },
});
