/**
 * A bench-only trace of where a scan's wall time goes. With `VIGIL_TIMELINE=FILE` in the environment
 * every span (a packument fetch, an inflate, a content task in a worker, a store commit) is kept in
 * memory and written to FILE as JSON lines when the process exits, with samples of the main
 * thread's event-loop utilisation, (on Linux) the CPU time of every thread of the process, and the
 * process's memory at each new high;
 * `bench/timeline.ts` summarises the file. Without the variable
 * every call is a no-op: nothing is kept, nothing is written.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** One span: what ran, for which subject, from `start` to `end` (ms since the process started). */
export interface TimelineSpan {
  kind: string;
  subject: string;
  start: number;
  end: number;
  /** Which worker ran it, for spans that ran in a content worker. */
  lane?: number;
}

const file = process.env.VIGIL_TIMELINE ?? '';
const spans: TimelineSpan[] = [];
const noop = (): void => undefined;

/** True when a trace is being recorded. */
export const timelineOn = file !== '';

/** Starts a span; the returned function ends it (once). */
export function span(kind: string, subject = ''): (lane?: number) => void {
  if (!timelineOn) return noop;
  const start = performance.now();
  let ended = false;
  return (lane) => {
    if (ended) return;
    ended = true;
    spans.push({ kind, subject, start, end: performance.now(), ...(lane !== undefined ? { lane } : {}) });
  };
}

/** Records a span whose times were taken elsewhere (ms since this process started), e.g. by a worker thread. */
export function spanAt(kind: string, subject: string, start: number, end: number): void {
  if (timelineOn) spans.push({ kind, subject, start, end });
}

/** Runs a synchronous step as a span. */
export function timed<T>(kind: string, subject: string, fn: () => T): T {
  if (!timelineOn) return fn();
  const end = span(kind, subject);
  try {
    return fn();
  } finally {
    end();
  }
}

let stageEnd: (() => void) | undefined;

/** Ends the current stage span (if any) and starts `name`; `stage()` ends it without starting another. */
export function stage(name?: string): void {
  stageEnd?.();
  stageEnd = name !== undefined ? span(`stage.${name}`) : undefined;
}

/** Runs an asynchronous step (or one that may be synchronous) as a span, ended when it settles. */
export async function traced<T>(kind: string, subject: string, fn: () => Promise<T> | T): Promise<T> {
  if (!timelineOn) return fn();
  const end = span(kind, subject);
  try {
    return await fn();
  } finally {
    end();
  }
}

/** CPU seconds of each thread of this process, by thread id (Linux /proc; empty elsewhere). */
function threadCpu(): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        // Fields after the parenthesised name: state is the 3rd field, utime and stime the 14th and 15th.
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.set(Number(tid), (Number(f[11]) + Number(f[12])) / 100);
      } catch {
        // The thread ended between the listing and the read.
      }
    }
  } catch {
    // No /proc: no thread times.
  }
  return out;
}

/** How often the trace samples the process's memory, and the rise that counts as a new high. */
const MEM_SAMPLE_MS = 50;
const MEM_HIGH_STEP = 4 * 1024 * 1024;

const mib = (bytes: number) => Math.round(bytes / (1024 * 1024));

/** `rss=… heap=… external=… arrayBuffers=…` in MiB (arrayBuffers counts SharedArrayBuffers, external does not). */
function memSubject(m: NodeJS.MemoryUsage): string {
  return `rss=${mib(m.rss)} heap=${mib(m.heapUsed)} external=${mib(m.external)} arrayBuffers=${mib(m.arrayBuffers)}`;
}

if (timelineOn) {
  // Threads end before the process does (content workers): the last value seen of each is kept.
  const cpu = new Map<number, number>();
  // Every sample too (time, and each thread's CPU so far), for the summary's CPU per time window.
  const samples: { at: number; cpu: Map<number, number> }[] = [];
  const sampleCpu = () => {
    const now = threadCpu();
    for (const [tid, s] of now) cpu.set(tid, Math.max(s, cpu.get(tid) ?? 0));
    samples.push({ at: performance.now(), cpu: now });
  };
  const cpuSampler = setInterval(sampleCpu, 1000);
  cpuSampler.unref();
  // Main-thread event-loop utilisation every 250 ms: how much of the time the main thread was busy.
  // (The global `performance` is node:perf_hooks' one, typed here as such; importing the module
  // would load it on every run, traced or not.)
  const perf = performance as unknown as import('node:perf_hooks').Performance;
  const elu = perf.eventLoopUtilization.bind(perf);
  let last = elu();
  let at = performance.now();
  const sampler = setInterval(() => {
    const now = elu();
    const d = elu(now, last);
    const t = performance.now();
    spans.push({ kind: 'main.elu', subject: d.utilization.toFixed(3), start: at, end: t });
    last = now;
    at = t;
  }, 250);
  sampler.unref();
  // Memory: the process's RSS every MEM_SAMPLE_MS, kept once per second, and the whole breakdown
  // (heap, external, array buffers) at every new high of MEM_HIGH_STEP or more. A cold scan's peak
  // lasts a fraction of a second (a large binary inflating while a worker parses a bundle): the
  // summary names what was being read and analysed at that moment.
  let high = 0;
  let kept = -Infinity;
  const memSampler = setInterval(() => {
    const t = performance.now();
    const rss = process.memoryUsage.rss();
    if (rss >= high + MEM_HIGH_STEP) {
      high = rss;
      const m = process.memoryUsage();
      spans.push({ kind: 'mem.high', subject: memSubject(m), start: t, end: t });
    } else if (t - kept >= 1000) {
      kept = t;
      spans.push({ kind: 'mem.sample', subject: `rss=${mib(rss)}`, start: t, end: t });
    }
  }, MEM_SAMPLE_MS);
  memSampler.unref();
  process.on('exit', () => {
    stage();
    sampleCpu();
    const end = performance.now();
    const name = (tid: number) => (tid === process.pid ? 'main' : String(tid));
    for (const [tid, s] of cpu) spans.push({ kind: 'thread.cpu', subject: `${name(tid)} ${s.toFixed(2)}`, start: 0, end });
    for (const x of samples)
      spans.push({
        kind: 'thread.sample',
        subject: [...x.cpu].map(([tid, s]) => `${name(tid)}:${s.toFixed(2)}`).join(' '),
        start: x.at,
        end: x.at,
      });
    // How many helper threads V8 was given (node's --v8-pool-size, 4 unless set): the summary names them.
    const pool = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(' ')].find((a) => a.startsWith('--v8-pool-size='));
    spans.push({ kind: 'v8.pool', subject: pool ? pool.slice('--v8-pool-size='.length) : '4', start: 0, end });
    writeFileSync(file, spans.map((s) => JSON.stringify(s)).join('\n') + '\n');
  });
}
