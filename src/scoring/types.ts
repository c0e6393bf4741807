/** Shapes produced by scoring (stored as `facts.scoring`; read by the HTML report, see report/view-model.ts). */
import { defineFacts } from '../core/facts.js';
import { isObj } from '../core/guards.js';

export interface Factor {
  /** Signal name, e.g. `dependents`, `maintainers`. */
  name: string;
  /** Raw value (count, months, boolean), or `"unknown"` when no source provides it. */
  value: number | boolean | string;
  /** α of the signal (0 when unknown: it is left out of the score). */
  weight: number;
  /** α · term / Σα over known signals: the share of the score this signal accounts for. */
  contribution: number;
  explanation: string;
}

export interface ComponentScore {
  name: string;
  version: string;
  criticality: number;
  fragility: number;
  suspicion: number;
  quadrant: QuadrantName;
  /** Criticality, fragility and suspicion factors, each named `<score>.<signal>` (signals unknown for every component are listed once in ScoringFacts.unknown instead). */
  factors: Factor[];
  /** Maintainer / publisher identities used for maintainer load (`npm:alice`, `deb:a@b.org`). */
  people?: string[];
  /** Where `people` were read (absent when no source named anyone). */
  peopleSource?: string;
}

export type QuadrantName = 'critical-fragile' | 'critical-robust' | 'peripheral-fragile' | 'peripheral-robust';

export interface RiskQuadrant {
  axes: { x: 'criticality'; y: 'fragility'; z: 'suspicion' };
  thresholds: { criticality: number; fragility: number; suspicion: number };
  counts: Record<QuadrantName, number>;
  /** Components most worth attention first: critical × fragile, then suspicion. */
  points: {
    purl: string;
    name: string;
    criticality: number;
    fragility: number;
    suspicion: number;
    quadrant: QuadrantName;
    suspicious: boolean;
  }[];
}

export interface ScoringFacts {
  scores: Record<string, ComponentScore>;
  quadrant: RiskQuadrant;
  /** Signals no source provided for any component, with why (for `unavailable`); they are left out of each component's factors. */
  unknown: { signal: string; reason: string }[];
}

export const SCORING_FACTS = defineFacts<ComponentScore>({
  key: 'scoring',
  scope: 'component',
  version: 1,
  about: 'criticality, fragility and suspicion per component, with their factors',
  is: (v): v is ComponentScore =>
    isObj(v) && typeof v['criticality'] === 'number' && typeof v['fragility'] === 'number' && Array.isArray(v['factors']),
});
