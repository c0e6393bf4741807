/** Run the built CLI (bin/vigil.js) as a child process: exit code, stdout and stderr, never throwing. */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'vigil.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `home` isolates the user cache/config; env adds or overrides variables (CI=1, NO_COLOR=1 by default). */
export async function runCli(args: string[], opts: { cwd: string; home: string; env?: NodeJS.ProcessEnv }): Promise<CliRun> {
  const env = {
    ...process.env,
    CI: '1',
    NO_COLOR: '1',
    HOME: opts.home,
    XDG_CACHE_HOME: join(opts.home, '.cache'),
    npm_config_userconfig: join(opts.home, 'none.npmrc'),
    ...opts.env,
  };
  try {
    const r = await run(process.execPath, [BIN, ...args], { env, cwd: opts.cwd, maxBuffer: 64 << 20 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
