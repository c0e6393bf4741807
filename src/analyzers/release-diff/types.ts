/**
 * Shapes of a release-to-release comparison. Plain JSON (stored as facts['release-diff'][purl]).
 */
import type { Evidence, Severity, Unavailable } from '../../core/types.js';
import { defineFacts } from '../../core/facts.js';
import { isObj } from '../../core/guards.js';

/** One contributing observation about a release; `weight` comes from WEIGHTS (weights.ts). */
export interface Signal {
  /** Rule id in the catalogue, e.g. `release-diff/new-publisher`. */
  rule: string;
  weight: number;
  title: string;
  evidence: Evidence[];
  /**
   * `metadata`: who published and how (publisher, maintainers, times, provenance);
   * `content`: what the release ships or pulls in (files, scripts, dependencies and their age/size).
   */
  source: 'metadata' | 'content';
}

export interface FileDiffSummary {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  /** Paths (capped at 100 each, sorted). */
  addedPaths: string[];
  removedPaths: string[];
  changedPaths: string[];
  sizeBefore: number;
  sizeAfter: number;
}

export interface DependencyDelta {
  added: Record<string, string>;
  removed: Record<string, string>;
  changed: Record<string, { from: string; to: string }>;
}

export interface ReleaseDelta {
  name: string;
  /** The release compared against; absent for a first release. */
  from?: string;
  to: string;
  /** How `from` was chosen: given by the user, or the semver predecessor. */
  fromChosen: 'given' | 'previous-by-semver' | 'none';
  bump?: 'major' | 'minor' | 'patch' | 'prerelease' | 'downgrade' | 'same';
  publishedAt?: string;
  previousPublishedAt?: string;
  score: number;
  severity: Severity;
  signals: Signal[];
  files?: FileDiffSummary;
  dependencies?: DependencyDelta;
  /** Checks that could not run (field not served, tarball missing...). */
  unavailable: Unavailable[];
  /** The publisher took the package over recently (handover.ts); read by src/correlate/. */
  handover?: import('./handover.js').HandoverFacts;
}

/** Registry metadata of another package (a new dependency), when a lookup is available. */
export type PackumentLookup = (name: string) => Promise<import('../../sources/npm/types.js').Packument>;

export const RELEASE_DIFF_FACTS = defineFacts<ReleaseDelta>({
  key: 'release-diff',
  scope: 'component',
  version: 1,
  about: 'a release compared with the one before: signals, takeover-risk score, file and dependency changes',
  is: (v): v is ReleaseDelta => isObj(v) && typeof v['to'] === 'string' && typeof v['score'] === 'number' && Array.isArray(v['signals']),
});
