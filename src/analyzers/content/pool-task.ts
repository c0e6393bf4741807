/**
 * The worker side of a timed pool (pool-timed.ts): wait for a turn of the event loop, mark the task
 * running, say "started", then do the work.
 */
import { threadId, type MessagePort } from 'node:worker_threads';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Where a task is, in the cell its pool shares with the worker (StartedTask.state[0]). */
export const TASK_QUEUED = 0;
export const TASK_RUNNING = 1;
export const TASK_DONE = 2;

/** What a timed pool hands a worker. */
export interface StartedTask<I> {
  input: I;
  /** The worker posts its threadId here when it starts the task: the task's time limit starts then. */
  started: MessagePort;
  /**
   * One cell on shared memory, written by the worker (TASK_RUNNING when it starts the task, TASK_DONE
   * when it returns or throws) and read by the pool when the worker dies: a task still TASK_QUEUED
   * was only waiting behind the one that killed it.
   */
  state: Int32Array;
  /** When a trace is recorded: the worker writes when it started and ended the task here (ms since the epoch). */
  clock?: Float64Array;
}

const epochMs = (): number => performance.timeOrigin + performance.now();

export function startedTask<I, O>(fn: (input: I) => O): (task: StartedTask<I>) => Promise<O> {
  return async (task) => {
    // A worker is handed several tasks at once. Waiting for a turn of the event loop lets the task
    // before this one post its result first; without it, every task handed over ran before the
    // first result went back.
    await nextTurn();
    Atomics.store(task.state, 0, TASK_RUNNING);
    if (task.clock) task.clock[0] = epochMs();
    // The pool closes the channel when the task settles.
    task.started.postMessage(threadId);
    try {
      return fn(task.input);
    } finally {
      if (task.clock) task.clock[1] = epochMs();
      Atomics.store(task.state, 0, TASK_DONE);
    }
  };
}
