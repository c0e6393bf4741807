/** The facts `vigil history` and `vigil scan --repo` store under `facts.history[subject]`. */
import { isObj } from '../../core/guards.js';
import type { FragilityFacts } from './fragility.js';
import type { PersonFacts } from './timeline.js';
import type { TruckFactor } from './truck-factor.js';
import { defineFacts } from '../../core/facts.js';

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
    people: [],
  };
}

/**
 * The one reader of the history fact family — `facts.history[subject]` = HistoryFacts, exactly as
 * the analyzer produced them — for scoring and every renderer. Stored results are untrusted JSON:
 * a value without HistoryFacts' shape is skipped, never guessed at.
 */
export function readHistoryFacts(family: unknown): Map<string, HistoryFacts> {
  const out = new Map<string, HistoryFacts>();
  if (!isObj(family)) return out;
  for (const [subject, v] of Object.entries(family)) if (isHistoryFacts(v)) out.set(subject, v);
  return out;
}

function isHistoryFacts(v: unknown): v is HistoryFacts {
  if (!isObj(v) || typeof v['repo'] !== 'string' || typeof v['commits'] !== 'number' || !Array.isArray(v['people'])) return false;
  const tf = v['truckFactor'];
  return tf === undefined || (isObj(tf) && typeof tf['value'] === 'number' && Number.isFinite(tf['value']));
}

export const HISTORY_FACTS = defineFacts<HistoryFacts>({
  key: 'history',
  scope: 'component',
  version: 1,
  about: 'a git history read per repository: commits, people and their timeline, truck factor, fragility',
  is: isHistoryFacts,
});
