/**
 * Runs a package manager: captured (for planning in a temporary copy, never in the project) or with
 * the user's own stdio (the real command, unchanged). `shell: false` always: arguments are passed
 * as they were typed, never re-parsed by a shell.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { VigilError } from '../../core/errors.js';

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

const OUTPUT_CAP = 4 << 20;

export function runCaptured(cmd: string, args: string[], o: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: o.cwd,
      env: o.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      timeout: o.timeoutMs ?? 300_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => void (stdout.length < OUTPUT_CAP && (stdout += d.toString())));
    child.stderr.on('data', (d: Buffer) => void (stderr.length < OUTPUT_CAP && (stderr += d.toString())));
    child.on('error', (e: NodeJS.ErrnoException) => reject(notFound(cmd, e)));
    child.on('close', (code, signal) => resolve({ code: code ?? signalCode(signal), stdout, stderr }));
  });
}

/** The real command with the user's terminal; resolves to its exit code (128 + signal when killed). */
export function runInherited(cmd: string, args: string[], o: { cwd: string; env: NodeJS.ProcessEnv }): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: o.cwd, env: o.env, stdio: 'inherit', shell: false });
    // While the child owns the terminal, Ctrl-C goes to it; the wrapper waits for its exit code.
    const ignore = () => {};
    process.on('SIGINT', ignore);
    child.on('error', (e: NodeJS.ErrnoException) => {
      process.off('SIGINT', ignore);
      reject(notFound(cmd, e));
    });
    child.on('close', (code, signal) => {
      process.off('SIGINT', ignore);
      resolve(code ?? signalCode(signal));
    });
  });
}

function signalCode(signal: NodeJS.Signals | null): number {
  const n = signal ? (constants.signals as Record<string, number>)[signal] : undefined;
  return 128 + (n ?? 1);
}

function notFound(cmd: string, e: NodeJS.ErrnoException): Error {
  if (e.code === 'ENOENT')
    return new VigilError('E_PLAN', `${cmd} is not installed or not on PATH`, {
      cause: e,
      hint: `install ${cmd}, or run the command without vigil guard`,
    });
  return new VigilError('E_PLAN', `could not start ${cmd}: ${e.message}`, { cause: e });
}
