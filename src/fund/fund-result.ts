/**
 * The ScanResult of `vigil fund`: inventory, scores (`facts.scoring`), the plan (`facts.funding`),
 * and what was unknown. Pure: all data is passed in. When an earlier `vigil scan` of the same
 * target is given, its findings and analyzer facts (debian, history) feed suspicion and fragility.
 */
import type { ScanResult } from '../core/result.js';
import { finalizeResult, newResult } from '../core/result-builder.js';
import type { Inventory, Problem } from '../core/types.js';
import type { PackageMetadata } from '../core/package-metadata.js';
import { scoreResult, scoringFacts } from '../scoring/score-result.js';
import type { FundingChannel } from '../sources/funding/channel.js';
import { buildPlan, ownWeight, type PlanOptions } from './plan.js';
import type { AuditReport } from '../audit/check.js';
import type { ReviewerInfo } from '../audit/types.js';
import type { ComponentScore } from '../scoring/types.js';
import { creditReviewers, mergeReviewerPart, splitReviewers } from './reviewers.js';
import { FUNDING_FACTS, type FundingPlan } from './plan-types.js';
import { pledgeSummary } from './pledge.js';
import { putResultFacts } from '../core/facts.js';

export interface FundInput {
  target: { path: string; key: string };
  inventory: Inventory;
  packuments: ReadonlyMap<string, PackageMetadata>;
  channels: ReadonlyMap<string, readonly FundingChannel[]>;
  problems: Problem[];
  plan: PlanOptions & { developers?: number; reviewerShare?: number };
  /** With a reviewer share: the audit coverage of the inventory and the reviewers' declared channels. */
  reviewers?: { report: AuditReport; info: readonly ReviewerInfo[] };
  offline?: boolean;
  /** An earlier scan of the same target (findings, facts), when the store has one. */
  previous?: ScanResult;
  now?: Date;
}

export function buildFundResult(i: FundInput): { result: ScanResult; plan: FundingPlan } {
  const result = newResult('fund', i.target.path, i.target.key);
  result.offline = i.offline ?? false;
  result.inventory = i.inventory;
  result.problems.push(...i.inventory.problems, ...i.problems);
  const purls = new Set(i.inventory.components.map((c) => c.purl));
  let findings: ScanResult['findings'] = [];
  if (i.previous) {
    // Findings feed suspicion only; they are the scan's to report, not repeated here.
    findings = i.previous.findings.filter((f) => purls.has(f.subject));
    for (const k of ['debian', 'history']) if (i.previous.facts[k]) result.facts[k] = i.previous.facts[k]!;
  } else {
    result.skipped.push({
      analyzer: 'suspicion',
      reason: 'no earlier `vigil scan` of this target in the store: suspicion is 0 (run `vigil scan` first to include findings)',
    });
  }
  const scoring = scoreResult({ ...result, findings }, { packuments: i.packuments, funding: i.channels, ...(i.now ? { now: i.now } : {}) });
  result.facts['scoring'] = scoringFacts(scoring);
  for (const u of scoring.unknown) result.unavailable.push({ subject: 'scoring', field: u.signal, reason: u.reason });
  const plan = planWithReviewers(i, scoring.scores);
  plan.people = peopleSources(Object.values(scoring.scores));
  if (i.plan.developers !== undefined) plan.pledge = pledgeSummary(plan, i.plan.developers);
  putResultFacts(result, FUNDING_FACTS, plan);
  finalizeResult(result);
  return { result, plan };
}

/** How many packages each source of people named (the registry's maintainers, or a fallback), and how many none did. */
function peopleSources(scores: readonly { peopleSource?: string }[]): NonNullable<FundingPlan['people']> {
  const sources: Record<string, number> = {};
  let unknown = 0;
  for (const s of scores) {
    if (s.peopleSource) sources[s.peopleSource] = (sources[s.peopleSource] ?? 0) + 1;
    else unknown++;
  }
  return { sources, unknown };
}

/** The maintainer plan, or — with a reviewer share — maintainers on the rest of the budget plus the reviewer part. */
function planWithReviewers(i: FundInput, scores: Record<string, ComponentScore>): FundingPlan {
  const share = i.plan.reviewerShare ?? 0;
  if (!(share > 0) || !i.reviewers) return buildPlan(i.inventory, scores, i.channels, i.plan);
  const total = i.plan.budgetCents;
  const capCents = i.plan.capPercent !== undefined ? Math.max(1, Math.floor((total * i.plan.capPercent) / 100)) : undefined;
  const credits = creditReviewers(i.reviewers.report, (purl) => ownWeight(scores[purl]));
  const minCents = i.plan.minCents ?? 0;
  const split = splitReviewers(credits, i.reviewers.info, {
    share,
    cents: Math.round(total * share),
    totalCents: total,
    capCents,
    minCents,
  });
  const maintainers = buildPlan(i.inventory, scores, i.channels, { ...i.plan, budgetCents: total - split.reservedCents, capCents });
  return mergeReviewerPart(maintainers, split, total);
}
