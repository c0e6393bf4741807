/**
 * Worker pool for content analysis when many packages are analysed (a scan): parsing is CPU-bound,
 * so facts are computed in piscina workers while the main thread keeps fetching. Single-package use
 * (inspect, tests) calls contentFacts directly; both paths give identical facts.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { PackageFiles } from '../../sources/archive/types.js';
import type { ContentFacts } from './types.js';
import { rethrowBug, VigilError } from '../../core/errors.js';

export interface ContentPoolOptions {
  /** Worker threads (default: available CPUs - 1, at least 1). */
  maxThreads?: number;
  /**
   * Per-task limit for a small package; a worker stuck on one package is abandoned and its facts
   * reported missing. Larger packages get longer, in proportion to their size (see taskLimitMs).
   */
  taskTimeoutMs?: number;
  /**
   * Old-generation heap of each worker, in MiB (default 256). V8 otherwise lets a worker's heap grow
   * toward the process limit before collecting, and two workers parsing large bundles then hold most
   * of a scan's memory. A package whose analysis needs more fails alone, reported as a problem.
   */
  heapMb?: number;
}

export const DEFAULT_WORKER_HEAP_MB = 256;

export interface ContentPool {
  /** contentFacts(files) in a worker. Rejects with E_ANALYZER on timeout or worker failure. */
  facts(files: PackageFiles): Promise<ContentFacts>;
  close(): Promise<void>;
  readonly threads: number;
}

/** The worker module next to this one: .ts when running from source (tsx), .js when built. */
function workerFile(): string {
  const self = new URL(import.meta.url);
  const ext = self.pathname.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./pool-worker${ext}`, self).href;
}

export function createContentPool(opts: ContentPoolOptions = {}): ContentPool {
  const threads = Math.max(1, opts.maxThreads ?? availableParallelism() - 1);
  // No worker starts before the first task: a warm rescan (every fact cached) never pays for one.
  const heapMb = opts.heapMb ?? DEFAULT_WORKER_HEAP_MB;
  const pool = new Piscina({
    filename: workerFile(),
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 5000,
    execArgv: process.execArgv,
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 16 },
  });
  // A worker that fails with a task running rejects that task (reported below); one that fails
  // between tasks has nothing to report to, and must not end the process.
  pool.on('error', () => undefined);
  const timeout = opts.taskTimeoutMs ?? 120_000;
  return {
    threads,
    async facts(files) {
      const ac = new AbortController();
      const limit = taskLimitMs(timeout, files.totalSize);
      const timer = setTimeout(() => ac.abort(), limit);
      try {
        return (await pool.run(files, { signal: ac.signal })) as ContentFacts;
      } catch (e) {
        rethrowBug(e, `content analysis of ${files.origin} in a worker`);
        throw new VigilError(
          'E_ANALYZER',
          `content analysis of ${files.origin} failed in a worker: ${why(e, ac.signal.aborted, limit, heapMb)}`,
          { subject: files.origin, cause: e },
        );
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => pool.destroy(),
  };
}

/**
 * A package's time limit: the base, plus a second per 256 KiB of content. A framework that ships
 * hundreds of compiled bundles (next: 134 MiB) takes minutes on a loaded machine; a flat limit
 * abandoned it on every scan, cold or warm, since failed analyses are not stored.
 */
export function taskLimitMs(baseMs: number, totalSize: number): number {
  return baseMs + Math.ceil(Math.max(0, totalSize || 0) / (256 * 1024)) * 1000;
}

function why(e: unknown, timedOut: boolean, timeout: number, heapMb: number): string {
  if (timedOut) return `timed out after ${timeout} ms`;
  if ((e as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') return `needed more than the worker's ${heapMb} MiB heap`;
  return (e as Error).message;
}
