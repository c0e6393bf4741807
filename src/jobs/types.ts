/** Jobs: the unit of work `vigil worker` takes from the PostgreSQL queue. */

export type JobState = 'queued' | 'running' | 'done' | 'dead';
export const JOB_STATES: readonly JobState[] = ['queued', 'running', 'done', 'dead'];

export interface JobRecord {
  id: number;
  kind: string;
  /** Idempotency key: one job per key across the fleet (enqueuing it again is a no-op). */
  key: string;
  payload: Record<string, unknown>;
  state: JobState;
  /** Attempts started so far, this one included while running. */
  attempts: number;
  maxAttempts: number;
  runAt: string;
  leaseOwner: string | null;
  leaseUntil: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  lastError: string | null;
  result: unknown;
}

/** The lease a worker holds on a claimed job: every write about the job is fenced by it. */
export interface Lease {
  id: number;
  owner: string;
  attempt: number;
}

export interface NewJob {
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  maxAttempts?: number;
}

export interface EnqueueOutcome {
  id: number;
  key: string;
  /** False when a job with this key already existed (it is left as it was). */
  created: boolean;
  state: JobState;
}

export interface JobCounts {
  kind: string;
  state: JobState;
  n: number;
}
