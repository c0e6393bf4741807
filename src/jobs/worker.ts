/**
 * The worker loop behind `vigil worker`: keeps up to CONCURRENCY jobs running, each under a lease it
 * extends by heartbeat every third of the lease. A job whose lease is lost (the database could not be
 * reached for a whole lease, or another worker took it over) is abandoned: its signal is aborted and
 * nothing more is written about it, since the worker now holding it will write the result.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from './error-text.js';
import { isPermanent, type JobKind, type JobServices } from './kind.js';
import type { JobQueue } from './queue.js';
import type { JobRecord } from './types.js';

export type WorkerEvent =
  | { type: 'job-start'; job: JobRecord }
  | { type: 'job-done'; job: JobRecord; result: unknown }
  | { type: 'job-failed'; job: JobRecord; error: string; willRetry: boolean }
  | { type: 'lease-lost'; job: JobRecord }
  | { type: 'idle' };

export interface WorkerOptions {
  queue: JobQueue;
  kinds: Readonly<Record<string, JobKind<never>>>;
  services: JobServices;
  /**
   * Services for one job, released when it ends; when given, used instead of `services` (a worker's
   * `--timeout` gives each job a network deadline of its own).
   */
  servicesForJob?: () => { services: JobServices; release(): void };
  concurrency: number;
  leaseMs: number;
  /** How long to wait before looking again when no job is due. */
  pollMs?: number;
  /** Stop once nothing is queued or running anywhere (benches, tests, batch runs). */
  drain?: boolean;
  /** Stop taking jobs; running ones finish. */
  signal?: AbortSignal;
  onEvent?: (e: WorkerEvent) => void;
  owner?: string;
}

export interface WorkerReport {
  owner: string;
  done: number;
  failed: number;
  lost: number;
}

export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export async function runWorker(o: WorkerOptions): Promise<WorkerReport> {
  const owner = o.owner ?? workerId();
  const report: WorkerReport = { owner, done: 0, failed: 0, lost: 0 };
  const emit = o.onEvent ?? (() => undefined);
  const running = new Set<Promise<void>>();
  const pollMs = o.pollMs ?? 1000;

  const runOne = async (job: JobRecord): Promise<void> => {
    const lease = { id: job.id, owner, attempt: job.attempts };
    const ac = new AbortController();
    const beat = setInterval(
      () => {
        o.queue.heartbeat(lease, o.leaseMs).then(
          (mine) => {
            if (!mine) ac.abort(new Error('lease lost'));
          },
          () => undefined, // a missed beat is retried at the next interval; the lease has slack
        );
      },
      Math.max(50, Math.floor(o.leaseMs / 3)),
    );
    emit({ type: 'job-start', job });
    const scoped = o.servicesForJob?.();
    try {
      const kind = o.kinds[job.kind];
      if (!kind) throw new Error(`no job kind "${job.kind}" in this vigil (known: ${Object.keys(o.kinds).join(', ')})`);
      const result = await kind.run(kind.parse(job.payload), {
        key: job.key,
        attempt: job.attempts,
        signal: ac.signal,
        services: scoped?.services ?? o.services,
        enqueue: (jobs) => o.queue.enqueue(jobs),
      });
      if (await o.queue.complete(lease, result)) {
        report.done++;
        emit({ type: 'job-done', job, result });
      } else {
        report.lost++;
        emit({ type: 'lease-lost', job });
      }
    } catch (e) {
      const error = errorMessage(e);
      const permanent = isPermanent(e) || !o.kinds[job.kind];
      if (await o.queue.fail(lease, error, permanent).catch(() => false)) {
        report.failed++;
        emit({ type: 'job-failed', job, error, willRetry: !permanent && job.attempts < job.maxAttempts });
      } else {
        report.lost++;
        emit({ type: 'lease-lost', job });
      }
    } finally {
      clearInterval(beat);
      scoped?.release();
    }
  };

  while (!o.signal?.aborted) {
    if (running.size >= o.concurrency) {
      await Promise.race(running);
      continue;
    }
    const job = await o.queue.claim(owner, o.leaseMs);
    if (job) {
      const p = runOne(job).finally(() => running.delete(p));
      running.add(p);
      continue;
    }
    if (o.drain && running.size === 0 && (await o.queue.pending()) === 0) break;
    emit({ type: 'idle' });
    await Promise.race([sleep(pollMs), ...running, ...(o.signal ? [abortPromise(o.signal)] : [])]);
  }
  await Promise.all(running);
  return report;
}

function abortPromise(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
