/** The facts `vigil history` stores under `facts.history[subject]` (JSON for the HTML report). */
import type { FragilityFacts } from './fragility.js';
import type { PersonFacts } from './timeline.js';
import type { TruckFactor } from './truck-factor.js';

export interface HistoryFacts {
  repo: string;
  head?: string;
  branch: string;
  since?: string;
  until?: string;
  shallow: boolean;
  commits: number;
  merges: number;
  firstCommit?: string;
  lastCommit?: string;
  tags: { total: number; annotated: number; signed: number };
  /** False when some commits have no line counts (missing objects). */
  lineCountsComplete: boolean;
  truckFactor?: TruckFactor;
  fragility?: FragilityFacts;
  /** Identities merged into people, with their timeline (per-month commits, tags, firsts). */
  people: PersonFacts[];
}

export function emptyFacts(repo: string, opts: { since?: string; until?: string; branch?: string }): HistoryFacts {
  return {
    repo,
    branch: opts.branch ?? 'HEAD',
    ...(opts.since ? { since: opts.since } : {}),
    ...(opts.until ? { until: opts.until } : {}),
    shallow: false,
    commits: 0,
    merges: 0,
    tags: { total: 0, annotated: 0, signed: 0 },
    lineCountsComplete: true,
    people: [],
  };
}
