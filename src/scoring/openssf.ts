/**
 * The OpenSSF criticality-score combination (see weights.ts):
 *   S = 1/Σα_i · Σ α_i · log(1 + S_i) / log(1 + max(S_i, T_i))
 * Signals without data are excluded from both sums.
 */
import type { Factor } from './types.js';

/** log(1+S)/log(1+max(S,T)) in [0, 1]; 0 for non-finite or negative input. */
export function logTerm(value: number, threshold: number): number {
  if (!Number.isFinite(value) || value <= 0) return 0;
  const t = Number.isFinite(threshold) && threshold > 0 ? threshold : 1;
  return Math.log1p(value) / Math.log1p(Math.max(value, t));
}

export interface Signal {
  name: string;
  value: number | boolean | string;
  weight: number;
  /** The term in [0, 1], or undefined when the signal is unknown. */
  term: number | undefined;
  explanation: string;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Weighted mean of the known terms, with each signal's contribution; 0 when nothing is known. */
export function combine(prefix: string, signals: Signal[]): { score: number; factors: Factor[] } {
  const known = signals.filter((s) => s.term !== undefined && Number.isFinite(s.term) && s.weight > 0);
  const total = known.reduce((a, s) => a + s.weight, 0);
  let score = 0;
  const factors: Factor[] = signals.map((s) => {
    const isKnown = known.includes(s);
    const contribution = isKnown && total > 0 ? (s.weight * s.term!) / total : 0;
    score += contribution;
    return {
      name: `${prefix}.${s.name}`,
      value: s.value,
      weight: isKnown ? s.weight : 0,
      contribution: round(contribution),
      explanation: s.explanation,
    };
  });
  return { score: round(Math.min(1, Math.max(0, score))), factors };
}
