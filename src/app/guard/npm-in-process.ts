/**
 * The real `npm` command run inside guard's own process, once guard is done: the npm the shell
 * would run (first on PATH) is loaded and handed the process (its argv, cwd, environment, stdio
 * and exit), which saves starting a second node. Only when that npm is npm's own node script and the
 * `node` it would start is this very binary; otherwise, and on Windows, the caller spawns it.
 */
import { accessSync, constants, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, delimiter, dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const d of (env.PATH ?? '').split(delimiter)) {
    if (!d) continue;
    try {
      accessSync(join(d, name), constants.X_OK);
      return realpathSync(join(d, name));
    } catch {
      continue;
    }
  }
  return undefined;
}

/** npm's CLI script when it can run in this process, else undefined. */
export function npmCliInProcess(env: NodeJS.ProcessEnv): string | undefined {
  if (process.platform === 'win32') return undefined;
  const cli = onPath('npm', env);
  if (!cli || basename(cli) !== 'npm-cli.js') return undefined;
  const node = onPath('node', env);
  if (!node || node !== realpathSync(process.execPath)) return undefined;
  try {
    const pkg = JSON.parse(readFileSync(join(dirname(dirname(cli)), 'package.json'), 'utf8')) as { name?: unknown };
    if (pkg.name !== 'npm') return undefined;
    if (!readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node')) return undefined;
  } catch {
    return undefined;
  }
  return cli;
}

/**
 * Hands this process to npm: it runs `npm ARGS` in `cwd` with `runEnv` added to the environment and
 * ends the process with npm's exit code. Never resolves.
 */
export function handOverToNpm(cli: string, args: string[], cwd: string, runEnv: Record<string, string> = {}): Promise<never> {
  process.chdir(cwd);
  Object.assign(process.env, runEnv);
  process.argv = [process.execPath, cli, ...args];
  // npm's own handlers decide about errors and signals from here on, as in its own process.
  for (const e of ['uncaughtException', 'unhandledRejection', 'SIGINT', 'SIGTERM'] as const) process.removeAllListeners(e);
  // V8's default heap growth, as npm has in its own process (vigil's launcher lowers it for scans).
  setFlagsFromString('--heap-growing-percent=0');
  createRequire(cli)(cli);
  return new Promise<never>(() => undefined);
}
