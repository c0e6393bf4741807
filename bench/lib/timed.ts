/** Runs a command under /usr/bin/time: wall seconds, peak RSS, exit code. Asynchronous on purpose: a local registry may serve from the calling process. */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export interface Measure {
  wall: number;
  /** User + system CPU seconds: on a shared, loaded machine this says more than wall time. */
  cpu: number;
  /**
   * The system (kernel) part of `cpu`. `npm ci` writes ~40,000 files: on this project's 2-CPU VM its
   * system time went from 12 s rested to 25–37 s after minutes of load, and its wall time with it
   * (27 → 43 s), while a vigil scan spends ~3 s there.
   */
  sys: number;
  rssMb: number;
  /**
   * Minor page faults: pages the command touched for the first time. On this project's VM each
   * costs ~12 µs (a 2026-12 cold platform-app scan: ~830,000, about 10 s of its ~55 s CPU), far more
   * than on bare metal, and what bench/lib/fresh-memory.ts measures now.
   */
  minorFaults: number;
  code: number | null;
}

/** `stdoutFile`: where the command's standard output goes (default: discarded). */
export function timed(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, stdoutFile?: string): Promise<Measure> {
  return new Promise((done) => {
    const out = stdoutFile === undefined ? 'ignore' : openSync(stdoutFile, 'w');
    const child = spawn('/usr/bin/time', ['-f', '%e %M %U %S %R', cmd, ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', out, 'pipe'],
    });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.length > 1 << 20) err = err.slice(-65536);
    });
    child.on('close', (code) => {
      if (typeof out === 'number') closeSync(out);
      const last = err.trim().split('\n').pop() ?? '';
      const [wall, kb, user, sys, minor] = last.split(' ').map(Number);
      if (code !== 0 && code !== 1) process.stderr.write(err.slice(-2000));
      done({
        wall: wall ?? NaN,
        cpu: (user ?? NaN) + (sys ?? NaN),
        sys: sys ?? NaN,
        rssMb: (kb ?? NaN) / 1024,
        minorFaults: minor ?? NaN,
        code,
      });
    });
  });
}
