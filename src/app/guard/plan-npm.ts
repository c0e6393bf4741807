/**
 * npm plans: arborist's own resolution through `npm install --package-lock-only --ignore-scripts`
 * in a temporary copy of the project (no script runs, no tarball is unpacked, the project is not
 * written), then the resulting lockfile is read with vigil's package-lock extractor.
 */
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VigilError } from '../../core/errors.js';
import { copyPlanningInputs, makeTempDir } from './temp-project.js';
import { runCaptured } from './run-tool.js';
import { installedPart, installedState, lockfileAsPlanned } from './plan-lockfile.js';
import { installsOnAny } from '../../engine/platform.js';
import { entryPlatform } from '../../inventory/npm-entry.js';
import { parsedLockInventory, readJsonFile, readLockInventory } from './lock-inventory.js';
import { EMPTY_INVENTORY, type Plan, type PlanContext } from './plan-types.js';

const NPM_PLAN_FLAGS = ['--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--no-progress'];

export function planEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, npm_config_update_notifier: 'false', npm_config_ignore_scripts: 'true', npm_config_yes: 'true' };
}

/** The npm lockfile of a directory (shrinkwrap first, as npm reads them), if any. */
export function npmLockfile(dir: string): string | undefined {
  for (const f of ['npm-shrinkwrap.json', 'package-lock.json']) if (existsSync(join(dir, f))) return join(dir, f);
  return undefined;
}

/** Subcommands that install the lockfile as it is when no package is named (not update/dedupe). */
const PLAIN_INSTALL = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add']);

/** `npm install|update|dedupe ARGS`: plan in a copy, diff with the current lockfile. */
export async function planNpmProject(args: string[], ctx: PlanContext, sub?: string): Promise<Plan> {
  const current = npmLockfile(ctx.projectDir);
  // A bare `npm install` over a lockfile that matches package.json installs that lockfile: no npm
  // run is needed to know it, and what is new is what node_modules does not hold yet.
  const rest = args.filter((a) => a !== sub);
  const lock = current ? readJsonFile(current) : undefined;
  const asIs =
    sub && PLAIN_INSTALL.has(sub) && rest.length === args.length - 1
      ? await lockfileAsPlanned(ctx.projectDir, rest, current, { lock, ...(ctx.checks ? { memo: ctx.checks } : {}) })
      : undefined;
  if (asIs) {
    const method = 'the lockfile matches package.json, so npm installs it as it is: what node_modules does not hold yet is checked';
    const state = installedState(ctx.projectDir, asIs, lock);
    // The common warm case: all is installed but a few optional packages for other platforms
    // (fsevents on Linux). Nothing is new, and no inventory needs building to know it.
    const targets = ctx.targets;
    if (targets && state.missing.every(({ entry }) => entry.optional === true && !installsOnAny(entryPlatform(entry) ?? {}, targets))) {
      const foreign = new Set(state.missing.map((m) => m.purl).filter((p) => !state.installed.has(p)));
      return {
        before: EMPTY_INVENTORY,
        after: EMPTY_INVENTORY,
        method,
        settled: { unchanged: state.installed.size, otherPlatforms: foreign.size },
      };
    }
    const after = (lock && parsedLockInventory(asIs, lock)) ?? (await readLockInventory(asIs));
    return { before: installedPart(after, state.installed), after, method };
  }
  // `npm install NAME…` over a matching lockfile: vigil resolves what it can add (no npm run); any
  // case outside that model is planned by npm, below.
  // Loaded only here: a bare `npm install` (nothing new) never pays for npm-package-arg, semver
  // ranges and npm-pick-manifest.
  const own = sub ? await (await import('./plan-npm-resolved.js')).planNpmResolved(args, sub, ctx, current, lock) : undefined;
  if (own && 'plan' in own) return { ...own.plan, runEnv: own.runEnv };
  const fallback = own && 'gap' in own ? ` — not resolved by vigil: ${own.gap}` : '';
  // Without a lockfile everything planned is checked: node_modules/.package-lock.json is no
  // witness of what is installed (npm --package-lock-only rewrites it).
  const before = await readLockInventory(current);
  const t = copyPlanningInputs(ctx.projectDir);
  try {
    await runNpmPlan(args, t.dir, ctx);
    const lock = npmLockfile(t.dir);
    if (!lock)
      throw new VigilError('E_PLAN', 'npm wrote no lockfile while planning', {
        hint: 'is package-lock=false set in .npmrc? guard needs a lockfile to see what would be installed',
      });
    return {
      before,
      after: await readLockInventory(lock),
      method: `npm ${[...args, ...NPM_PLAN_FLAGS].join(' ')} (in a temporary copy of the project)${fallback}`,
    };
  } finally {
    t.remove();
  }
}

/**
 * `npm ci`: removes node_modules and installs every package of the lockfile, running their scripts
 * again, so every one is checked (those already analysed are answered from the store). What is
 * installed cannot stand in for "before": `npm install --package-lock-only` rewrites
 * node_modules/.package-lock.json without installing anything.
 */
export async function planNpmFrozen(ctx: PlanContext): Promise<Plan> {
  const lock = npmLockfile(ctx.projectDir);
  return {
    before: EMPTY_INVENTORY,
    after: await readLockInventory(lock),
    method: lock ? 'npm ci installs every package of the lockfile: all are checked' : 'no lockfile: nothing to install',
  };
}

/** npx / exec / global installs / dlx: resolve the specs on their own; everything is new. */
export async function planNpmFetch(specs: string[], ctx: PlanContext): Promise<Plan> {
  if (specs.length === 0) return { before: EMPTY_INVENTORY, after: EMPTY_INVENTORY, method: 'no package to fetch' };
  const t = makeTempDir();
  try {
    writeFileSync(join(t.dir, 'package.json'), JSON.stringify({ name: 'vigil-guard-plan', version: '0.0.0', private: true }));
    // The project's registry settings (scoped registries, auth) apply to what npx fetches.
    if (existsSync(join(ctx.projectDir, '.npmrc'))) copyFileSync(join(ctx.projectDir, '.npmrc'), join(t.dir, '.npmrc'));
    await runNpmPlan(['install', ...specs], t.dir, ctx);
    return {
      before: EMPTY_INVENTORY,
      after: await readLockInventory(npmLockfile(t.dir)),
      method: `npm install ${specs.join(' ')} ${NPM_PLAN_FLAGS.join(' ')} (in an empty temporary project)`,
    };
  } finally {
    t.remove();
  }
}

async function runNpmPlan(args: string[], cwd: string, ctx: PlanContext): Promise<void> {
  const running = runCaptured('npm', [...args, ...NPM_PLAN_FLAGS], { cwd, env: planEnv(ctx.env) });
  ctx.whilePlanning?.();
  const r = await running;
  if (r.code !== 0) {
    const tail = (r.stderr || r.stdout)
      .trim()
      .split('\n')
      .filter((l) => !/A complete log of this run/.test(l))
      .slice(-8)
      .join('\n');
    throw new VigilError('E_PLAN', `npm could not plan the install (exit ${r.code}):\n${tail}`, {
      hint: 'the same command would most likely fail on its own',
    });
  }
}
