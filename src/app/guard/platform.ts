/**
 * The platforms a guarded command installs for. npm leaves out optional packages whose os/cpu/libc
 * rule excludes this machine (fsevents on Linux), so guard does not analyse them either — unless
 * the command installs for another platform: npm's `--os`/`--cpu`/`--libc` (flag, `npm_config_*`
 * variable, or the project's or user's .npmrc), in which case every package counts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { currentPlatform, type PlatformChoice } from '../../engine/platform.js';

const FLAG = /^--(os|cpu|libc)(=|$)/;
const NPMRC_KEY = /^\s*(os|cpu|libc)\s*=/m;

export function installTargets(args: string[], projectDir: string, env: NodeJS.ProcessEnv): PlatformChoice {
  const overridden =
    args.some((a) => FLAG.test(a)) ||
    ['os', 'cpu', 'libc'].some((k) => env[`npm_config_${k}`] !== undefined || env[`NPM_CONFIG_${k.toUpperCase()}`] !== undefined) ||
    [join(projectDir, '.npmrc'), env.npm_config_userconfig ?? join(env.HOME ?? homedir(), '.npmrc')].some(
      (f) => existsSync(f) && NPMRC_KEY.test(readFileSync(f, 'utf8')),
    );
  return overridden ? 'all' : [currentPlatform()];
}
