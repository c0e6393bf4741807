/**
 * The `fund` pipeline: a funding plan for the open source a project depends on, weighted by
 * criticality × need, paid through each project's declared funding channel. Checks its parameters
 * (E_USAGE naming the option) before any work; closes the registry client and the store it opens.
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { EventSink } from '../core/events.js';
import type { ScanResult } from '../core/result.js';
import type { FundingPlan } from '../fund/plan-types.js';
import type { PlanOptions } from '../fund/plan.js';

type PlanParameters = PlanOptions & { developers?: number; reviewerShare?: number };
import { VigilError } from '../core/errors.js';
import { loadInventory } from '../inventory/registry.js';
import { openStore } from '../store/open.js';
import { loadRegistryConfig } from '../sources/npm/config.js';
import { createNpmClient } from '../sources/npm/client.js';
import { resolveRangeWith } from '../engine/resolve-range.js';
import { targetKey } from '../engine/scan.js';
import { parseCents } from '../fund/money.js';
import { collectFunding } from '../sources/funding/collect.js';
import { buildFundResult } from '../fund/fund-result.js';
import { DEFAULT_TRANSITIVE_SHARE } from '../fund/plan.js';
import { loadReviewerInputs } from './fund-reviewers.js';

export interface FundOptions {
  /** Project directory or lockfile (default `.`, resolved against cwd). */
  path?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  events?: EventSink;
  store?: string;
  offline?: boolean;
  registry?: string;
  concurrency?: number;
  /** Amount per period, e.g. `500` or `1250.50`. */
  budget?: string;
  /** Least payout worth sending (default 0). */
  min?: string;
  /** Most one recipient may get, in percent of the budget. */
  cap?: number;
  /** Fraction of each package's weight passed on to its dependencies (0–1). */
  transitive?: number;
  currency?: string;
  period?: 'month' | 'year';
  /** Add an Open Source Pledge summary (needs developers). */
  pledge?: boolean;
  developers?: number;
  /** Fraction of the budget (0 to below 1) for the reviewers of the audits covering the dependencies. */
  reviewerShare?: number;
}

/** The plan parameters, checked: E_USAGE naming the option on the first bad one (the CLI calls it before any work). */
export function fundParameters(o: FundOptions): PlanParameters {
  if (o.budget === undefined)
    throw new VigilError('E_USAGE', 'fund needs --budget AMOUNT', { hint: 'e.g. `vigil fund . --budget 500 --period month`' });
  const budgetCents = parseCents(o.budget, 'budget');
  const minCents = parseCents(o.min ?? '0', 'min', { allowZero: true });
  const cap = o.cap;
  if (cap !== undefined && !(cap > 0 && cap <= 100)) throw new VigilError('E_USAGE', `--cap must be a percentage in (0, 100] (got ${cap})`);
  const tau = o.transitive ?? DEFAULT_TRANSITIVE_SHARE;
  if (!(tau >= 0 && tau <= 1)) throw new VigilError('E_USAGE', `--transitive must be between 0 and 1 (got ${tau})`);
  const reviewerShare = o.reviewerShare ?? 0;
  if (!(reviewerShare >= 0 && reviewerShare < 1))
    throw new VigilError('E_USAGE', `--reviewer-share must be a fraction from 0 to below 1 (got ${reviewerShare})`);
  const pledge = o.pledge === true;
  const developers = o.developers;
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
  return {
    budgetCents,
    minCents,
    transitiveShare: tau,
    reviewerShare,
    currency: o.currency ?? 'USD',
    period: o.period ?? 'month',
    ...(cap !== undefined ? { capPercent: cap } : {}),
    ...(pledge ? { developers } : {}),
  };
}

export async function fund(o: FundOptions): Promise<{ result: ScanResult; plan: FundingPlan }> {
  const plan = fundParameters(o);
  const arg = o.path ?? '.';
  const target = resolve(o.cwd, arg);
  const offline = o.offline === true;
  const store = openStore({ path: o.store });
  try {
    const config = await loadRegistryConfig({ projectDir: target, env: o.env, registry: o.registry });
    const client = createNpmClient({ config, store, offline, concurrency: o.concurrency, events: o.events });
    try {
      const loaded = await loadInventory(target, { resolveRange: offline ? undefined : resolveRangeWith(client) });
      const key = targetKey(target);
      o.events?.({ type: 'stage', stage: 'funding' });
      const projectDir = isDirectory(target) ? target : dirname(target);
      const collected = await collectFunding(loaded.inventory, {
        getPackument: (n) => client.getPackument(n),
        concurrency: o.concurrency,
        projectDir,
      });
      const reviewers = plan.reviewerShare ? await loadReviewerInputs(loaded.inventory, projectDir) : undefined;
      return buildFundResult({
        target: { path: arg, key },
        inventory: loaded.inventory,
        packuments: collected.packuments,
        channels: collected.channels,
        problems: collected.problems,
        offline,
        previous: store.lastScan(key)?.result,
        reviewers,
        plan,
      });
    } finally {
      await client.close();
    }
  } finally {
    store.close();
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
