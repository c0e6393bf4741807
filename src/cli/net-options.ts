/**
 * The network policy every command passes to whatever it fetches (registry, Debian archive and
 * sources, OSV dumps, audit imports, the changes feed): the `--allow-host` hosts and one deadline
 * for all network work of the run (`--timeout`).
 */
import type { GlobalValues } from '../core/options.js';

export interface NetOptions {
  allowHosts: string[];
  /** Epoch ms after which no request starts and running ones are aborted (`--timeout`). */
  deadlineAt?: number;
}

export function netOptions(v: Pick<GlobalValues, 'allow-host' | 'timeout'>, now: number = Date.now()): NetOptions {
  return {
    allowHosts: v['allow-host'] ?? [],
    ...(typeof v.timeout === 'number' && v.timeout > 0 ? { deadlineAt: now + v.timeout * 1000 } : {}),
  };
}
