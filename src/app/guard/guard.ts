/**
 * The guard pipeline: command line → plan (no script runs, project untouched) → what is new or
 * changed → the scan engine's analyzers on those components only (packages already analysed are
 * answered from the store) → a policy decision. Running the real command is a separate step the
 * caller takes only when the decision allows it.
 */
import { resolve } from 'node:path';
import type { EventSink } from '../../core/events.js';
import { isVigilError } from '../../core/errors.js';
import type { ScanResult, SuppressionRule } from '../../core/result.js';
import { newResult, finalizeResult } from '../../core/result-builder.js';
import type { ScanDeps } from '../../engine/scan.js';
import { parseInvocation, type Invocation } from './command-line.js';
import { computePlan } from './plan.js';
import type { Plan } from './plan-types.js';
import { changedInventory, plannedChanges, type PlannedChange } from './changes.js';
import { decide, type GuardDecision, type GuardPolicy } from './policy.js';
import { runInherited } from './run-tool.js';
import { skipForeignPlatforms } from '../../engine/platform.js';
import { installTargets } from './platform.js';
import type { MemoStore } from './verdict-memo.js';
import { supplyChainDir } from '../../audit/location.js';
import type { CheckMemo } from './check-memo.js';
import { existsSync } from 'node:fs';

const hasSupplyChain = (projectDir: string) => existsSync(supplyChainDir(projectDir));

export interface GuardOptions {
  /** The wrapped command: `['npm', 'install', 'left-pad']`. */
  argv: string[];
  projectDir: string;
  env: NodeJS.ProcessEnv;
  policy: GuardPolicy;
  /** Where the policy came from (config file path or "defaults"), for suppression sources. */
  policySource?: string;
  suppressions?: SuppressionRule[];
  offline?: boolean;
  concurrency?: number;
  events?: EventSink;
  /** Where passes of pure planning checks are remembered (check-memo.ts); without it they always run. */
  checks?: CheckMemo;
  /** Where the analysis of a change set is kept (verdict-memo.ts); without it every change set is analysed. */
  openMemo?: () => Promise<MemoStore>;
}

export interface GuardOutcome {
  invocation: Invocation;
  /** How the plan was computed; absent when planning failed. */
  method?: string;
  /** Why planning failed (the decision then follows failClosed). */
  planError?: string;
  changes: PlannedChange[];
  /** Components in the plan that were already in the project (not analysed again). */
  unchanged: number;
  /** Optional components of the plan that npm's os/cpu/libc rules leave out on this machine (never installed, so never analysed). */
  otherPlatforms: number;
  decision: GuardDecision;
  result: ScanResult;
  /** Settings the real command runs with so that it installs what was planned (see Plan.runEnv). */
  runEnv?: Record<string, string>;
}

/**
 * `openDeps` is called only when something new has to be analysed: a command that installs
 * nothing new never opens the store (nor loads the analyzers: the engine is imported on demand).
 */
