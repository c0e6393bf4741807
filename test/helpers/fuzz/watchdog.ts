/**
 * Keeps the input of any fuzz case that breaks a resource bound, so it can be replayed
 * (`scripts/fuzz-replay.ts TARGET FILE`):
 * - after each case, from the case's own thread: a case slower than `maxMs`, or one during which
 *   the process's peak RSS rose past `maxRssMiB`;
 * - while a case runs, from a watchdog thread polling every 50 ms: a case still running after
 *   `killMs`, or RSS past `killRssMiB`. The watchdog writes the input held in shared memory and kills
 *   the process, so a hang or a runaway allocation neither loses its input nor takes the machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MAX_FUZZ_BYTES } from './mutate.js';

export interface WatchdogOptions {
  dir: string;
  /** Prefix of the files written: `<prefix>-<why>-<case>.bin`. */
  prefix: string;
  maxMs: number;
  maxRssMiB: number;
  killMs: number;
  killRssMiB: number;
  /** At most this many inputs kept per kind of bound (slow, rss), so a slow parser does not fill the disk. */
  keep?: number;
}

/** The signal a fuzz process ends with when the watchdog ends it (a worker thread cannot set the process's exit code). */
export const WATCHDOG_SIGNAL = 'SIGKILL';

const WORKER = `
const { workerData } = require('node:worker_threads');
const { writeFileSync, writeSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { dir, prefix, killMs, killRssMiB, signal } = workerData;
const meta = new Float64Array(workerData.meta); // [length, case, started ms (0 = idle)]
const bytes = new Uint8Array(workerData.bytes);
setInterval(() => {
  const started = meta[2];
  if (!started) return;
  const rss = process.memoryUsage.rss() / 2 ** 20;
  const ms = Date.now() - started;
  const why = rss > killRssMiB ? 'rss-' + Math.round(rss) + 'MiB' : ms > killMs ? 'hang-' + ms + 'ms' : '';
  if (!why) return;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, prefix + '-' + why + '-case' + meta[1] + '.bin');
  writeFileSync(file, bytes.subarray(0, meta[0]));
  writeSync(2, 'watchdog: case ' + meta[1] + ' broke a bound (' + why + '); input written to ' + file + '\\n');
  process.kill(process.pid, signal);
}, 50);
`;

export class FuzzWatchdog {
  private readonly meta: Float64Array;
  private readonly bytes: Uint8Array;
  private readonly worker: Worker;
  private peakKiB = process.resourceUsage().maxRSS;
  private readonly kept = { slow: 0, rss: 0 };
  /** Files written after a case, in order. */
  readonly written: string[] = [];
  /** Cases over the time or RSS bound, kept or not. */
  overBound = 0;

  constructor(private readonly o: WatchdogOptions) {
    const meta = new SharedArrayBuffer(3 * 8);
    const bytes = new SharedArrayBuffer(MAX_FUZZ_BYTES + 64 * 1024);
    this.meta = new Float64Array(meta);
    this.bytes = new Uint8Array(bytes);
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: { ...o, meta, bytes, signal: WATCHDOG_SIGNAL },
      // Plain JavaScript: no loader hooks, so the thread starts even while a case keeps the main thread busy.
      execArgv: [],
    });
    this.worker.unref();
  }

  /** Before a case: its input goes to shared memory, where the watchdog can reach it. */
  arm(input: Buffer, caseNo: number): void {
    const n = Math.min(input.length, this.bytes.length);
    this.bytes.set(input.subarray(0, n));
    this.meta[0] = n;
    this.meta[1] = caseNo;
    this.meta[2] = Date.now();
  }

  /** After a case: keep its input if it was slow or raised the peak RSS past the bound. */
  disarm(input: Buffer, caseNo: number, ms: number): void {
    this.meta[2] = 0;
    const peakMiB = process.resourceUsage().maxRSS / 1024;
    const beforeMiB = this.peakKiB / 1024;
    this.peakKiB = Math.max(this.peakKiB, peakMiB * 1024);
    const slow = ms > this.o.maxMs;
    if (slow) this.keep('slow', `slow-${Math.round(ms)}ms`, input, caseNo);
    // The case that took the peak past the bound, and later ones that raise it by 16 MiB or more.
    const crossed = beforeMiB <= this.o.maxRssMiB && peakMiB > this.o.maxRssMiB;
    const rss = crossed || (peakMiB > this.o.maxRssMiB && peakMiB - beforeMiB >= 16);
    if (rss) this.keep('rss', `rss-${Math.round(peakMiB)}MiB`, input, caseNo);
    if (slow || rss) this.overBound++;
  }

  private keep(kind: 'slow' | 'rss', why: string, input: Buffer, caseNo: number): void {
    if (this.kept[kind] >= (this.o.keep ?? 10)) return;
    this.kept[kind]++;
    mkdirSync(this.o.dir, { recursive: true });
    const file = join(this.o.dir, `${this.o.prefix}-${why}-case${caseNo}.bin`);
    writeFileSync(file, input);
    this.written.push(file);
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
