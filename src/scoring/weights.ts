/**
 * Every weight and threshold of the scores, in one place.
 *
 * Each score combines signals the way the OpenSSF criticality score does
 * (github.com/ossf/criticality_score, "Quantifying criticality", Rob Pike's formula):
 *
 *   S = 1/Σα_i · Σ α_i · log(1 + S_i) / log(1 + max(S_i, T_i))
 *
 * α_i is a signal's weight, S_i its value and T_i the threshold at which it saturates to 1.
 * Signals the data does not provide are left out of both sums (reported as "unknown", never
 * guessed), so a score is the weighted mean over the signals that are known.
 * Boolean signals use S_i ∈ {0, 1} with T_i = 1.
 */

export interface SignalWeight {
  /** α: relative weight. */
  weight: number;
  /** T: value at which the log-scaled term reaches 1. */
  threshold: number;
}

/** Criticality: how much the user's own software leans on a component. */
export const CRITICALITY = {
  /** Roots (workspaces, installed services) that reach the component. T = number of roots. */
  rootsReaching: { weight: 1, threshold: 1 },
  /** Reached through runtime (not dev-only) dependencies. Boolean. */
  runtime: { weight: 2, threshold: 1 },
  /** Transitive dependents inside the user's graph (how much of the graph breaks without it). */
  dependents: { weight: 2, threshold: 100 },
  /** Direct dependents (in-degree): how many packages chose it themselves. */
  directDependents: { weight: 1, threshold: 25 },
  /** Transitive dependencies pulled in (an aggregator: its removal removes the subtree). */
  dependencies: { weight: 0.5, threshold: 200 },
  /** Privileged services loading it (Debian; network-facing count double). */
  privileged: { weight: 3, threshold: 4 },
  /** Ecosystem-wide reverse dependencies or dependents, only when a source provides them. */
  ecosystemDependents: { weight: 1, threshold: 1000 },
} as const satisfies Record<string, SignalWeight>;

/** Network-facing privileged services count this many times in the `privileged` signal. */
export const NETWORK_SERVICE_FACTOR = 2;

/**
 * Fragility: how thin the upkeep is. Each signal is already mapped to [0, 1] (1 = most fragile)
 * before weighting, so thresholds here are the saturation points of that mapping.
 */
export const FRAGILITY = {
  /** Active maintainers / publishers / Debian Maintainer+Uploaders: 1/n (one person → 1; a team → TEAM_FRAGILITY). */
  maintainers: { weight: 3, threshold: 1 },
  /** Truck factor from history (Avelino et al., ICPC 2016): 1/TF. */
  truckFactor: { weight: 3, threshold: 1 },
  /** Top maintainer's activity in long decline (history). Boolean. */
  maintainerDecline: { weight: 2, threshold: 1 },
  /** Months since the newest release, only from real publish times. T in months. */
  releaseAge: { weight: 1, threshold: 36 },
  /** Critical components of this user carried by the same person. T in components. */
  maintainerLoad: { weight: 1, threshold: 20 },
  /** No funding channel declared anywhere. Boolean. */
  noFunding: { weight: 1, threshold: 1 },
  /** The release is marked deprecated by its publisher. Boolean. */
  deprecated: { weight: 2, threshold: 1 },
} as const satisfies Record<string, SignalWeight>;

/** Fragility value of a team-maintained Debian source package (a team is not one tired person). */
export const TEAM_FRAGILITY = 0.2;

/**
 * Maintainers term when the only source of people is the repository's owner account: one account,
 * but it may be a person or an organisation, so it counts half as fragile as one named person.
 */
export const REPO_OWNER_FRAGILITY = 0.5;

/** Suspicion: detection findings on the component, weighted by severity and confidence. */
export const SUSPICION = {
  severity: { info: 0, low: 1, medium: 3, high: 7, critical: 15 },
  confidence: { low: 0.3, medium: 0.6, high: 1 },
  /** Weighted sum at which suspicion saturates to 1 (one high-confidence critical finding). */
  threshold: 15,
} as const;

/** Criticality at or above which a component counts as critical (maintainer load, "unfunded" list, quadrant). */
export const CRITICAL_AT = 0.5;
/** Fragility at or above which a component counts as fragile (quadrant). */
export const FRAGILE_AT = 0.5;
/** Suspicion at or above which the quadrant marks a component as suspicious. */
export const SUSPICIOUS_AT = 0.2;
