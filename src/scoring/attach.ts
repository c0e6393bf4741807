/**
 * The scan hook: gathers what scoring reads from the registry (packuments: maintainers, times,
 * funding, deprecation; installed funding files) and stores the scores on the result as
 * `facts.scoring` (+ one `unavailable` entry per signal no source provided). Call it after the
 * analyzers ran and before finalizeResult. Registry failures become Problems; nothing throws for
 * one package.
 */
import type { ScanResult } from '../core/result.js';
import type { PackageMetadata } from '../core/package-metadata.js';
import { collectFunding } from '../sources/funding/collect.js';
import { scoreResult, scoringFacts } from './score-result.js';
import type { ScoringExtra } from './inputs.js';
import type { ScoringFacts } from './types.js';

export interface AttachOptions {
  /** Registry access (the scan's npm source); without it npm fragility signals are unknown. */
  getPackument?: (name: string) => Promise<PackageMetadata>;
  concurrency?: number;
  /** Project directory, to read FUNDING.yml / funding.json of installed packages. */
  projectDir?: string;
  /** Extra data (ecosystem dependents, history per purl, clock). */
  extra?: Omit<ScoringExtra, 'packuments' | 'funding'>;
}

export async function attachScores(result: ScanResult, o: AttachOptions = {}): Promise<ScoringFacts> {
  const c = await collectFunding(result.inventory, { getPackument: o.getPackument, concurrency: o.concurrency, projectDir: o.projectDir });
  // Fetch failures were already reported by the component runner; keep only malformed-field problems.
  result.problems.push(...c.problems.filter((p) => p.code === 'E_MANIFEST_PARSE'));
  const scoring = scoreResult(result, { ...o.extra, packuments: c.packuments, funding: c.channels });
  result.facts['scoring'] = scoringFacts(scoring);
  for (const u of scoring.unknown) result.unavailable.push({ subject: 'scoring', field: u.signal, reason: u.reason });
  return scoring;
}
