/** The funding plan: stored as `facts.funding` (read by the HTML report: `shares`, `unfunded`, `budget`, `currency`, `period`). */
import { defineFacts } from '../core/facts.js';
import { isObj } from '../core/guards.js';

export interface FundingShare {
  rank: number;
  /** Set when the plan has a reviewer part: who the money is for. */
  role?: 'maintainer' | 'reviewer';
  recipient: string;
  platform: string;
  /** Where to pay. */
  channel: string;
  /** Amount in currency units (2 decimals), for display. */
  amount: number;
  /** Exact amount in cents (Σ amountCents + unallocatedCents = budgetCents). */
  amountCents: number;
  /** Percent of the budget. */
  percent: number;
  /** Packages this recipient carries in your graph. */
  packages: number;
  /** Their names (the heaviest first, at most 8). */
  components: string;
  reason: string;
}

export interface UnfundedComponent {
  purl: string;
  name: string;
  criticality: number;
  fragility: number;
}

export interface PledgeSummary {
  developers: number;
  /** Per year, in currency units. */
  annual: number;
  perDeveloperPerYear: number;
  /** The Open Source Pledge asks at least this per developer per year. */
  pledgeMinimum: number;
  meetsPledge: boolean;
  note: string;
}

/** The part of the budget paid to reviewers (`--reviewer-share`). */
export interface ReviewerPart {
  /** The fraction asked for. */
  share: number;
  /** Cents paid to reviewers (0 when none declares a channel: then everything went to maintainers). */
  cents: number;
  /** Reviewers credited with audits that cover your dependencies. */
  credited: number;
  paid: number;
  /** Credited reviewers who could not be paid, with why. */
  unfunded: { who: string; reviews: number; reason: string }[];
  note: string;
}

export interface FundingPlan {
  currency: string;
  period: 'month' | 'year';
  budget: number;
  budgetCents: number;
  capPercent?: number;
  capCents?: number;
  minCents: number;
  transitiveShare: number;
  needFloor: number;
  shares: FundingShare[];
  /** Critical components (criticality ≥ CRITICAL_AT) without any funding channel, most critical first. */
  unfunded: UnfundedComponent[];
  /** Recipients whose share fell under the minimum (redistributed). */
  belowMinimum: string[];
  /** Left over because every recipient reached the cap, or nobody has a channel. */
  unallocatedCents: number;
  stats: { components: number; withChannel: number; recipients: number; paid: number };
  /** How weights were formed (for the report). */
  method: string;
  /** Where the people behind each package were read (fragility and maintainer load rest on them): count per source, and how many none named. */
  people?: { sources: Record<string, number>; unknown: number };
  pledge?: PledgeSummary;
  reviewers?: ReviewerPart;
}

export const FUNDING_FACTS = defineFacts<FundingPlan>({
  key: 'funding',
  scope: 'result',
  version: 1,
  about: 'vigil fund: the funding plan (shares per recipient and channel, the unfunded)',
  is: (v): v is FundingPlan => isObj(v) && Array.isArray(v['shares']) && typeof v['budgetCents'] === 'number',
});
