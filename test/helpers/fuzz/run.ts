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
  /** The slowest case against the floor (1 MiB of JSON parsed) timed near it: load-independent. */
  worstRatio: number;
  floorMs: number;
  worstBytes: number;
  /** The slowest input itself (not serialized). */
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
      try {
        await t.run(input);
      } finally {
        opts.watchdog?.disarm(input, caseNo, performance.now() - t0);
      }
      const ms = performance.now() - t0;
      st.cases++;
      if (st.cases % 500 === 0) floor = floorMs();
      if (ms / floor > st.worstRatio) {
        st.worstRatio = ms / floor;
        st.floorMs = floor;
      }
      if (ms > st.worstMs) {
        st.worstMs = ms;
        st.worstBytes = input.length;
        st.worstInput = input;
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

/** Time of a fixed workload (about 1 MiB of JSON parsed), the best of three: the machine's speed right now. */
function floorMs(): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    JSON.parse(FLOOR_JSON);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

export function describeStats(s: Omit<FuzzStats, 'failure'> & { failure?: { message: string } }): string {
  const head = `${s.name.padEnd(17)} ${String(s.cases).padStart(7)} cases  worst ${s.worstMs.toFixed(0).padStart(5)} ms (${s.worstBytes} B input; ${s.worstRatio.toFixed(0)}× floor of ${s.floorMs.toFixed(1)} ms)  peak RSS ${s.peakRssMiB.toFixed(0)} MiB  largest input ${s.maxBytes} B`;
  return s.failure ? `${head}\n  BROKEN: ${s.failure.message}` : head;
}
