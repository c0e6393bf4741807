/**
 * `vigil fund [PATH] --budget AMOUNT`: a funding plan for the open source a project depends on,
 * weighted by criticality × need, paid through each project's declared funding channel.
 */
import { checkWritable, writeOutput } from '../output-file.js';
import { defineCommand } from '../command.js';
import { fund, fundParameters, type FundOptions } from '../../app/fund.js';
import { renderFundingCsv } from '../../fund/csv.js';
import { renderPledge } from '../../fund/pledge.js';
import { DEFAULT_TRANSITIVE_SHARE } from '../../fund/plan.js';

export const fundCommand = defineCommand({
  name: 'fund',
  summary: 'A fair funding plan: split a budget over the maintainers you depend on, by criticality × need.',
  usage:
    'vigil fund [PATH] --budget AMOUNT [--period month|year] [--cap PCT] [--min AMOUNT] [--reviewer-share FRACTION] [--csv FILE] [--pledge --developers N]',
  options: [
    { name: 'budget', type: 'string', arg: 'AMOUNT', description: 'Amount to distribute per period (e.g. 500 or 1250.50).' },
    {
      name: 'period',
      type: 'string',
      default: 'month',
      arg: 'PERIOD',
      choices: ['month', 'year'],
      description: 'The period the budget is for.',
    },
    { name: 'currency', type: 'string', default: 'USD', arg: 'CODE', description: 'Currency label of the amounts (no conversion).' },
    {
      name: 'cap',
      type: 'number',
      arg: 'PCT',
      description: 'Most one recipient may get, in percent of the budget (the rest is redistributed).',
    },
    {
      name: 'min',
      type: 'string',
      default: '0',
      arg: 'AMOUNT',
      description: 'Least payout worth sending; smaller shares are redistributed.',
    },
    {
      name: 'transitive',
      type: 'number',
      default: DEFAULT_TRANSITIVE_SHARE,
      arg: 'FRACTION',
      description: "Fraction of each package's weight passed on to its dependencies (0–1).",
    },
    {
      name: 'reviewer-share',
      type: 'number',
      default: 0,
      arg: 'FRACTION',
      description:
        'Fraction of the budget (0 to below 1) for the people who recorded the audits covering your dependencies (supply-chain/, docs/audits.md), paid through `[reviewers."who"] funding = URL`.',
    },
    {
      name: 'csv',
      type: 'string',
      arg: 'FILE',
      config: false,
      description: 'Also write the plan as CSV (channel, recipient, amount, reason).',
    },
    { name: 'pledge', type: 'boolean', default: false, description: 'Add an Open Source Pledge summary (needs --developers).' },
    {
      name: 'developers',
      type: 'number',
      arg: 'N',
      description: 'Developers on staff, for the Open Source Pledge amount per developer per year.',
    },
    {
      name: 'pledge-file',
      type: 'string',
      arg: 'FILE',
      config: false,
      description: 'Write the Open Source Pledge report (Markdown) to FILE (implies --pledge).',
    },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const opts: FundOptions = {
      path: ctx.options.positionals[0],
      cwd: ctx.cwd,
      env: ctx.env,
      events: ctx.events,
      store: v.store,
      offline: v.offline === true,
      registry: v.registry,
      concurrency: v.concurrency,
      budget: v.budget,
      min: v.min,
      cap: v.cap,
      transitive: v.transitive,
      reviewerShare: v['reviewer-share'],
      currency: v.currency,
      period: v.period,
      pledge: v.pledge === true || v['pledge-file'] !== undefined,
      developers: v.developers,
    };
    fundParameters(opts);
    if (typeof v.csv === 'string') checkWritable(v.csv, ctx.cwd, '--csv');
    if (typeof v['pledge-file'] === 'string') checkWritable(v['pledge-file'], ctx.cwd, '--pledge-file');
    const { result, plan } = await fund(opts);
    if (typeof v.csv === 'string') writeOutput(v.csv, ctx.cwd, renderFundingCsv(plan), '--csv');
    if (typeof v['pledge-file'] === 'string') writeOutput(v['pledge-file'], ctx.cwd, renderPledge(plan), '--pledge-file');
    return { kind: 'result', result };
  },
});
