/**
 * `vigil enqueue ecosystem npm`: which packages of the ecosystem to look at. `--top N`: the N most
 * depended-upon (npm-high-impact). `--changes-since SEQ|last|DATE|AGE`: every package the registry's
 * changes feed lists after that point. The feed speaks in sequence numbers, so each read that
 * reaches the end of the feed records a checkpoint (sequence, time) in the store: `last` continues
 * from the latest one, a date or age (`2026-12-01`, `6h`) from the latest one at or before it.
 */
import { VigilError } from '../core/errors.js';
import type { Store } from '../store/types.js';
import { cutoffFrom } from '../store/duration.js';
import type { GuardedFetch } from '../sources/net/guarded-fetch.js';
import { readChanges } from '../sources/npm/changes.js';
import { latestJob } from './kinds/latest.js';
import type { NewJob } from './types.js';

export async function topJobs(top: number | undefined, round: string | undefined): Promise<NewJob[]> {
  if (top === undefined || !(top >= 1)) throw new VigilError('E_USAGE', 'enqueue ecosystem npm needs --top N (N ≥ 1) or --changes-since');
  const { npmTopDependents } = await import('npm-high-impact');
  return npmTopDependents.slice(0, Math.floor(top)).map((name) => latestJob(name, round));
}

interface Checkpoint {
  seq: string;
  at: string;
}

const CHECKPOINTS = 'npm-changes-checkpoints';
const KEEP = 500;

function checkpoints(store: Store, feed: string): Checkpoint[] {
  const e = store.getCache(CHECKPOINTS, feed);
  if (!e) return [];
  try {
    const v = JSON.parse(e.body.toString('utf8')) as unknown;
    return Array.isArray(v) ? (v as Checkpoint[]).filter((c) => typeof c?.seq === 'string' && typeof c.at === 'string') : [];
  } catch {
    return [];
  }
}

function record(store: Store, feed: string, c: Checkpoint): void {
  const all = [...checkpoints(store, feed), c].sort((a, b) => a.at.localeCompare(b.at)).slice(-KEEP);
  store.putCache(CHECKPOINTS, feed, { body: Buffer.from(JSON.stringify(all)), fetchedAt: c.at });
}

/** The sequence to read from: a sequence as given (or `now`), else the checkpoint `last`/DATE/AGE names. */
export function startSeq(store: Store, feed: string, since: string, now = new Date()): string {
  const isAge = /^\d+[mhdw]$/.test(since);
  if (!isAge && /^\d[\w-]*$/.test(since) && !/^\d{4}-\d{2}-\d{2}/.test(since)) return since;
  if (since === 'now') return 'now';
  const all = checkpoints(store, feed);
  if (since === 'last') {
    const c = all.at(-1);
    if (!c)
      throw new VigilError('E_USAGE', `--changes-since last: no earlier read of the changes feed of ${feed} in this store`, {
        hint: 'start from a sequence number (or "now"); later runs can continue with "last" or a date',
      });
    return c.seq;
  }
  let cutoff: string;
  try {
    cutoff = cutoffFrom(since, now);
  } catch {
    throw new VigilError('E_USAGE', `--changes-since: "${since}" is not a sequence number, "last", "now", a date or an age (6h, 2d)`);
  }
  const c = all.filter((x) => x.at <= cutoff).at(-1);
  if (!c) {
    throw new VigilError('E_USAGE', `--changes-since ${since}: this store has no read of ${feed}'s changes feed from before ${cutoff}`, {
      hint: all.length
        ? `the earliest is from ${all[0]!.at}; give a later time or a sequence number`
        : 'start from a sequence number (or "now")',
    });
  }
  return c.seq;
}

export interface ChangeJobs {
  jobs: NewJob[];
  /** Sequence the feed was read from, and up to. */
  from: string;
  to: string;
  deleted: number;
  /** What could not be read (the whole feed, or from some page on). */
  missing?: string;
}

/**
 * A `latest` job per package changed after SINCE (keyed by its change's sequence: a package that
 * changes again gets a new job). FEED is the base URL serving `_changes` (the registry by default).
 */
export async function changeJobs(
  store: Store,
  fetch: GuardedFetch,
  feed: string,
  since: string,
  opts: { max?: number; now?: Date } = {},
): Promise<ChangeJobs> {
  const from = startSeq(store, feed, since, opts.now);
  const startedAt = (opts.now ?? new Date()).toISOString();
  const read = await readChanges(fetch, feed, from, { ...(opts.max !== undefined ? { max: opts.max } : {}) });
  const reachedEnd = !read.unavailable && (opts.max === undefined || read.changed.length < opts.max);
  if (reachedEnd) record(store, feed, { seq: read.lastSeq, at: startedAt });
  return {
    jobs: read.changed.map((c) => latestJob(c.name, `seq-${c.seq}`)),
    from,
    to: read.lastSeq,
    deleted: read.deleted,
    ...(read.unavailable ? { missing: read.unavailable } : {}),
  };
}
