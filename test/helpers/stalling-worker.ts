/**
 * A timed-pool worker for scheduling tests: `stall` blocks its thread (as a package whose analysis
 * never ends would) until the pool abandons it; any other input is answered at once.
 */
import { startedTask } from '../../src/analyzers/content/pool-task.js';

export default startedTask((input: string): string => {
  if (input === 'stall') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
  return `done ${input}`;
});
