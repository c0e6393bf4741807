/**
 * A long fuzz run's progress: a line every `everyMs` (cases done, rate, ETA, worst case, RSS) and a
 * checkpoint file beside it, so `npm run fuzz -- --resume` continues an interrupted run where it stopped.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where inputs over a bound, broken contracts and checkpoints are kept (git-ignored). */
export const FINDINGS = 'fuzz-findings';

/** What a run has done so far (cumulative over resumed processes). */
export interface Checkpoint {
  parser: string;
  seed: number;
  /** Index after the last case of the whole run. */
  runs: number;
  /** First case of the whole run, and how many ran since: the next process starts at `from + cases`. */
  from: number;
  cases: number;
  worstMs: number;
  peakRssMiB: number;
  overBound: number;
  seconds: number;
}

export const checkpointFile = (dir: string, parser: string): string => join(dir, `${parser}.checkpoint.json`);

export function readCheckpoint(dir: string, parser: string): Checkpoint | undefined {
  const f = checkpointFile(dir, parser);
  if (!existsSync(f)) return undefined;
  try {
    const c = JSON.parse(readFileSync(f, 'utf8')) as Checkpoint;
    return c.parser === parser && Number.isInteger(c.from) && Number.isInteger(c.cases) ? c : undefined;
  } catch {
    return undefined;
  }
}

export function writeCheckpoint(dir: string, c: Checkpoint): void {
  const f = checkpointFile(dir, c.parser);
  writeFileSync(`${f}.tmp`, JSON.stringify(c) + '\n');
  renameSync(`${f}.tmp`, f);
}

export function clearCheckpoint(dir: string, parser: string): void {
  rmSync(checkpointFile(dir, parser), { force: true });
}

function duration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m` : `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
}

/** `pnpm-lock: 12,000 of 100,000 cases (12.0%), 31.4/s, ETA 46m42s; worst 1549 ms, RSS 312 MiB` */
export function progressLine(c: Checkpoint, sessionCases: number, sessionSeconds: number): string {
  const total = c.runs - c.from;
  const rate = sessionSeconds > 0 ? sessionCases / sessionSeconds : 0;
  const left = total - c.cases;
  return (
    `${c.parser}: ${c.cases.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} cases (${((100 * c.cases) / total).toFixed(1)}%), ` +
    `${rate.toFixed(1)}/s, ETA ${rate > 0 ? duration(left / rate) : '?'}; worst ${c.worstMs.toFixed(0)} ms, RSS ${c.peakRssMiB.toFixed(0)} MiB`
  );
}
