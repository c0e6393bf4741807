/**
 * `vigil fund [PATH] --budget AMOUNT`: a funding plan for the open source a project depends on,
 * weighted by criticality × need, paid through each project's declared funding channel.
 */
import { statSync } from 'node:fs';
import { checkWritable, writeOutput } from '../output-file.js';
import { dirname, resolve } from 'node:path';
import type { Command } from '../command.js';
import { VigilError } from '../../core/errors.js';
import { loadInventory } from '../../inventory/registry.js';
import { openStore } from '../../store/open.js';
import { loadRegistryConfig } from '../../sources/npm/config.js';
import { createNpmClient } from '../../sources/npm/client.js';
import { resolveRangeWith } from '../../engine/resolve-range.js';
import { targetKey } from '../../engine/scan.js';
import { parseCents } from '../../fund/money.js';
import { collectFunding } from '../../fund/collect.js';
import { buildFundResult } from '../../fund/fund-result.js';
import { renderFundingCsv } from '../../fund/csv.js';
import { renderPledge } from '../../fund/pledge.js';
import { DEFAULT_TRANSITIVE_SHARE } from '../../fund/plan.js';
import { loadReviewerInputs } from '../../app/fund-reviewers.js';

export const fundCommand: Command = {
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
    if (v.budget === undefined)
      throw new VigilError('E_USAGE', 'fund needs --budget AMOUNT', { hint: 'e.g. `vigil fund . --budget 500 --period month`' });
    const budgetCents = parseCents(v.budget, 'budget');
    const minCents = parseCents(v.min ?? '0', 'min', { allowZero: true });
    const cap = v.cap as number | undefined;
    if (cap !== undefined && !(cap > 0 && cap <= 100))
      throw new VigilError('E_USAGE', `--cap must be a percentage in (0, 100] (got ${cap})`);
    const tau = v.transitive as number;
    if (!(tau >= 0 && tau <= 1)) throw new VigilError('E_USAGE', `--transitive must be between 0 and 1 (got ${tau})`);
    const reviewerShare = (v['reviewer-share'] as number | undefined) ?? 0;
    if (!(reviewerShare >= 0 && reviewerShare < 1))
      throw new VigilError('E_USAGE', `--reviewer-share must be a fraction from 0 to below 1 (got ${reviewerShare})`);
    const pledge = v.pledge === true || v['pledge-file'] !== undefined;
    const developers = v.developers as number | undefined;
    if (pledge && developers === undefined) throw new VigilError('E_USAGE', '--pledge needs --developers N (developers on staff)');
    if (developers !== undefined && !(Number.isSafeInteger(developers) && developers >= 1))
      throw new VigilError('E_USAGE', `--developers must be a whole number ≥ 1 (got ${developers})`);
    if (minCents > budgetCents)
      throw new VigilError('E_USAGE', `--min (${(minCents / 100).toFixed(2)}) is larger than --budget (${(budgetCents / 100).toFixed(2)})`);
    const capCents = cap === undefined ? undefined : Math.max(1, Math.floor((budgetCents * cap) / 100));
    if (capCents !== undefined && capCents < minCents)
      throw new VigilError(
        'E_USAGE',
        `--cap ${cap}% (${(capCents / 100).toFixed(2)}) is less than --min (${(minCents / 100).toFixed(2)}): no recipient could be paid`,
      );

    if (typeof v.csv === 'string') checkWritable(v.csv, ctx.cwd, '--csv');
    if (typeof v['pledge-file'] === 'string') checkWritable(v['pledge-file'], ctx.cwd, '--pledge-file');
    const arg = ctx.options.positionals[0] ?? '.';
    const target = resolve(ctx.cwd, arg);
    const offline = v.offline === true;
    const store = openStore({ path: v.store as string | undefined });
    try {
      const config = await loadRegistryConfig({ projectDir: target, env: ctx.env, registry: v.registry as string | undefined });
      const client = createNpmClient({ config, store, offline, concurrency: v.concurrency as number, events: ctx.events });
      try {
        const loaded = await loadInventory(target, { resolveRange: offline ? undefined : resolveRangeWith(client) });
        const key = targetKey(target);
        ctx.events({ type: 'stage', stage: 'funding' });
        const projectDir = isDirectory(target) ? target : dirname(target);
        const reviewers = reviewerShare > 0 ? await loadReviewerInputs(loaded.inventory, projectDir) : undefined;
        const collected = await collectFunding(loaded.inventory, {
          getPackument: (n) => client.getPackument(n),
          concurrency: v.concurrency as number,
          projectDir,
        });
        const { result, plan } = buildFundResult({
          target: { path: arg, key },
          inventory: loaded.inventory,
          packuments: collected.packuments,
          channels: collected.channels,
          problems: collected.problems,
          offline,
          previous: store.lastScan(key)?.result,
          reviewers,
          plan: {
            budgetCents,
            minCents,
            transitiveShare: tau,
            reviewerShare,
            currency: v.currency as string,
            period: v.period as 'month' | 'year',
            ...(cap !== undefined ? { capPercent: cap } : {}),
            ...(pledge ? { developers } : {}),
          },
        });
        if (typeof v.csv === 'string') writeOutput(v.csv, ctx.cwd, renderFundingCsv(plan), '--csv');
        if (typeof v['pledge-file'] === 'string') writeOutput(v['pledge-file'], ctx.cwd, renderPledge(plan), '--pledge-file');
        return { kind: 'result', result };
      } finally {
        await client.close();
      }
    } finally {
      store.close();
    }
  },
};

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
