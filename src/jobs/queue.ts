/**
 * The job queue: one `jobs` table in the PostgreSQL store (migration 2), claimed with
 * `FOR UPDATE SKIP LOCKED` so any number of workers on any number of machines take distinct jobs.
 *
 * - Idempotent keys: enqueuing an existing key is a no-op (the same release is analysed once).
 * - Leases: a claimed job is the worker's until `lease_until`; the worker extends it by heartbeat.
 *   A worker that dies stops beating, its lease runs out and the next claim takes the job again.
 * - Fencing: completing, failing or extending names the lease (owner + attempt number), so a worker
 *   that lost its lease can no longer write anything about the job.
 * - Retries with exponential backoff up to `max_attempts`; then the job is dead (the dead letter),
 *   visible in `vigil jobs` until retried by hand.
 */
import pg from 'pg';
import type { EnqueueOutcome, JobCounts, JobRecord, JobState, Lease, NewJob } from './types.js';

export interface QueueOptions {
  /** First retry delay (ms); doubles with each attempt. */
  backoffBaseMs?: number;
  /** Longest retry delay (ms). */
  backoffMaxMs?: number;
}

interface JobRow {
  id: string;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  state: JobState;
  attempts: number;
  max_attempts: number;
  run_at: Date;
  lease_owner: string | null;
  lease_until: Date | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  last_error: string | null;
  result: unknown;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function toRecord(r: JobRow): JobRecord {
  return {
    id: Number(r.id),
    kind: r.kind,
    key: r.key,
    payload: r.payload,
    state: r.state,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAt: r.run_at.toISOString(),
    leaseOwner: r.lease_owner,
    leaseUntil: iso(r.lease_until),
    createdAt: r.created_at.toISOString(),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    lastError: r.last_error,
    result: r.result,
  };
}

export class JobQueue {
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;

  constructor(
    private readonly pool: pg.Pool,
    opts: QueueOptions = {},
  ) {
    this.backoffBaseMs = opts.backoffBaseMs ?? 30_000;
    this.backoffMaxMs = opts.backoffMaxMs ?? 3_600_000;
  }

  async enqueue(jobs: readonly NewJob[]): Promise<EnqueueOutcome[]> {
    const out: EnqueueOutcome[] = [];
    for (const j of jobs) {
      const ins = await this.pool.query<{ id: string; state: JobState }>(
        `INSERT INTO jobs (kind, key, payload, max_attempts) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING RETURNING id, state`,
        [j.kind, j.key, JSON.stringify(j.payload), j.maxAttempts ?? 5],
      );
      const row =
        ins.rows[0] ??
        (await this.pool.query<{ id: string; state: JobState }>('SELECT id, state FROM jobs WHERE key = $1', [j.key])).rows[0]!;
      out.push({ id: Number(row.id), key: j.key, created: ins.rows.length > 0, state: row.state });
    }
    return out;
  }

  /**
   * Takes the next job that is due (or whose lease ran out), for OWNER, for LEASE_MS. Jobs whose
   * lease ran out on their last attempt are declared dead first.
   */
  async claim(owner: string, leaseMs: number): Promise<JobRecord | undefined> {
    await this.pool.query(
      `UPDATE jobs SET state = 'dead', finished_at = now(), lease_owner = NULL, lease_until = NULL,
         last_error = 'lease expired on attempt ' || attempts || ' of ' || max_attempts || ': worker ' || COALESCE(lease_owner, '?') || ' stopped without finishing'
       WHERE state = 'running' AND lease_until < now() AND attempts >= max_attempts`,
    );
    const r = await this.pool.query<JobRow>(
      `WITH next AS (
         SELECT id FROM jobs
         WHERE (state = 'queued' AND run_at <= now()) OR (state = 'running' AND lease_until < now())
         ORDER BY run_at, id
         FOR UPDATE SKIP LOCKED
         LIMIT 1)
       UPDATE jobs j SET state = 'running', attempts = j.attempts + 1, lease_owner = $1,
         lease_until = now() + make_interval(secs => $2::double precision / 1000), started_at = now(),
         last_error = CASE WHEN j.state = 'running'
           THEN 'lease expired on attempt ' || j.attempts || ': worker ' || COALESCE(j.lease_owner, '?') || ' stopped without finishing'
           ELSE j.last_error END
       FROM next WHERE j.id = next.id
       RETURNING j.*`,
      [owner, leaseMs],
    );
    return r.rows[0] ? toRecord(r.rows[0]) : undefined;
  }

