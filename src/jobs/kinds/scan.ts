/**
 * `scan`: scan one project as `vigil scan PATH` does: a directory the worker can read, or a git URL
 * it can reach (cloned shallow into a temp dir without running anything, scanned, removed). A URL
 * scan is stored under the URL, so each round's scan is the same project in history and fleet views.
 */
import { isAbsolute } from 'node:path';
import { VigilError } from '../../core/errors.js';
import { scan } from '../../engine/scan.js';
import { checkGitUrl, isGitUrl, shallowClone } from '../../sources/git/clone.js';
import { field, type JobKind } from '../kind.js';
import type { NewJob } from '../types.js';
import { summarize } from './summary.js';

export interface ScanPayload {
  /** An absolute path, or a git URL (https, http, git, file). */
  path: string;
  team?: string;
}

/**
 * A scan job for TARGET (an absolute path — workers may run elsewhere — or a git URL). The key names
 * the target and ROUND (by default the UTC day): each project is scanned once per round however
 * often it is enqueued.
 */
export function scanJob(target: string, opts: { round?: string; team?: string } = {}): NewJob {
  const path = isGitUrl(target) ? checkGitUrl(target).url : target;
  const round = opts.round ?? new Date().toISOString().slice(0, 10);
  return { kind: 'scan', key: `scan:${path}@${round}`, payload: { path, ...(opts.team ? { team: opts.team } : {}) } };
}

export const SCAN_JOB: JobKind<ScanPayload> = {
  kind: 'scan',
  summary: 'scan a project: a directory (its lockfile, SBOM or manifest) or a git URL',
  parse(p) {
    const path = field(p, 'path', 'scan');
    if (isGitUrl(path)) checkGitUrl(path);
    else if (!isAbsolute(path)) throw new VigilError('E_USAGE', `scan job: path "${path}" is neither absolute nor a git URL`);
    return { path, ...(typeof p.team === 'string' ? { team: p.team } : {}) };
  },
  async run(p, ctx) {
    const s = ctx.services;
    const common = { offline: s.offline, concurrency: s.concurrency, jobKey: ctx.key };
    const deps = s.scanDeps();
    if (!isGitUrl(p.path)) return summarize(await scan({ target: p.path, ...common }, deps));
    const clone = await shallowClone(p.path, { signal: ctx.signal });
    try {
      const result = await scan({ target: clone.dir, label: p.path, ...common }, deps);
      return { ...summarize(result), commit: clone.commit };
    } finally {
      clone.remove();
    }
  },
};