export async function guard(o: GuardOptions, openDeps: () => Promise<ScanDeps>): Promise<GuardOutcome> {
  const invocation = parseInvocation(o.argv);
  const projectDir = resolve(o.projectDir);
  // The analysis engine and the store wiring load while a package manager plans in a child process,
  // so the two overlap; a plan read from the lockfile alone (a warm `npm install`) loads neither
  // unless something turns out to be new.
  let engine: Promise<typeof import('../../engine/scan.js')> | undefined;
  const loadEngine = () => (engine ??= import('../../engine/scan.js'));
  const whilePlanning = () => {
    loadEngine().catch(() => undefined);
    import('../../engine/wiring.js').catch(() => undefined);
  };
  // What the package manager leaves out on this machine (fsevents on Linux) is not installed: not a change.
  const targets = installTargets(invocation.args, projectDir, o.env);
  let plan: Plan;
  try {
    o.events?.({ type: 'stage', stage: 'plan' });
    plan = await computePlan(invocation, { projectDir, env: o.env, whilePlanning, targets, ...(o.checks ? { checks: o.checks } : {}) });
  } catch (e) {
    if (!isVigilError(e, 'E_PLAN', 'E_LOCKFILE_PARSE', 'E_NO_INVENTORY', 'E_INPUT_NOT_FOUND')) throw e;
    return planFailed(invocation, projectDir, e.message, o.policy);
  }
  if (plan.settled) return settled(invocation, plan, plan.settled, projectDir, o.policy);
  const foreign = new Set(skipForeignPlatforms(plan.after, targets).skipped.map((s) => s.purl));
  const changes = plannedChanges(plan.before, plan.after).filter((ch) => !foreign.has(ch.component.purl));
  const inventory = changedInventory(plan.after, changes);
  const analyse = async (): Promise<ScanResult> => {
    // Loaded only when something is new: the rule catalogue (allow-lists) and the verdict memo.
    const [{ allowScriptSuppressions }, { readVerdict, verdictKey, writeVerdict }] = await Promise.all([
      import('./allow-scripts.js'),
      import('./verdict-memo.js'),
    ]);
    const suppressions = [...(o.suppressions ?? []), ...allowScriptSuppressions(o.policy, o.policySource ?? 'guard policy')];
    const memo = o.openMemo && !hasSupplyChain(projectDir) ? await o.openMemo() : undefined;
    const key = memo ? verdictKey(changes, inventory, { offline: o.offline === true, platforms: targets }) : undefined;
    const hit = memo && key ? readVerdict(memo, key, projectDir, inventory, suppressions) : undefined;
    if (hit) return hit;
    const scanned = await (
      await loadEngine()
    ).scan(
      {
        target: projectDir,
        offline: o.offline,
        concurrency: o.concurrency,
        suppressions,
        events: o.events,
        history: false,
        platforms: targets,
      },
      { ...(await openDeps()), loadInventory: async () => ({ inventory }) },
    );
    if (memo && key) writeVerdict(memo, key, scanned);
    return scanned;
  };
  const result = changes.length === 0 ? finalizeResult(newResult('guard', projectDir)) : await analyse();
  result.command = 'guard';
  return {
    invocation,
    method: plan.method,
    changes,
    unchanged: plan.after.components.filter((c) => !foreign.has(c.purl)).length - changes.length,
    otherPlatforms: foreign.size,
    decision: decide(result, changes, o.policy),
    result,
    ...(plan.runEnv ? { runEnv: plan.runEnv } : {}),
  };
}

/** Nothing new, as the planner found without building inventories (Plan.settled). */
function settled(
  invocation: Invocation,
  plan: Plan,
  counts: NonNullable<Plan['settled']>,
  projectDir: string,
  policy: GuardPolicy,
): GuardOutcome {
  const result = finalizeResult(newResult('guard', projectDir));
  return {
    invocation,
    method: plan.method,
    changes: [],
    ...counts,
    decision: decide(result, [], policy),
    result,
    ...(plan.runEnv ? { runEnv: plan.runEnv } : {}),
  };
}

function planFailed(invocation: Invocation, projectDir: string, message: string, policy: GuardPolicy): GuardOutcome {
  const result = finalizeResult(newResult('guard', projectDir));
  result.problems.push({ code: 'E_PLAN', message });
  const reason = `what it would install could not be computed${policy.failClosed ? ', failing closed' : ''}: ${message.split('\n')[0]}`;
  return {
    invocation,
    planError: message,
    changes: [],
    unchanged: 0,
    otherPlatforms: 0,
    decision: { action: policy.failClosed ? 'block' : 'confirm', rows: [], reasons: [reason] },
    result,
  };
}

/**
 * Runs the wrapped command unchanged (arguments as typed), with the user's terminal; resolves to its
 * exit code. With `handOver` (the caller owns this process: its stdio, environment and exit, and has
 * nothing left to do) an npm that can run in this process is handed the process instead of being
 * spawned (npm-in-process.ts): it then ends the process with its own exit code.
 */
export async function runWrapped(
  outcome: Pick<GuardOutcome, 'invocation' | 'runEnv'>,
  cwd: string,
  env: NodeJS.ProcessEnv,
  o: { handOver?: boolean } = {},
): Promise<number> {
  const { tool, args } = outcome.invocation;
  if (o.handOver && tool === 'npm' && env === process.env) {
    const { handOverToNpm, npmCliInProcess } = await import('./npm-in-process.js');
    const cli = npmCliInProcess(env);
    if (cli) return handOverToNpm(cli, args, cwd, outcome.runEnv);
  }
  return runInherited(tool, args, { cwd, env: { ...env, ...outcome.runEnv } });
}
