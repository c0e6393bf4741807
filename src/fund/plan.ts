/**
 * Build a funding plan from scores and channels: weight = criticality × need, where
 * need = NEED_FLOOR + (1 − NEED_FLOOR) · fragility (a robust but critical project still gets
 * something); weights flow down to dependencies (transitive.ts); packages are grouped by who
 * receives the money (one person or collective carrying many packages is one payee); the budget is
 * split in cents with a cap and a minimum (allocate.ts).
 */
import type { Inventory } from '../core/types.js';
import type { ComponentScore } from '../scoring/types.js';
import { CRITICAL_AT } from '../scoring/weights.js';
import { allocate } from './allocate.js';
import { PLATFORM_PREFERENCE, type FundingChannel } from '../sources/funding/channel.js';
import type { FundingPlan, FundingShare, UnfundedComponent } from './plan-types.js';
import { transitiveWeights } from './transitive.js';

export const NEED_FLOOR = 0.2;
export const DEFAULT_TRANSITIVE_SHARE = 0.3;
const SOURCE_RANK = { 'funding.json': 0, 'FUNDING.yml': 1, 'package.json': 2 } as const;

export interface PlanOptions {
  budgetCents: number;
  /** Cap in cents, when it is set on a larger budget than this plan's (the reviewer part takes the rest). */
  capCents?: number;
  currency?: string;
  period?: 'month' | 'year';
  capPercent?: number;
  minCents?: number;
  transitiveShare?: number;
}

/** The channel to pay a component through: the most direct platform, then the most specific file. */
export function preferredChannel(channels: readonly FundingChannel[]): FundingChannel | undefined {
  return [...channels].sort(
    (a, b) =>
      PLATFORM_PREFERENCE.indexOf(a.platform) - PLATFORM_PREFERENCE.indexOf(b.platform) ||
      SOURCE_RANK[a.source] - SOURCE_RANK[b.source] ||
      (a.address < b.address ? -1 : a.address > b.address ? 1 : 0),
  )[0];
}

/** A component's own weight: criticality × need (need = NEED_FLOOR + (1 − NEED_FLOOR) · fragility). */
export function ownWeight(s: Pick<ComponentScore, 'criticality' | 'fragility'> | undefined): number {
  const crit = Number.isFinite(s?.criticality) ? s!.criticality : 0;
  const frag = Number.isFinite(s?.fragility) ? s!.fragility : 0;
  return crit * (NEED_FLOOR + (1 - NEED_FLOOR) * frag);
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const fmt = (cents: number) => (cents / 100).toFixed(2);

export function buildPlan(
  inv: Inventory,
  scores: Readonly<Record<string, ComponentScore>>,
  channels: ReadonlyMap<string, readonly FundingChannel[]>,
  o: PlanOptions,
): FundingPlan {
  const tau = o.transitiveShare ?? DEFAULT_TRANSITIVE_SHARE;
  const own = new Map<string, number>();
  for (const c of inv.components) own.set(c.purl, ownWeight(scores[c.purl]));
  const flow = transitiveWeights(inv, own, tau);
  const name = (purl: string) => {
    const s = scores[purl];
    return s ? `${s.name}@${s.version}` : purl;
  };

  const groups = new Map<string, { channel: FundingChannel; weight: number; members: { purl: string; weight: number }[] }>();
  const unfunded: UnfundedComponent[] = [];
  let withChannel = 0;
  for (const c of inv.components) {
    const ch = preferredChannel(channels.get(c.purl) ?? []);
    const w = flow.get(c.purl)?.weight ?? 0;
    const s = scores[c.purl];
    if (!ch) {
      if (s && s.criticality >= CRITICAL_AT)
        unfunded.push({ purl: c.purl, name: `${c.name}@${c.version}`, criticality: s.criticality, fragility: s.fragility });
      continue;
    }
    withChannel++;
    const g = groups.get(ch.recipient) ?? groups.set(ch.recipient, { channel: ch, weight: 0, members: [] }).get(ch.recipient)!;
    g.weight += w;
    g.members.push({ purl: c.purl, weight: w });
  }
  unfunded.sort((a, b) => b.criticality - a.criticality || b.fragility - a.fragility || a.purl.localeCompare(b.purl));

  const capCents = o.capCents ?? (o.capPercent !== undefined ? Math.max(1, Math.floor((o.budgetCents * o.capPercent) / 100)) : undefined);
  const minCents = o.minCents ?? 0;
  const alloc = allocate(
    [...groups].map(([id, g]) => ({ id, weight: g.weight })),
    { budgetCents: o.budgetCents, capCents, minCents },
  );

  const totalWeight = [...groups.values()].reduce((a, g) => a + g.weight, 0);
  const shares: FundingShare[] = [];
  for (const [id, g] of groups) {
    const cents = alloc.amounts.get(id) ?? 0;
    if (cents <= 0) continue;
    g.members.sort((a, b) => b.weight - a.weight || a.purl.localeCompare(b.purl));
    const top = g.members[0]!;
    const ts = scores[top.purl];
    const tf = flow.get(top.purl);
    const parts = [
      `${g.members.length} package(s), ${r3((100 * g.weight) / (totalWeight || 1))}% of the weight`,
      ts
        ? `heaviest ${name(top.purl)}: criticality ${ts.criticality}, fragility ${ts.fragility}${tf && tf.received > 0 && tf.from[0] ? `, ${Math.round((100 * tf.received) / (tf.total || 1))}% of its weight passed on from dependents such as ${name(tf.from[0].purl)}` : ''}`
        : '',
      alloc.capped.has(id) ? `capped at ${fmt(capCents!)}` : '',
    ].filter(Boolean);
    shares.push({
      rank: 0,
      recipient: id,
      platform: g.channel.platform,
      channel: g.channel.address,
      amount: Number(fmt(cents)),
      amountCents: cents,
      percent: r3((100 * cents) / o.budgetCents),
      packages: g.members.length,
      components:
        g.members
          .slice(0, 8)
          .map((m) => name(m.purl))
          .join(', ') + (g.members.length > 8 ? ', …' : ''),
      reason: parts.join('; '),
    });
  }
  shares.sort((a, b) => b.amountCents - a.amountCents || a.recipient.localeCompare(b.recipient));
  shares.forEach((s, i) => (s.rank = i + 1));
  return {
    currency: o.currency ?? 'USD',
    period: o.period ?? 'month',
    budget: Number(fmt(o.budgetCents)),
    budgetCents: o.budgetCents,
    ...(o.capPercent !== undefined ? { capPercent: o.capPercent, capCents } : {}),
    minCents,
    transitiveShare: tau,
    needFloor: NEED_FLOOR,
    shares,
    unfunded,
    belowMinimum: [...alloc.belowMinimum].sort(),
    unallocatedCents: alloc.unallocatedCents,
    stats: { components: inv.components.length, withChannel, recipients: groups.size, paid: shares.length },
    method: `weight = criticality × (${NEED_FLOOR} + ${1 - NEED_FLOOR} × fragility); ${Math.round(tau * 100)}% of each package's weight passes on to its runtime dependencies; grouped by payee; integer cents, largest remainder`,
  };
}
