/** What a guarded command would install, compared with what the project has now. */
import type { Inventory } from '../../core/types.js';
import type { CheckMemo } from './check-memo.js';

export interface Plan {
  /** The project's dependencies before the command (current lockfile, or what is installed). */
  before: Inventory;
  /** The dependencies after the command, as planned without running any script. */
  after: Inventory;
  /** How the plan was computed, e.g. `npm install --package-lock-only --ignore-scripts x (in a temporary copy)`. */
  method: string;
  /** Settings the real command must run with for the plan to hold (npm_config_* variables). */
  runEnv?: Record<string, string>;
}

export interface PlanContext {
  projectDir: string;
  env: NodeJS.ProcessEnv;
  /** Called once a package manager is planning in a child process: work started here overlaps with it. */
  whilePlanning?: () => void;
  /** Where passes of pure planning checks are remembered (check-memo.ts). */
  checks?: CheckMemo;
}

export const EMPTY_INVENTORY: Inventory = { sources: [], roots: [], components: [], edges: [], problems: [] };
