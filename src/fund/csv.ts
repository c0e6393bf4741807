/** CSV of a funding plan (RFC 4180 quoting): channel, recipient, amount, reason, plus platform and packages. */
import type { FundingPlan } from './plan-types.js';

const cell = (v: string | number): string => {
  const s = String(v);
  // A leading = + - @ would be read as a formula by spreadsheets: prefix it.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function renderFundingCsv(plan: FundingPlan): string {
  const rows: (string | number)[][] = [['channel', 'recipient', 'amount', 'currency', 'period', 'platform', 'packages', 'reason']];
  for (const s of plan.shares)
    rows.push([s.channel, s.recipient, (s.amountCents / 100).toFixed(2), plan.currency, plan.period, s.platform, s.components, s.reason]);
  if (plan.unallocatedCents > 0)
    rows.push([
      '',
      '(unallocated)',
      (plan.unallocatedCents / 100).toFixed(2),
      plan.currency,
      plan.period,
      '',
      '',
      'every recipient reached the cap, or no component has a funding channel',
    ]);
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
