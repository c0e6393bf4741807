/**
 * A piscina pool whose per-task time limit starts when a worker starts the task, not when the task
 * is queued: a scan queues many packages behind a few workers, and a limit counted from queueing
 * abandoned packages that had not even begun. The worker side wraps its function with
 * `startedTask` (pool-task.ts), which says "started" on a port handed in with the task.
 *
 * Tasks wait in this module's queue, never in piscina's: piscina (5.x) loses its queued tasks when
 * it terminates the only worker for an aborted task, so at most one task per thread is handed over.
 * The queue is ordered by the caller's priority (pool.ts: the largest package first).
 */
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { StartedTask } from './pool-task.js';
import { span } from '../../core/timeline.js';
import { Semaphore } from '../../core/semaphore.js';

export interface TimedPoolOptions {
  /** The worker module (its default export wrapped with startedTask). */
  filename: string;
  maxThreads: number;
  /** Old-generation heap of each worker, in MiB. */
  heapMb: number;
  /**
   * How long a worker may sit idle before it is ended (default: never, while the pool is open).
   * piscina's own default ended workers idle for 5 s, and a scan has such gaps (waiting for
   * downloads, or for the heap gate): each new worker compiled the analysis code again, which on
   * two cores cost the other worker's time.
   */
  idleTimeoutMs?: number;
}

/**
 * Young generation of each worker, in MiB. Measured on a cold platform-app scan (two workers, load
 * 12–16): 64 MiB saved ~3 s of 79 s CPU but raised the peak RSS by ~180 MiB (752 → 933 MiB).
 */
export const WORKER_YOUNG_MB = 16;

/** Why a task stopped at a limit: it ran past its time, or its worker ran out of heap. */
export type TaskLimit = { kind: 'time'; ms: number } | { kind: 'heap'; mb: number };

/** A task stopped at a resource limit (not a failure of the code it ran). */
export class TaskLimitError extends Error {
  readonly limit: TaskLimit;
  constructor(limit: TaskLimit, cause: unknown) {
    super(limit.kind === 'time' ? `timed out after ${limit.ms} ms` : `needed more than the worker's ${limit.mb} MiB heap`, { cause });
    this.name = 'TaskLimitError';
    this.limit = limit;
  }
}

export interface RunOptions {
  /** Tasks waiting for a worker start highest first (ties in order of arrival); default 0. */
  priority?: number;
  /** What the task is, for a trace (core/timeline.ts). */
  label?: string;
}

export interface TimedPool<I, O> {
  /** Runs `input` in a worker; rejects with TaskLimitError past `limitMs` of running time or the heap limit. */
  run(input: I, limitMs: number, o?: RunOptions): Promise<O>;
  /** Ends the workers (their heaps go with them); a task after close rejects. Later calls return the first call's promise. */
  close(): Promise<void>;
  readonly threads: number;
  /** Workers started so far (a worker ended and replaced counts again). */
  readonly started: number;
}

export function createTimedPool<I, O>(opts: TimedPoolOptions): TimedPool<I, O> {
  // No worker starts before the first task: a warm rescan (every fact cached) never pays for one.
  const pool = new Piscina({
    filename: opts.filename,
    minThreads: 0,
    maxThreads: opts.maxThreads,
    idleTimeout: opts.idleTimeoutMs ?? Infinity,
    // No execArgv: workers inherit node's options (the tsx loader when run from source). Handed
    // process.execArgv, a V8 flag given to node (--max-old-space-size, --heap-growing-percent) made
    // every worker refuse to start (ERR_WORKER_INVALID_EXEC_ARGV) and the scan die.
    resourceLimits: { maxOldGenerationSizeMb: opts.heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
  // A worker that fails with a task running rejects that task; one that fails between tasks has
  // nothing to report to, and must not end the process.
  pool.on('error', () => undefined);
  let started = 0;
  pool.on('workerCreate', () => {
    started++;
    span('worker.start')();
  });
  // One slot per thread; a finishing task hands its slot to the waiting task of highest priority.
  const slots = new Semaphore(opts.maxThreads);
  let closing: Promise<void> | undefined;
  return {
    threads: opts.maxThreads,
    get started() {
      return started;
    },
    async run(input, limitMs, o = {}) {
      const queued = span('pool.queued', o.label);
      const release = await slots.acquire(o.priority ?? 0);
      queued();
      const busy = span('worker.busy', o.label);
      const ac = new AbortController();
      const { port1, port2 } = new MessageChannel();
      let timer: NodeJS.Timeout | undefined;
      port1.once('message', () => {
        timer = setTimeout(() => ac.abort(), limitMs);
      });
      try {
        const task: StartedTask<I> = { input, started: port2 };
        return (await pool.run(task, { signal: ac.signal, transferList: [port2] })) as O;
      } catch (e) {
        if (ac.signal.aborted) throw new TaskLimitError({ kind: 'time', ms: limitMs }, e);
        if ((e as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') throw new TaskLimitError({ kind: 'heap', mb: opts.heapMb }, e);
        throw e;
      } finally {
        busy();
        clearTimeout(timer);
        port1.close();
        release();
      }
    },
    close: () => (closing ??= pool.destroy()),
  };
}
