/**
 * Worker pool for content analysis when many packages are analysed (a scan): parsing is CPU-bound,
 * so facts are computed in piscina workers while the main thread keeps fetching. Single-package use
 * (inspect, tests) calls contentFacts directly; both paths give identical facts.
 */
import { availableParallelism } from 'node:os';
import type { PackageFiles } from '../../sources/archive/types.js';
import type { ContentFacts } from './types.js';
import { rethrowBug, VigilError } from '../../core/errors.js';
import { createTimedPool, TaskLimitError, type RunOptions } from './pool-timed.js';
import type { FileFacts } from './facts.js';
import { FileFactsMemo, slicesOf, splitFacts, type ContentTask } from './split.js';
import { createHeapGate, parseHeapEstimate } from './pool-heap.js';
import { span } from '../../core/timeline.js';
import { moduleUrl } from '../../core/package-root.js';

export interface ContentPoolOptions {
  /** Worker threads (default: available CPUs - 1, at least 1). */
  maxThreads?: number;
  /**
   * Per-task limit for a small package, counted from when a worker starts it; a worker stuck on one
   * package is abandoned and its facts reported missing. Larger packages get longer, in proportion
   * to their size (see taskLimitMs).
   */
  taskTimeoutMs?: number;
  /**
   * Old-generation heap of each worker, in MiB (default 256). V8 otherwise lets a worker's heap grow
   * toward the process limit before collecting, and two workers parsing large bundles then hold most
   * of a scan's memory. A package whose analysis needs more fails alone, reported as a problem.
   */
  heapMb?: number;
  /** Where large packages are cut into slices (split.ts); the defaults suit real packages. */
  split?: { minBytes: number; sliceBytes: number };
  /**
   * Estimated parse heap of all workers together, in MiB (default: heapMb, what one worker may
   * use): tasks whose estimates do not fit together wait for each other (pool-heap.ts).
   */
  sharedHeapMb?: number;
  /** Tasks handed to each worker at once (pool-timed.ts; default TASKS_PER_WORKER). */
  tasksPerWorker?: number;
  /**
   * Told before a task whose parse is estimated at LARGE_PARSE_BYTES or more of worker heap is
   * handed over: the scanning thread gives back what it dropped before the worker's heap grows.
   */
  beforeLargeParse?: () => void;
}

/** A parse this large (a script of ~1.3 MB) grows a worker's heap by about as much as the scanning thread holds in dropped buffers. */
export const LARGE_PARSE_BYTES = 64 * 1024 * 1024;

export const DEFAULT_WORKER_HEAP_MB = 256;

export interface ContentPool {
  /**
   * contentFacts(files) in a worker. Rejects with E_ANALYZER_LIMIT when the analysis ran out of time
   * or heap, E_ANALYZER on another worker failure, InternalError on a bug.
   */
  facts(files: PackageFiles): Promise<ContentFacts>;
  close(): Promise<void>;
  readonly threads: number;
}

/** The worker module: .ts when running from source (tsx), .js when built (also under the bundled CLI). */
function workerFile(): string {
  return moduleUrl('analyzers/content/pool-worker').href;
}

/** `tasks`: tasks handed to workers so far (a split package counts each slice and the join). */
export function createContentPool(opts: ContentPoolOptions = {}): ContentPool & { readonly tasks: number } {
  const heapMb = opts.heapMb ?? DEFAULT_WORKER_HEAP_MB;
  const pool = createTimedPool<ContentTask, ContentFacts | FileFacts[]>({
    filename: workerFile(),
    maxThreads: Math.max(1, opts.maxThreads ?? availableParallelism() - 1),
    heapMb,
    tasksPerWorker: opts.tasksPerWorker,
  });
  const gate = createHeapGate((opts.sharedHeapMb ?? heapMb) * 1024 * 1024);
  const timeout = opts.taskTimeoutMs ?? 120_000;
  let tasks = 0;
  const memo = new FileFactsMemo();
  // Waiting tasks start largest package first (a split package's slices and join by the whole
  // package's size): the longest analyses do not come last, where one worker would run them alone.
  const run = async (task: ContentTask, limitMs: number, o: Required<RunOptions>) => {
    tasks++;
    // A join parses nothing again; a package or a slice reserves the parse of its largest script.
    const gated = span('pool.gate', o.label);
    const estimate = 'assemble' in task ? 0 : parseHeapEstimate('slice' in task ? { files: task.slice } : task);
    const release = await gate.acquire(estimate);
    gated();
    if (estimate >= LARGE_PARSE_BYTES) opts.beforeLargeParse?.();
    try {
      return await pool.run(task, limitMs, o);
    } finally {
      release();
    }
  };
  return {
    threads: pool.threads,
    get tasks() {
      return tasks;
    },
    async facts(files) {
      try {
        // A large package is analysed in slices (split.ts); each task has a limit for its own size.
        const slices = slicesOf(files, opts.split?.minBytes, opts.split?.sliceBytes);
        const priority = files.totalSize || 0;
        if (!slices) return (await run(files, taskLimitMs(timeout, files.totalSize), { label: files.origin, priority })) as ContentFacts;
        return await splitFacts(
          files,
          slices,
          pool.threads,
          {
            slice: async (slice, bytes) =>
              (await run({ slice }, taskLimitMs(timeout, bytes), { label: `${files.origin} slice`, priority })) as FileFacts[],
            assemble: async (task) =>
              (await run(task, taskLimitMs(timeout, files.totalSize), { label: `${files.origin} join`, priority })) as ContentFacts,
          },
          memo,
        );
      } catch (e) {
        rethrowBug(e, `content analysis of ${files.origin} in a worker`);
        const limited = e instanceof TaskLimitError;
        throw new VigilError(
          limited ? 'E_ANALYZER_LIMIT' : 'E_ANALYZER',
          `content analysis of ${files.origin} ${limited ? 'gave up' : 'failed'} in a worker: ${(e as Error).message}`,
          { subject: files.origin, cause: e },
        );
      }
    },
    close: () => pool.close(),
  };
}

/**
 * A package's time limit: the base, plus a second per 256 KiB of content. A framework that ships
 * hundreds of compiled bundles (next: 134 MiB) takes minutes on a loaded machine; a flat limit
 * abandoned it on every scan.
 */
export function taskLimitMs(baseMs: number, totalSize: number): number {
  return baseMs + Math.ceil(Math.max(0, totalSize || 0) / (256 * 1024)) * 1000;
}
