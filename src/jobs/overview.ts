/** The queue at a glance, as `vigil jobs` and the dashboard show it: counts, the dead letter, jobs waiting to be retried. */
import type { JobQueue } from './queue.js';
import type { JobCounts, JobRecord } from './types.js';

export interface QueueOverview {
  counts: JobCounts[];
  /** Jobs that failed for good (at most 20, newest first as the queue lists them). */
  dead: JobRecord[];
  /** Queued jobs that failed before and wait for another attempt (at most 20). */
  retrying: JobRecord[];
}

export async function queueOverview(queue: JobQueue): Promise<QueueOverview> {
  const counts = await queue.counts();
  const dead = await queue.list({ state: 'dead', limit: 20 });
  const retrying = (await queue.list({ state: 'queued', limit: 200 })).filter((j) => j.lastError !== null).slice(0, 20);
  return { counts, dead, retrying };
}
