/** `scan`: scan one project directory the worker can read, as `vigil scan PATH` does. */
import { isAbsolute } from 'node:path';
import { VigilError } from '../../core/errors.js';
import { scan } from '../../engine/scan.js';
import { field, type JobKind } from '../kind.js';
import type { NewJob } from '../types.js';
import { summarize } from './summary.js';

export interface ScanPayload {
  path: string;
  team?: string;
}

/**
 * A scan job for PATH (absolute: workers may run elsewhere). The key names the path and ROUND (by
 * default the UTC day): each project is scanned once per round however often it is enqueued.
 */
export function scanJob(path: string, opts: { round?: string; team?: string } = {}): NewJob {
  const round = opts.round ?? new Date().toISOString().slice(0, 10);
  return { kind: 'scan', key: `scan:${path}@${round}`, payload: { path, ...(opts.team ? { team: opts.team } : {}) } };
}

export const SCAN_JOB: JobKind<ScanPayload> = {
  kind: 'scan',
  summary: 'scan a project directory (its lockfile, SBOM or manifest)',
  parse(p) {
    const path = field(p, 'path', 'scan');
    if (!isAbsolute(path)) throw new VigilError('E_USAGE', `scan job: path "${path}" is not absolute`);
    return { path, ...(typeof p.team === 'string' ? { team: p.team } : {}) };
  },
  async run(p, ctx) {
    const s = ctx.services;
    const result = await scan({ target: p.path, offline: s.offline, concurrency: s.concurrency, jobKey: ctx.key }, s.deps);
    return summarize(result);
  },
};
