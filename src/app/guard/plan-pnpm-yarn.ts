/**
 * pnpm and yarn plans, in a temporary copy of the project, with each tool's lock-only mode:
 * `pnpm … --lockfile-only --ignore-scripts`, yarn Berry `… --mode=update-lockfile` (scripts off).
 * Yarn classic has no lock-only mode: it installs into the temporary copy with --ignore-scripts,
 * which runs nothing and leaves the project alone. The resulting lockfile is read with vigil's
 * pnpm-lock / yarn.lock extractors.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { VigilError } from '../../core/errors.js';
import { copyPlanningInputs } from './temp-project.js';
import { runCaptured } from './run-tool.js';
import { readLockInventory } from './lock-inventory.js';
import type { Plan, PlanContext } from './plan-types.js';

function lockOf(dir: string, name: string): string | undefined {
  return existsSync(join(dir, name)) ? join(dir, name) : undefined;
}

async function planIn(
  tool: 'pnpm' | 'yarn',
  args: string[],
  lockName: string,
  ctx: PlanContext,
  env: NodeJS.ProcessEnv,
  describe: string,
): Promise<Plan> {
  const before = await readLockInventory(lockOf(ctx.projectDir, lockName));
  const t = copyPlanningInputs(ctx.projectDir);
  try {
    const running = runCaptured(tool, args, { cwd: t.dir, env });
    ctx.whilePlanning?.();
    const r = await running;
    if (r.code !== 0) {
      const tail = (r.stderr + '\n' + r.stdout).trim().split('\n').slice(-8).join('\n');
      throw new VigilError('E_PLAN', `${tool} could not plan the install (exit ${r.code}):\n${tail}`, {
        hint: 'the same command would most likely fail on its own',
      });
    }
    const lock = lockOf(t.dir, lockName);
    if (!lock) throw new VigilError('E_PLAN', `${tool} wrote no ${lockName} while planning`);
    return { before, after: await readLockInventory(lock), method: `${describe} (in a temporary copy of the project)` };
  } finally {
    t.remove();
  }
}

export async function planPnpmProject(args: string[], ctx: PlanContext): Promise<Plan> {
  const full = [...args, '--lockfile-only', '--ignore-scripts', '--reporter=silent'];
  return planIn('pnpm', full, 'pnpm-lock.yaml', ctx, { ...ctx.env, npm_config_ignore_scripts: 'true' }, `pnpm ${full.join(' ')}`);
}

export async function yarnMajor(ctx: PlanContext): Promise<number> {
  const r = await runCaptured('yarn', ['--version'], { cwd: ctx.projectDir, env: ctx.env, timeoutMs: 60_000 });
  const major = Number(/^(\d+)\./.exec(r.stdout.trim())?.[1]);
  if (r.code !== 0 || !Number.isFinite(major))
    throw new VigilError('E_PLAN', `could not tell which yarn this is (yarn --version: ${(r.stderr || r.stdout).trim().slice(0, 200)})`);
  return major;
}

export async function planYarnProject(args: string[], ctx: PlanContext): Promise<Plan> {
  const major = await yarnMajor(ctx);
  if (major >= 2) {
    const full = [...args, '--mode=update-lockfile'];
    return planIn(
      'yarn',
      full,
      'yarn.lock',
      ctx,
      {
        ...ctx.env,
        YARN_ENABLE_SCRIPTS: '0',
        YARN_ENABLE_TELEMETRY: '0',
        YARN_ENABLE_PROGRESS_BARS: '0',
        YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
      },
      `yarn ${full.join(' ')}`,
    );
  }
  const full = [...args, '--ignore-scripts', '--non-interactive', '--no-progress', '--no-bin-links'];
  return planIn('yarn', full, 'yarn.lock', ctx, { ...ctx.env, npm_config_ignore_scripts: 'true' }, `yarn ${full.join(' ')}`);
}
