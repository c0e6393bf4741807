/** What a guarded command would install, compared with what the project has now. */
import type { Inventory } from '../../core/types.js';
import type { CheckMemo } from './check-memo.js';
import type { PlatformChoice } from '../../engine/platform.js';

export interface Plan {
  /** The project's dependencies before the command (current lockfile, or what is installed). */
  before: Inventory;
  /** The dependencies after the command, as planned without running any script. */
  after: Inventory;
  /** How the plan was computed, e.g. `npm install --package-lock-only --ignore-scripts x (in a temporary copy)`. */
  method: string;
  /** Settings the real command must run with for the plan to hold (npm_config_* variables). */
  runEnv?: Record<string, string>;
  /**
   * Set when the planner found nothing new without building inventories (before and after are then
   * empty): every package of the plan is installed already, or is an optional one npm leaves out on
   * the target platforms.
   */
  settled?: { unchanged: number; otherPlatforms: number };
}

export interface PlanContext {
  projectDir: string;
  env: NodeJS.ProcessEnv;
  /** Called once a package manager is planning in a child process: work started here overlaps with it. */
  whilePlanning?: () => void;
  /** Where passes of pure planning checks are remembered (check-memo.ts). */
  checks?: CheckMemo;
  /** The platforms the command installs for (platform.ts); without it no package counts as foreign. */
  targets?: PlatformChoice;
}

export const EMPTY_INVENTORY: Inventory = { sources: [], roots: [], components: [], edges: [], problems: [] };
