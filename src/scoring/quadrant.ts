/** The risk quadrant: criticality (x) × fragility (y), suspicion as the third axis. */
import type { ComponentScore, QuadrantName, RiskQuadrant } from './types.js';
import { CRITICAL_AT, FRAGILE_AT, SUSPICIOUS_AT } from './weights.js';

export function quadrantOf(criticality: number, fragility: number): QuadrantName {
  const crit = criticality >= CRITICAL_AT;
  const frag = fragility >= FRAGILE_AT;
  return crit ? (frag ? 'critical-fragile' : 'critical-robust') : frag ? 'peripheral-fragile' : 'peripheral-robust';
}

const ORDER: Record<QuadrantName, number> = {
  'critical-fragile': 0,
  'critical-robust': 1,
  'peripheral-fragile': 2,
  'peripheral-robust': 3,
};

export function buildQuadrant(scores: Record<string, ComponentScore>): RiskQuadrant {
  const counts: Record<QuadrantName, number> = {
    'critical-fragile': 0,
    'critical-robust': 0,
    'peripheral-fragile': 0,
    'peripheral-robust': 0,
  };
  const points = Object.entries(scores).map(([purl, s]) => {
    counts[s.quadrant]++;
    return {
      purl,
      name: `${s.name}@${s.version}`,
      criticality: s.criticality,
      fragility: s.fragility,
      suspicion: s.suspicion,
      quadrant: s.quadrant,
      suspicious: s.suspicion >= SUSPICIOUS_AT,
    };
  });
  points.sort(
    (a, b) =>
      Number(b.suspicious) - Number(a.suspicious) ||
      ORDER[a.quadrant] - ORDER[b.quadrant] ||
      b.criticality * b.fragility - a.criticality * a.fragility ||
      b.criticality - a.criticality ||
      a.purl.localeCompare(b.purl),
  );
  return {
    axes: { x: 'criticality', y: 'fragility', z: 'suspicion' },
    thresholds: { criticality: CRITICAL_AT, fragility: FRAGILE_AT, suspicion: SUSPICIOUS_AT },
    counts,
    points,
  };
}