  /** Extends the lease; false when it is no longer ours (expired and taken, or finished). */
  async heartbeat(lease: Lease, leaseMs: number): Promise<boolean> {
    const r = await this.pool.query(
      `UPDATE jobs SET lease_until = now() + make_interval(secs => $4::double precision / 1000)
       WHERE id = $1 AND lease_owner = $2 AND attempts = $3 AND state = 'running'`,
      [lease.id, lease.owner, lease.attempt, leaseMs],
    );
    return (r.rowCount ?? 0) > 0;
  }

  /** Marks the job done with its result; false (nothing written) when the lease was lost. */
  async complete(lease: Lease, result: unknown): Promise<boolean> {
    const r = await this.pool.query(
      `UPDATE jobs SET state = 'done', finished_at = now(), lease_owner = NULL, lease_until = NULL, result = $4
       WHERE id = $1 AND lease_owner = $2 AND attempts = $3 AND state = 'running'`,
      [lease.id, lease.owner, lease.attempt, JSON.stringify(result ?? null)],
    );
    return (r.rowCount ?? 0) > 0;
  }

  /**
   * Records a failed attempt: queued again after a backoff, or dead when attempts are used up or
   * the failure is permanent (retrying cannot help: bad input, a bug). False when the lease was lost.
   */
  async fail(lease: Lease, error: string, permanent = false): Promise<boolean> {
    const r = await this.pool.query(
      `UPDATE jobs SET
         state = CASE WHEN $5 OR attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
         finished_at = CASE WHEN $5 OR attempts >= max_attempts THEN now() ELSE NULL END,
         run_at = now() + make_interval(secs => LEAST($6::double precision * power(2, attempts - 1), $7::double precision) / 1000),
         lease_owner = NULL, lease_until = NULL, last_error = $4
       WHERE id = $1 AND lease_owner = $2 AND attempts = $3 AND state = 'running'`,
      [lease.id, lease.owner, lease.attempt, error, permanent, this.backoffBaseMs, this.backoffMaxMs],
    );
    return (r.rowCount ?? 0) > 0;
  }

  /** Dead jobs (all, or those IDS) go back to the queue with fresh attempts. Returns how many. */
  async retry(ids?: readonly number[]): Promise<number> {
    const r = await this.pool.query(
      `UPDATE jobs SET state = 'queued', attempts = 0, run_at = now(), finished_at = NULL
       WHERE state = 'dead' AND ($1::bigint[] IS NULL OR id = ANY($1::bigint[]))`,
      [ids ? [...ids] : null],
    );
    return r.rowCount ?? 0;
  }

  async counts(): Promise<JobCounts[]> {
    const r = await this.pool.query<{ kind: string; state: JobState; n: string }>(
      'SELECT kind, state, COUNT(*) AS n FROM jobs GROUP BY kind, state ORDER BY kind, state',
    );
    return r.rows.map((x) => ({ kind: x.kind, state: x.state, n: Number(x.n) }));
  }

  async list(filter: { state?: JobState; kind?: string; limit?: number } = {}): Promise<JobRecord[]> {
    const r = await this.pool.query<JobRow>(
      `SELECT * FROM jobs WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR kind = $2)
       ORDER BY COALESCE(finished_at, started_at, created_at) DESC, id DESC LIMIT $3`,
      [filter.state ?? null, filter.kind ?? null, filter.limit ?? 50],
    );
    return r.rows.map(toRecord);
  }

  /** The team of each scanned target (from `enqueue scan --team`), newest scan job first. */
  async teamsByTarget(): Promise<Map<string, string>> {
    const r = await this.pool.query<{ target: string; team: string }>(
      `SELECT DISTINCT ON (result->>'target') result->>'target' AS target, payload->>'team' AS team FROM jobs
       WHERE kind = 'scan' AND state = 'done' AND payload ? 'team' AND result ? 'target'
       ORDER BY result->>'target', finished_at DESC`,
    );
    return new Map(r.rows.map((x) => [x.target, x.team]));
  }

  /** Jobs not yet finished (queued or running), for `--drain`. */
  async pending(): Promise<number> {
    const r = await this.pool.query<{ n: string }>("SELECT COUNT(*) AS n FROM jobs WHERE state IN ('queued', 'running')");
    return Number(r.rows[0]!.n);
  }
}
