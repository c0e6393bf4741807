/**
 * CVSS v3.x base score from a vector string (FIRST CVSS v3.1 specification, section 7), used to turn
 * an OSV `severity` entry into a vigil severity. Returns undefined for anything it cannot read.
 */
import type { Severity } from '../../core/types.js';

const AV: Record<string, number> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC: Record<string, number> = { L: 0.77, H: 0.44 };
const UI: Record<string, number> = { N: 0.85, R: 0.62 };
const CIA: Record<string, number> = { H: 0.56, L: 0.22, N: 0 };

/** CVSS 3.1 "Roundup": smallest number with one decimal that is >= x, robust to float error. */
function roundUp(x: number): number {
  const i = Math.round(x * 100000);
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10;
}

/** Dumps repeat a few hundred distinct vectors across thousands of records. */
const memo = new Map<string, number | undefined>();

export function cvss3BaseScore(vector: string): number | undefined {
  if (memo.has(vector)) return memo.get(vector);
  const score = computeScore(vector);
  if (memo.size < 10_000) memo.set(vector, score);
  return score;
}

function computeScore(vector: string): number | undefined {
  if (!/^CVSS:3\.[01]\//.test(vector)) return undefined;
  const m: Record<string, string> = {};
  for (const part of vector.split('/').slice(1)) {
    const [k, v] = part.split(':');
    if (k && v) m[k] = v;
  }
  const scope = m.S;
  const av = AV[m.AV ?? ''],
    ac = AC[m.AC ?? ''],
    ui = UI[m.UI ?? ''];
  const c = CIA[m.C ?? ''],
    i = CIA[m.I ?? ''],
    a = CIA[m.A ?? ''];
  const prRaw = m.PR;
  if (av === undefined || ac === undefined || ui === undefined || c === undefined || i === undefined || a === undefined) return undefined;
  if (scope !== 'U' && scope !== 'C') return undefined;
  const pr =
    prRaw === 'N' ? 0.85 : prRaw === 'L' ? (scope === 'C' ? 0.68 : 0.62) : prRaw === 'H' ? (scope === 'C' ? 0.5 : 0.27) : undefined;
  if (pr === undefined) return undefined;
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15);
  const expl = 8.22 * av * ac * pr * ui;
  if (impact <= 0) return 0;
  return scope === 'U' ? roundUp(Math.min(impact + expl, 10)) : roundUp(Math.min(1.08 * (impact + expl), 10));
}

export function severityFromScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

const WORDS: Record<string, Severity> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MODERATE: 'medium',
  MEDIUM: 'medium',
  LOW: 'low',
  NEGLIGIBLE: 'info',
  UNIMPORTANT: 'info',
};

/** A severity word as used in `database_specific.severity` (GHSA: LOW/MODERATE/HIGH/CRITICAL). */
export function severityFromWord(word: unknown): Severity | undefined {
  return typeof word === 'string' ? WORDS[word.toUpperCase()] : undefined;
}
