/** The worker side of a timed pool (pool-timed.ts): say "started" first, then do the work. */
import type { MessagePort } from 'node:worker_threads';

/** What a timed pool hands a worker: the input, and the port on which the worker says it started. */
export interface StartedTask<I> {
  input: I;
  started: MessagePort;
}

export function startedTask<I, O>(fn: (input: I) => O): (task: StartedTask<I>) => O {
  return (task) => {
    // The pool closes the channel when the task settles.
    task.started.postMessage(0);
    return fn(task.input);
  };
}
