/** A timed-pool worker that answers with who ran the task: its thread id and the resource limits it was started with. */
import { resourceLimits, threadId } from 'node:worker_threads';
import { startedTask } from '../../src/analyzers/content/pool-task.js';

export default startedTask((_input: string) => ({ thread: threadId, limits: { ...resourceLimits } }));
