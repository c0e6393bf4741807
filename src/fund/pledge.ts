/**
 * Open Source Pledge style summary: the Pledge asks companies to pay maintainers at least
 * $2,000 per year per developer on staff (opensourcepledge.com). The amount is compared in the
 * plan's currency as given; no exchange rate is applied.
 */
import { VigilError } from '../core/errors.js';
import type { FundingPlan, PledgeSummary } from './plan-types.js';

export const PLEDGE_PER_DEVELOPER_PER_YEAR = 2000;

export function pledgeSummary(plan: Pick<FundingPlan, 'budgetCents' | 'period' | 'currency'>, developers: number): PledgeSummary {
  if (!Number.isSafeInteger(developers) || developers < 1)
    throw new VigilError('E_USAGE', `--developers must be a whole number ≥ 1 (got ${developers})`);
  const annualCents = plan.period === 'month' ? plan.budgetCents * 12 : plan.budgetCents;
  const perDev = Math.floor(annualCents / developers) / 100;
  const meets = perDev >= PLEDGE_PER_DEVELOPER_PER_YEAR;
  return {
    developers,
    annual: annualCents / 100,
    perDeveloperPerYear: perDev,
    pledgeMinimum: PLEDGE_PER_DEVELOPER_PER_YEAR,
    meetsPledge: meets,
    note: meets
      ? `${perDev.toFixed(2)} ${plan.currency} per developer per year meets the Open Source Pledge minimum of ${PLEDGE_PER_DEVELOPER_PER_YEAR}`
      : `${perDev.toFixed(2)} ${plan.currency} per developer per year is below the Open Source Pledge minimum of ${PLEDGE_PER_DEVELOPER_PER_YEAR}: ${((PLEDGE_PER_DEVELOPER_PER_YEAR * developers * 100 - annualCents) / 100).toFixed(2)} more per year would meet it`,
  };
}

export function renderPledge(plan: FundingPlan): string {
  const p = plan.pledge;
  if (!p) return '';
  const lines = [
    '# Open Source Pledge report',
    '',
    `- Developers: ${p.developers}`,
    `- Paid to maintainers per year: ${p.annual.toFixed(2)} ${plan.currency} (${plan.shares.length} recipients)`,
    `- Per developer per year: ${p.perDeveloperPerYear.toFixed(2)} ${plan.currency}`,
    `- Pledge minimum: ${p.pledgeMinimum} per developer per year — ${p.meetsPledge ? 'met' : 'not met'}`,
    '',
    p.note,
    '',
    '| Recipient | Channel | Per year |',
    '|---|---|---:|',
    ...plan.shares.map(
      (s) => `| ${s.recipient} | ${s.channel} | ${((plan.period === 'month' ? s.amountCents * 12 : s.amountCents) / 100).toFixed(2)} |`,
    ),
  ];
  return lines.join('\n') + '\n';
}
