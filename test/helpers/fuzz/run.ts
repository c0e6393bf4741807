/**
 * Runs one fuzz target under fast-check: each case is a mutated seed; the run records the worst
 * time of one case and the peak RSS. A broken contract ends the run with the input that broke it.
 */
import fc from 'fast-check';
import { mutatedInput } from './mutate.js';
import type { FuzzTarget } from './types.js';
import type { FuzzWatchdog } from './watchdog.js';

export interface FuzzStats {
  name: string;
  cases: number;
  /** Slowest single case, and the size of its input. */
  worstMs: number;
  /**
   * The costliest case against the floor (1 MiB of JSON parsed) timed near it, both in CPU time: a
   * loaded machine slows the wall clock of a long case far more than that of the short floor.
   */
  worstRatio: number;
  /** CPU ms of the floor next to the costliest case. */
  floorMs: number;
  worstBytes: number;
  /** The input of the costliest case (`worstRatio`) itself (not serialized). */
  worstInput?: Buffer;
  peakRssMiB: number;
  /** Largest input generated. */
  maxBytes: number;
  /** The first broken contract, with a preview of the input that broke it. */
  failure?: { message: string; input: Buffer };
}

export interface FuzzOptions {
  /** Index after the last case: a run covers cases `from` … `runs - 1` of the seed's sequence. */
  runs: number;
  seed: number;
  /** First case (default 0): `runs` and `from` split one seed's sequence across processes without overlap. */
  from?: number;
  /** Keeps the inputs of cases that break a time or memory bound (watchdog.ts). */
  watchdog?: FuzzWatchdog;
  /** Called after each case with the stats so far (a progress line, a checkpoint). */
  onCase?: (st: Readonly<FuzzStats>) => void;
}

export async function fuzzTarget(t: FuzzTarget, opts: FuzzOptions): Promise<FuzzStats> {
  const from = opts.from ?? 0;
  const st: FuzzStats = { name: t.name, cases: 0, worstMs: 0, worstRatio: 0, floorMs: 0, worstBytes: 0, peakRssMiB: 0, maxBytes: 0 };
  if (from >= opts.runs) return st;
  let floor = floorMs();
  const rss = (): number => process.memoryUsage.rss() / 2 ** 20;
  const r = await fc.check(
    fc.asyncProperty(mutatedInput(t.seeds(), t.maxBytes), async (input) => {
      const caseNo = from + st.cases + 1;
      opts.watchdog?.arm(input, caseNo);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      try {
        await t.run(input);
      } finally {
        opts.watchdog?.disarm(input, caseNo, performance.now() - t0);
      }
      const ms = performance.now() - t0;
      const cpu = cpuMs(process.cpuUsage(c0));
      st.cases++;
      if (st.cases % 500 === 0) floor = floorMs();
      if (cpu / floor > st.worstRatio) {
        st.worstRatio = cpu / floor;
        st.floorMs = floor;
        st.worstInput = input;
      }
      if (ms > st.worstMs) {
        st.worstMs = ms;
        st.worstBytes = input.length;
      }
      st.maxBytes = Math.max(st.maxBytes, input.length);
      if (st.cases % 16 === 0) st.peakRssMiB = Math.max(st.peakRssMiB, rss());
      opts.onCase?.(st);
    }),
    // A path of one number starts the seed's sequence at that case (fast-check's replay path).
    { numRuns: opts.runs - from, seed: opts.seed, endOnFailure: true, ...(from > 0 ? { path: String(from) } : {}) },
  );
  st.peakRssMiB = Math.max(st.peakRssMiB, rss());
  if (r.failed) {
    const input = r.counterexample?.[0] ?? Buffer.alloc(0);
    const err = r.errorInstance;
    st.failure = { message: err instanceof Error ? `${err.name}: ${err.message}` : String(err), input };
  }
  return st;
}

const FLOOR_JSON = JSON.stringify(Array.from({ length: 12_000 }, (_, i) => ({ name: `package-${i}`, version: '1.2.3', deps: [i, i + 1] })));

const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

/** CPU time of a fixed workload (about 1 MiB of JSON parsed), the best of three: the machine's speed right now. */
function floorMs(): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const c0 = process.cpuUsage();
    JSON.parse(FLOOR_JSON);
    best = Math.min(best, cpuMs(process.cpuUsage(c0)));
  }
  return best;
}

export function describeStats(s: Omit<FuzzStats, 'failure'> & { failure?: { message: string } }): string {
  const head = `${s.name.padEnd(17)} ${String(s.cases).padStart(7)} cases  worst ${s.worstMs.toFixed(0).padStart(5)} ms (${s.worstBytes} B input; costliest ${s.worstRatio.toFixed(0)}× the floor of ${s.floorMs.toFixed(1)} CPU ms)  peak RSS ${s.peakRssMiB.toFixed(0)} MiB  largest input ${s.maxBytes} B`;
  return s.failure ? `${head}\n  BROKEN: ${s.failure.message}` : head;
}
