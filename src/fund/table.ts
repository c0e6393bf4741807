/** Plain-text rendering of a funding plan for the terminal (pure; the terminal renderer calls it). */
import type { FundingPlan } from './plan-types.js';

/** A column: padded, never cut (a long name pushes the rest of its row right). */
const pad = (s: string, n: number) => (s.length >= n ? `${s} ` : s.padEnd(n));

export function renderFundingTable(plan: FundingPlan, opts: { limit?: number; width?: number } = {}): string {
  const limit = opts.limit ?? 30;
  const money = (c: number) => (c / 100).toFixed(2);
  const lines: string[] = [];
  lines.push(
    `Funding plan: ${money(plan.budgetCents)} ${plan.currency} per ${plan.period}, ${plan.shares.length} recipient(s) for ${plan.stats.withChannel} of ${plan.stats.components} package(s) with a funding channel`,
  );
  const rules = [
    plan.capCents !== undefined ? `cap ${plan.capPercent}% (${money(plan.capCents)})` : '',
    plan.minCents ? `minimum ${money(plan.minCents)}` : '',
  ].filter(Boolean);
  if (rules.length) lines.push(`  ${rules.join(', ')}`);
  if (plan.people) {
    const by = Object.entries(plan.people.sources).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const parts = [...by.map(([src, n]) => `${src} for ${n}`), ...(plan.people.unknown ? [`nobody named for ${plan.people.unknown}`] : [])];
    lines.push(`  People behind the packages (fragility, maintainer load): ${parts.join(', ') || 'none'}`);
  }
  lines.push('');
  const amountW = Math.max(6, ...plan.shares.map((s) => money(s.amountCents).length));
  lines.push(`  ${'#'.padStart(3)}  ${'amount'.padStart(amountW)}  ${pad('recipient', 32)}  ${pad('channel', 44)}  packages`);
  for (const s of plan.shares.slice(0, limit)) {
    lines.push(
      `  ${String(s.rank).padStart(3)}  ${money(s.amountCents).padStart(amountW)}  ${pad(s.recipient, 32)}  ${pad(s.channel, 44)}  ${s.components}`,
    );
    lines.push(`       ${''.padStart(amountW)}  ${s.reason}`);
  }
  if (plan.shares.length > limit) {
    const rest = plan.shares.slice(limit).reduce((a, s) => a + s.amountCents, 0);
    lines.push(
      `  and ${plan.shares.length - limit} more recipient(s), ${money(rest)} ${plan.currency} together (full list: --format json or --csv FILE)`,
    );
  }
  if (plan.reviewers) {
    const rv = plan.reviewers;
    lines.push(
      rv.cents > 0
        ? `  Reviewers: ${money(rv.cents)} ${plan.currency} (${Math.round(rv.share * 100)}% of the budget) to ${rv.paid} reviewer(s) of the audits covering your dependencies`
        : `  Reviewers: none paid: ${rv.note}`,
    );
    for (const u of rv.unfunded.slice(0, 10)) lines.push(`    not paid: ${u.who} (${u.reviews} audit(s)): ${u.reason}`);
    if (rv.unfunded.length > 10) lines.push(`    and ${rv.unfunded.length - 10} more not paid`);
  }
  if (plan.unallocatedCents > 0)
    lines.push(
      `  unallocated: ${money(plan.unallocatedCents)} ${plan.currency} (${plan.shares.length ? 'every recipient reached the cap' : 'no component declares a funding channel'})`,
    );
  if (plan.belowMinimum.length)
    lines.push(`  ${plan.belowMinimum.length} recipient(s) under the minimum payout: their share was redistributed`);
  if (plan.unfunded.length) {
    lines.push('');
    lines.push(`Critical packages with no funding channel (${plan.unfunded.length}):`);
    for (const u of plan.unfunded.slice(0, 15))
      lines.push(`  ${pad(u.name, 40)}  criticality ${u.criticality.toFixed(2)}  fragility ${u.fragility.toFixed(2)}`);
    if (plan.unfunded.length > 15) lines.push(`  and ${plan.unfunded.length - 15} more`);
  }
  if (plan.pledge) {
    lines.push('');
    lines.push(`Open Source Pledge: ${plan.pledge.note}`);
  }
  return lines.join('\n') + '\n';
}
