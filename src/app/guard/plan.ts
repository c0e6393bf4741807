/** Dispatches an invocation to the planner of its package manager. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VigilError } from '../../core/errors.js';
import type { Invocation } from './command-line.js';
import { planNpmFetch, planNpmFrozen, planNpmProject } from './plan-npm.js';
import { planPnpmProject, planYarnProject } from './plan-pnpm-yarn.js';
import { EMPTY_INVENTORY, type Plan, type PlanContext } from './plan-types.js';

export async function computePlan(inv: Invocation, ctx: PlanContext): Promise<Plan> {
  switch (inv.kind) {
    case 'passthrough':
      return { before: EMPTY_INVENTORY, after: EMPTY_INVENTORY, method: 'installs nothing' };
    case 'fetch': {
      // npx runs a binary the project already has without fetching anything.
      if (inv.tool === 'npx' && inv.specs.length === 1 && localBin(ctx.projectDir, inv.specs[0]!)) {
        return {
          before: EMPTY_INVENTORY,
          after: EMPTY_INVENTORY,
          method: `${inv.specs[0]} is installed in node_modules/.bin: nothing is fetched`,
        };
      }
      return planNpmFetch(inv.specs, ctx);
    }
    case 'frozen':
      if (inv.tool === 'npm') return planNpmFrozen(ctx);
      return planProject(inv, ctx);
    case 'project':
      return planProject(inv, ctx);
  }
}

function planProject(inv: Extract<Invocation, { kind: 'project' | 'frozen' }>, ctx: PlanContext): Promise<Plan> {
  switch (inv.tool) {
    case 'npm':
      return planNpmProject(inv.args, ctx, inv.sub);
    case 'pnpm':
      return planPnpmProject(inv.args, ctx);
    case 'yarn':
      return planYarnProject(inv.args, ctx);
    default:
      throw new VigilError('E_PLAN', `${inv.tool} installs cannot be planned yet (vigil does not read ${inv.tool}'s lockfile)`, {
        hint: 'use npm, pnpm or yarn, or allow unanalysed installs with "failClosed": false',
      });
  }
}

/** `node_modules/.bin/NAME` in the project or a parent directory (where npx looks first). */
function localBin(dir: string, spec: string): boolean {
  if (/[@/]/.test(spec.slice(1))) return false;
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'node_modules', '.bin', spec))) return true;
    if (dirname(d) === d) return false;
  }
}
