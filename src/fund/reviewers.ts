/**
 * The reviewer part of a funding plan (`vigil fund --reviewer-share F`): the people who recorded the
 * audits that cover your dependencies (your own and trusted imports) are credited with the weight of
 * what they reviewed — each covered version's criticality × need, split evenly over the audits of its
 * chain; a reported violation credits its reporters — and paid through the channel declared for them
 * (`[reviewers."who"] funding = URL` in an audits file). Exemptions credit nobody.
 */
import type { AuditReport } from '../audit/check.js';
import type { ReviewerInfo } from '../audit/types.js';
import { allocate } from './allocate.js';
import type { FundingPlan, FundingShare, ReviewerPart } from './plan-types.js';
import { recogniseUrl, type Recognised } from '../sources/funding/recognise.js';

/** One identity per reviewer: the e-mail address in `Name <email>`, else the name (case-insensitive). */
export function reviewerKey(who: string): string {
  return (/<([^>]+)>/.exec(who)?.[1] ?? who).trim().toLowerCase();
}

export interface ReviewerCredit {
  who: string;
  weight: number;
  reviews: string[];
}

export function creditReviewers(report: AuditReport, weightOf: (purl: string) => number): ReviewerCredit[] {
  const out = new Map<string, ReviewerCredit>();
  const credit = (who: string, w: number, what: string) => {
    const k = reviewerKey(who);
    const c = out.get(k) ?? out.set(k, { who, weight: 0, reviews: [] }).get(k)!;
    c.weight += w;
    if (!c.reviews.includes(what)) c.reviews.push(what);
  };
  for (const item of [...report.covered, ...report.violations]) {
    const cov = item.coverage;
    const w = weightOf(item.purl);
    if (cov.status === 'covered')
      for (const a of cov.chain)
        credit(a.who, w / cov.chain.length, a.kind === 'full' ? `${a.package}@${a.version}` : `${a.package} ${a.from} → ${a.to}`);
    else if (cov.status === 'violated')
      for (const v of cov.violations) credit(v.who, w / cov.violations.length, `${v.package} ${v.range} (reported unsafe)`);
  }
  return [...out.values()].sort((a, b) => b.weight - a.weight || a.who.localeCompare(b.who));
}

/** Funding channel per reviewer key: this project's declarations win over an import's. */
function channelsOf(info: readonly ReviewerInfo[]): Map<string, Recognised> {
  const out = new Map<string, Recognised>();
  for (const r of [...info].sort((a, b) => Number(b.origin === 'local') - Number(a.origin === 'local'))) {
    const k = reviewerKey(r.who);
    const ch = recogniseUrl(r.funding);
    if (!out.has(k) && !('error' in ch)) out.set(k, ch);
  }
  return out;
}

const fmt = (cents: number) => (cents / 100).toFixed(2);
const r3 = (x: number) => Math.round(x * 1000) / 1000;

export interface ReviewerSplit {
  shares: FundingShare[];
  part: ReviewerPart;
  /** Taken from the budget for reviewers (0 when nobody can be paid: then maintainers get it all). */
  reservedCents: number;
  /** Reserved but not paid (every reviewer reached the cap). */
  unallocatedCents: number;
}

/** Split `cents` over the credited reviewers who declare a channel (cap and minimum as for maintainers). */
export function splitReviewers(
  credits: readonly ReviewerCredit[],
  info: readonly ReviewerInfo[],
  o: { share: number; cents: number; totalCents: number; capCents?: number; minCents: number },
): ReviewerSplit {
  const channels = channelsOf(info);
  const groups = new Map<string, { channel: Recognised; weight: number; who: string[]; reviews: string[] }>();
  const unfunded: ReviewerPart['unfunded'] = [];
  for (const c of credits) {
    const ch = channels.get(reviewerKey(c.who));
    if (!ch || !(c.weight > 0)) {
      unfunded.push({
        who: c.who,
        reviews: c.reviews.length,
        reason: ch ? 'reviewed only what carries no weight' : 'no funding channel declared',
      });
      continue;
    }
    const g = groups.get(ch.recipient) ?? groups.set(ch.recipient, { channel: ch, weight: 0, who: [], reviews: [] }).get(ch.recipient)!;
    g.weight += c.weight;
    g.who.push(c.who);
    g.reviews.push(...c.reviews);
  }
  const part: ReviewerPart = { share: o.share, cents: 0, credited: credits.length, paid: 0, unfunded, note: '' };
  if (groups.size === 0 || o.cents <= 0 || o.cents < o.minCents) {
    part.note = !credits.length
      ? 'no audit covers any dependency: the whole budget went to maintainers'
      : groups.size === 0
        ? 'no reviewer of the audits covering your dependencies declares a funding channel: the whole budget went to maintainers'
        : 'the reviewer part is under the minimum payout: the whole budget went to maintainers';
    return { shares: [], part, reservedCents: 0, unallocatedCents: 0 };
  }
  const alloc = allocate(
    [...groups].map(([id, g]) => ({ id, weight: g.weight })),
    { budgetCents: o.cents, capCents: o.capCents, minCents: o.minCents },
  );
  const total = [...groups.values()].reduce((a, g) => a + g.weight, 0);
  const shares: FundingShare[] = [];
  for (const [id, g] of groups) {
    const cents = alloc.amounts.get(id) ?? 0;
    if (cents <= 0) continue;
    shares.push({
      rank: 0,
      role: 'reviewer',
      recipient: id,
      platform: g.channel.platform,
      channel: g.channel.address,
      amount: Number(fmt(cents)),
      amountCents: cents,
      percent: r3((100 * cents) / o.totalCents),
      packages: g.reviews.length,
      components: g.reviews.slice(0, 8).join(', ') + (g.reviews.length > 8 ? ', …' : ''),
      reason: `reviewer ${g.who.join(', ')}: ${g.reviews.length} audit(s) covering your dependencies, ${r3((100 * g.weight) / (total || 1))}% of the reviewed weight${alloc.capped.has(id) ? '; capped' : ''}`,
    });
  }
  part.cents = o.cents - alloc.unallocatedCents;
  part.paid = shares.length;
  part.note = `${Math.round(o.share * 100)}% of the budget to ${shares.length} reviewer(s) of the audits covering your dependencies (weighted by what they reviewed: criticality × need)`;
  return { shares, part, reservedCents: o.cents, unallocatedCents: alloc.unallocatedCents };
}

/** The maintainer plan (built on the rest of the budget) and the reviewer part as one plan over the whole budget. */
export function mergeReviewerPart(plan: FundingPlan, split: ReviewerSplit, totalCents: number): FundingPlan {
  const shares = [
    ...plan.shares.map((s) => ({ ...s, role: 'maintainer' as const, percent: r3((100 * s.amountCents) / totalCents) })),
    ...split.shares,
  ];
  shares.sort((a, b) => b.amountCents - a.amountCents || a.recipient.localeCompare(b.recipient));
  shares.forEach((s, i) => (s.rank = i + 1));
  return {
    ...plan,
    budget: Number(fmt(totalCents)),
    budgetCents: totalCents,
    shares,
    unallocatedCents: plan.unallocatedCents + split.unallocatedCents,
    stats: { ...plan.stats, paid: shares.length },
    reviewers: split.part,
    method: `${plan.method}; reviewers: ${split.part.note}`,
  };
}
