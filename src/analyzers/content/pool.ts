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
  /** Per-task limit; a worker stuck on one package is abandoned and its facts reported missing. */
  taskTimeoutMs?: number;
}

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
  const pool = new Piscina({ filename: workerFile(), minThreads: 0, maxThreads: threads, idleTimeout: 5000, execArgv: process.execArgv });
  const timeout = opts.taskTimeoutMs ?? 120_000;
  return {
    threads,
    async facts(files) {
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), timeout);
      try {
        return (await pool.run(files, { signal: ac.signal })) as ContentFacts;
      } catch (e) {
        rethrowBug(e, `content analysis of ${files.origin} in a worker`);
        throw new VigilError(
          'E_ANALYZER',
          `content analysis of ${files.origin} failed in a worker: ${ac.signal.aborted ? `timed out after ${timeout} ms` : (e as Error).message}`,
          { subject: files.origin, cause: e },
        );
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => pool.destroy(),
  };
}
