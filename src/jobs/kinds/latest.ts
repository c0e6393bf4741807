/**
 * `latest`: find a package's latest release and queue its `release` job. Enqueued per package by
 * `vigil enqueue ecosystem npm --top N`; the release key makes the fan-out idempotent, so a release
 * that was already analysed anywhere in the fleet is not analysed again.
 */
import { VigilError } from '../../core/errors.js';
import { field, type JobKind } from '../kind.js';
import type { NewJob } from '../types.js';
import { releaseJob } from './release.js';

export interface LatestPayload {
  name: string;
}

/** The key names the package and ROUND (default: the UTC hour), so each poll round looks once. */
export function latestJob(name: string, round = new Date().toISOString().slice(0, 13)): NewJob {
  return { kind: 'latest', key: `latest:npm:${name}@${round}`, payload: { name } };
}

export const LATEST_JOB: JobKind<LatestPayload> = {
  kind: 'latest',
  summary: "look up a package's latest release and queue its release job",
  parse: (p) => ({ name: field(p, 'name', 'latest') }),
  async run(p, ctx) {
    const pack = await ctx.services.fresh.getPackument(p.name);
    const version = pack.distTags.latest;
    if (!version || !pack.versions[version]) {
      throw new VigilError('E_INPUT_NOT_FOUND', `${p.name}: no "latest" dist-tag`, { subject: p.name });
    }
    const [out] = await ctx.enqueue([releaseJob(p.name, version)]);
    return { release: `${p.name}@${version}`, queued: out?.created === true };
  },
};
