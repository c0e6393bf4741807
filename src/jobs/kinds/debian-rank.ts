/**
 * `debian-rank`: rank every source package of a Debian suite (as `vigil debian rank`) and keep the
 * ranking in the store. The archive comes from the payload's mirror or, without one, from the apt
 * sources of the machine the worker runs on.
 */
import { VigilError } from '../../core/errors.js';
import { rankDebianSuite } from '../../analyzers/debian/rank-suite.js';
import { field, type JobKind } from '../kind.js';
import type { NewJob } from '../types.js';
import { summarize } from './summary.js';

export interface DebianRankPayload {
  suite: string;
  mirror?: string;
  arch: string;
  top: number;
  /** OpenPGP keyring for InRelease, a file on the worker (default: the source's Signed-By, else Debian's keyring). */
  keyring?: string;
}

/** The key names mirror, suite and arch, and ROUND (default: the UTC day): a suite is ranked once a day. */
export function debianRankJob(
  suite: string,
  opts: { mirror?: string; arch?: string; top?: number; keyring?: string; round?: string } = {},
): NewJob {
  const arch = opts.arch ?? 'amd64';
  const round = opts.round ?? new Date().toISOString().slice(0, 10);
  return {
    kind: 'debian-rank',
    key: `debian-rank:${opts.mirror ?? 'apt-sources'}|${suite}|${arch}@${round}`,
    payload: {
      suite,
      arch,
      top: opts.top ?? 50,
      ...(opts.mirror ? { mirror: opts.mirror } : {}),
      ...(opts.keyring ? { keyring: opts.keyring } : {}),
    },
  };
}

export const DEBIAN_RANK_JOB: JobKind<DebianRankPayload> = {
  kind: 'debian-rank',
  summary: 'rank the source packages of a Debian suite by criticality × fragility',
  parse(p) {
    const suite = field(p, 'suite', 'debian-rank');
    const arch = typeof p.arch === 'string' && p.arch ? p.arch : 'amd64';
    const top = p.top ?? 50;
    if (typeof top !== 'number' || !(top >= 1)) throw new VigilError('E_USAGE', 'debian-rank job: payload field "top" must be ≥ 1');
    if (p.mirror !== undefined && (typeof p.mirror !== 'string' || !/^https?:\/\//i.test(p.mirror))) {
      throw new VigilError('E_USAGE', 'debian-rank job: payload field "mirror" must be an http(s) URL');
    }
    if (p.keyring !== undefined && typeof p.keyring !== 'string')
      throw new VigilError('E_USAGE', 'debian-rank job: payload field "keyring" must be a path');
    return {
      suite,
      arch,
      top,
      ...(typeof p.mirror === 'string' ? { mirror: p.mirror } : {}),
      ...(typeof p.keyring === 'string' ? { keyring: p.keyring } : {}),
    };
  },
  async run(p, ctx) {
    const { deps, offline } = ctx.services;
    const result = await rankDebianSuite({
      store: deps.store,
      suite: p.suite,
      arch: p.arch,
      top: p.top,
      offline,
      ...(p.mirror ? { mirror: p.mirror } : {}),
      ...(p.keyring ? { keyring: p.keyring } : {}),
    });
    deps.store.saveScan(result, { jobKey: ctx.key });
    return summarize(result);
  },
};
