/** The job kinds a worker runs, in one explicit registry. */
import type { JobKind } from '../kind.js';
import { DEBIAN_RANK_JOB } from './debian-rank.js';
import { LATEST_JOB } from './latest.js';
import { POLL_JOB } from './poll.js';
import { RELEASE_JOB } from './release.js';
import { SCAN_JOB } from './scan.js';

export const JOB_KINDS: Readonly<Record<string, JobKind<never>>> = {
  scan: SCAN_JOB as JobKind<never>,
  release: RELEASE_JOB as JobKind<never>,
  latest: LATEST_JOB as JobKind<never>,
  poll: POLL_JOB as JobKind<never>,
  'debian-rank': DEBIAN_RANK_JOB as JobKind<never>,
};
