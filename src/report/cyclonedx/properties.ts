/** vigil's per-component facts as CycloneDX `vigil:*` properties: finding counts and scores. */
import { SEVERITIES, type Severity } from '../../core/types.js';
import type { ScanResult } from '../../core/result.js';

export type PropertyPairs = [name: string, value: string][];

/** Non-suppressed findings per subject purl and severity. */
export function findingCounts(result: ScanResult): Map<string, Record<Severity, number>> {
  const out = new Map<string, Record<Severity, number>>();
  for (const f of result.findings) {
    if (f.suppressed) continue;
    let c = out.get(f.subject);
    if (!c) out.set(f.subject, (c = { info: 0, low: 0, medium: 0, high: 0, critical: 0 }));
    c[f.severity]++;
  }
  return out;
}

/**
 * Scores for a subject from `result.facts.scoring[purl]`: a number, or an object such as
 * `{ criticality, fragility, suspicion, quadrant, factors }` — numbers and short strings become
 * `vigil:score:<key>`; identity fields and lists (factors, people) are left out.
 */
export function scoreProperties(result: ScanResult, purl: string): PropertyPairs {
  const s = result.facts['scoring']?.[purl];
  if (typeof s === 'number' && Number.isFinite(s)) return [['vigil:score', String(s)]];
  if (typeof s !== 'object' || s === null) return [];
  const out: PropertyPairs = [];
  for (const [k, v] of Object.entries(s as Record<string, unknown>)) {
    if (k === 'name' || k === 'version' || k === 'purl') continue;
    if (typeof v === 'number' && Number.isFinite(v)) out.push([`vigil:score:${k}`, String(v)]);
    else if (typeof v === 'string' && v.length <= 200) out.push([`vigil:score:${k}`, v]);
    else if (typeof v === 'object' && v !== null && typeof (v as { score?: unknown }).score === 'number') {
      out.push([`vigil:score:${k}`, String((v as { score: number }).score)]);
    }
  }
  return out;
}

export function componentProperties(result: ScanResult, purl: string, counts: Map<string, Record<Severity, number>>): PropertyPairs {
  const c = counts.get(purl);
  const total = c ? SEVERITIES.reduce((n, s) => n + c[s], 0) : 0;
  const out: PropertyPairs = [['vigil:findings:total', String(total)]];
  if (c) for (const s of SEVERITIES) if (c[s] > 0) out.push([`vigil:findings:${s}`, String(c[s])]);
  return [...out, ...scoreProperties(result, purl)];
}
