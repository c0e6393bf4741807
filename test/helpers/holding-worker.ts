/**
 * A timed-pool worker for scheduling tests: a task with `hold` blocks its thread until the test
 * stores 1 in that shared cell (so the tasks queued behind it wait), after storing 1 in `started`
 * when given one; a task with `count` adds one to that shared cell; every task answers its name.
 */
import { startedTask } from '../../src/analyzers/content/pool-task.js';

export interface HoldingTask {
  name: string;
  hold?: Int32Array;
  count?: Int32Array;
  started?: Int32Array;
}

export default startedTask((input: HoldingTask): string => {
  if (input.started) {
    Atomics.store(input.started, 0, 1);
    Atomics.notify(input.started, 0);
  }
  if (input.hold) Atomics.wait(input.hold, 0, 0, 60_000);
  if (input.count) Atomics.add(input.count, 0, 1);
  return input.name;
});
