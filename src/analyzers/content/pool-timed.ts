/**
 * A piscina pool whose per-task time limit starts when a worker starts the task, not when the task
 * is queued: a scan queues many packages behind a few workers, and a limit counted from queueing
 * abandoned packages that had not even begun. The worker side wraps its function with
 * `startedTask` (pool-task.ts), which says "started" on a port handed in with the task and marks
 * the task running in a cell of shared memory.
 *
 * Each worker is handed more than one task at once (`tasksPerWorker`), so that it starts the next
 * as soon as it ends one. Handed one at a time, a worker waited after every task for the main thread to
 * receive the result and hand it the next: on a cold scan the main thread is busy parsing and
 * storing packuments, and the content worker sat idle for 6–7 s of a 40 s scan.
 *
 * That is why no AbortSignal goes to piscina: piscina never hands a second task to a worker running
 * an abortable one. A task past its limit is stopped by terminating the thread that runs it; piscina
 * then fails every task that thread held, and those that had not started (their cell still says
 * queued) run again on a new worker. The same holds when a task outgrows the worker's heap.
 *
 * Tasks beyond what the workers hold wait in this module's queue, never in piscina's, ordered by the
 * caller's priority (pool.ts: the largest package first).
 */
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { TASK_QUEUED, TASK_RUNNING, type StartedTask } from './pool-task.js';
import { span, spanAt, timelineOn } from '../../core/timeline.js';
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
  /** Tasks handed to each worker at once: the one it runs and those it starts next (default TASKS_PER_WORKER). */
  tasksPerWorker?: number;
}

/**
 * Measured on a cold platform-app scan (one worker): handed one task at a time, the worker went to
 * sleep waiting for its next task after 815–830 of 847 tasks, 6.4–7.2 s of a ~40 s scan. Two at a
 * time still left it idle with tasks waiting for 3.1–4.0 s of a ~32 s scan (bench/timeline.ts, the
 * worker's idle time while `pool.queued` spans were open): half of a scan's tasks take under 1 ms
 * (small packages whose files need no parse), so two of them do not cover the main thread's
 * longer turns (a large packument parsed, a binary read), which last 30–120 ms. Eight ahead: 0.3–0.6 s.
 * Peak RSS did not rise (bench/memory.ts, 3 alternated runs each: 521–536 MiB with 8, 526–567
 * with 2): a task held by a worker costs no copy of its files (their bytes are shared memory:
 * archive/shared-slabs.ts), and the heap gate (pool-heap.ts) counts the parse of every task
 * handed over, so large ones still wait for each other.
 */
export const TASKS_PER_WORKER = 8;

/** How often a task that only waited behind a failed one is handed over again. */
const MAX_REQUEUES = 8;

/**
 * Young generation of each worker, in MiB. Measured on a cold platform-app scan (two workers, load
 * 12–16): 64 MiB saved ~3 s of 79 s CPU but raised the peak RSS by ~180 MiB (752 → 933 MiB). With
 * one worker and fewer bundles parsed (js-file.ts wantsAst), 32 rather than 16 MiB: the syntax
 * trees of mid-sized files die young instead of being copied into the old generation, 46.6 → 44.5 s
 * CPU, wall 31.3 → 30.2 s, peak RSS 540 → 554 MiB (medians and highest of 3 alternated runs).
 */
export const WORKER_YOUNG_MB = 32;

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

/** A task's failure that was not its own: it was still queued on a worker that died for another task. */
class Requeue extends Error {}

export function createTimedPool<I, O>(opts: TimedPoolOptions): TimedPool<I, O> {
  const perWorker = Math.max(1, opts.tasksPerWorker ?? TASKS_PER_WORKER);
  // No worker starts before the first task: a warm rescan (every fact cached) never pays for one.
  const pool = new Piscina({
    filename: opts.filename,
    minThreads: 0,
    maxThreads: opts.maxThreads,
    concurrentTasksPerWorker: perWorker,
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
  // What the workers hold; a finishing task hands its slot to the waiting task of highest priority.
  const slots = new Semaphore(opts.maxThreads * perWorker);
  let closing: Promise<void> | undefined;

  /** One hand-over of `input` to a worker. Rejects with Requeue when it never started there. */
  const runOnce = async (input: I, limitMs: number, label: string | undefined): Promise<O> => {
    const state = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    // The worker's own clock: the main thread hears of a start late when it is busy.
    const clock = timelineOn ? new Float64Array(new SharedArrayBuffer(16)) : undefined;
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    port1.once('message', (thread: number) => {
      timer = setTimeout(() => {
        // Ended meanwhile: its result is on its way, and the worker runs the next task.
        if (Atomics.load(state, 0) !== TASK_RUNNING) return;
        timedOut = true;
        void pool.threads.find((w) => w.threadId === thread)?.terminate();
      }, limitMs);
    });
    try {
      const task: StartedTask<I> = { input, started: port2, state, ...(clock ? { clock } : {}) };
      return (await pool.run(task, { transferList: [port2] })) as O;
    } catch (e) {
      if (timedOut) throw new TaskLimitError({ kind: 'time', ms: limitMs }, e);
      if (Atomics.load(state, 0) === TASK_QUEUED && !closing) throw new Requeue('its worker ended before it started', { cause: e });
      if ((e as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') throw new TaskLimitError({ kind: 'heap', mb: opts.heapMb }, e);
      throw e;
    } finally {
      if (clock && clock[0]! > 0) {
        const end = clock[1]! > 0 ? clock[1]! : Date.now();
        spanAt('worker.busy', label ?? '', clock[0]! - performance.timeOrigin, end - performance.timeOrigin);
      }
      clearTimeout(timer);
      port1.close();
    }
  };

  return {
    threads: opts.maxThreads,
    get started() {
      return started;
    },
    async run(input, limitMs, o = {}) {
      const queued = span('pool.queued', o.label);
      const release = await slots.acquire(o.priority ?? 0);
      queued();
      try {
        for (let requeued = 0; ; requeued++) {
          try {
            return await runOnce(input, limitMs, o.label);
          } catch (e) {
            if (!(e instanceof Requeue) || requeued >= MAX_REQUEUES) throw e instanceof Requeue ? e.cause : e;
          }
        }
      } finally {
        release();
      }
    },
    close: () => (closing ??= pool.destroy()),
  };
}
