/** `release`: analyse one npm release (content and binaries, as `vigil inspect npm:NAME@VERSION`). */
import { inspect } from '../../app/inspect.js';
import { field, type JobKind } from '../kind.js';
import type { NewJob } from '../types.js';
import { summarize } from './summary.js';

export interface ReleasePayload {
  name: string;
  version: string;
}

/** One job per release, ever: the key is the release itself. */
export function releaseJob(name: string, version: string): NewJob {
  return { kind: 'release', key: `release:npm:${name}@${version}`, payload: { name, version } };
}

export const RELEASE_JOB: JobKind<ReleasePayload> = {
  kind: 'release',
  summary: 'analyse one npm release (NAME@VERSION)',
  parse: (p) => ({ name: field(p, 'name', 'release'), version: field(p, 'version', 'release') }),
  async run(p, ctx) {
    const { deps, cwd, offline } = ctx.services;
    const result = await inspect(`npm:${p.name}@${p.version}`, { cwd, npm: deps.npm, offline });
    deps.store.saveScan(result, { jobKey: ctx.key });
    return summarize(result);
  },
};
