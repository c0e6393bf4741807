/** Run the CLI's `main` inside the test process (no child, no build needed): exit code and captured output. */
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface InProcessRun {
  code: number;
  out: string;
  err: string;
}

/** The environment is empty unless given, so no user configuration leaks into the run. */
export async function runCliInProcess(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<InProcessRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await main(args, { stdout, stderr, env: opts.env ?? {}, cwd: opts.cwd });
  return { code, out, err };
}
