/**
 * One parser's fuzz process, started by scripts/fuzz.ts (one process per parser, so peak RSS is that
 * parser's): runs cases FROM … RUNS - 1 of SEED's sequence (or, with --resume, continues the
 * checkpoint of an interrupted run of the same seed and RUNS), prints a progress line to stderr every
 * --progress seconds and one JSON line to stdout at the end.
 */
import { mkdirSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  clearCheckpoint,
  FINDINGS,
  progressLine,
  readCheckpoint,
  writeCheckpoint,
  type Checkpoint,
} from '../test/helpers/fuzz/progress.js';
import type { ChildResult } from '../test/helpers/fuzz/results.js';
import { fuzzTarget, type FuzzStats } from '../test/helpers/fuzz/run.js';
import { FUZZ_TARGETS } from '../test/helpers/fuzz/targets.js';
import { FuzzWatchdog } from '../test/helpers/fuzz/watchdog.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string' },
    from: { type: 'string', default: '0' },
    resume: { type: 'boolean', default: false },
    progress: { type: 'string', default: '30' },
    'max-ratio': { type: 'string' },
    'max-ms': { type: 'string' },
    'max-rss': { type: 'string' },
    'kill-rss': { type: 'string' },
  },
});
const t = FUZZ_TARGETS.find((x) => x.name === values.only);
if (!t) throw new Error(`fuzz-child: no target ${values.only}`);
const [runs, seed, maxMs, maxRatio, maxRss, killRss] = [
  values.runs,
  values.seed,
  values['max-ms'],
  values['max-ratio'],
  values['max-rss'],
  values['kill-rss'],
].map(Number) as [number, number, number, number, number, number];

const resumed = values.resume ? readCheckpoint(FINDINGS, t.name) : undefined;
const base: Checkpoint =
  resumed && resumed.seed === seed && resumed.runs === runs
    ? resumed
    : { parser: t.name, seed, runs, from: Number(values.from), cases: 0, worstMs: 0, peakRssMiB: 0, overBound: 0, seconds: 0 };
if (base === resumed) writeSync(2, `${t.name}: resuming at case ${base.from + base.cases} (seed ${seed})\n`);

const prefix = `${t.name}-seed${seed}`;
const watchdog = new FuzzWatchdog({ dir: FINDINGS, prefix, maxMs, maxRssMiB: maxRss, killMs: 3 * maxMs, killRssMiB: killRss });
const t0 = performance.now();
let lastTick = t0;
const sofar = (st: Readonly<FuzzStats>): Checkpoint => ({
  ...base,
  cases: base.cases + st.cases,
  worstMs: Math.max(base.worstMs, st.worstMs),
  peakRssMiB: Math.max(base.peakRssMiB, st.peakRssMiB),
  overBound: base.overBound + watchdog.overBound,
  seconds: base.seconds + (performance.now() - t0) / 1000,
});
mkdirSync(FINDINGS, { recursive: true });
const s = await fuzzTarget(t, {
  runs,
  seed,
  from: base.from + base.cases,
  watchdog,
  onCase(st) {
    const now = performance.now();
    if (now - lastTick < Number(values.progress) * 1000) return;
    lastTick = now;
    const c = sofar(st);
    writeCheckpoint(FINDINGS, c);
    writeSync(2, progressLine(c, st.cases, (now - t0) / 1000) + '\n');
  },
});
await watchdog.stop();
const total = sofar(s);
clearCheckpoint(FINDINGS, t.name);

let failure: ChildResult['failure'];
if (s.failure) {
  failure = { message: s.failure.message, file: join(FINDINGS, `${prefix}-broken-case${total.from + total.cases + 1}.bin`) };
  writeFileSync(failure.file, s.failure.input);
}
const kept = [...watchdog.written];
let overBound = total.overBound;
if (s.worstInput && s.worstRatio > maxRatio) {
  overBound++;
  kept.push(join(FINDINGS, `${prefix}-costliest-${s.worstRatio.toFixed(0)}x-floor-cpu.bin`));
  writeFileSync(kept.at(-1)!, s.worstInput);
}
const out: ChildResult = {
  name: s.name,
  worstRatio: s.worstRatio,
  floorMs: s.floorMs,
  worstBytes: s.worstBytes,
  maxBytes: s.maxBytes,
  from: total.from,
  cases: total.cases,
  worstMs: total.worstMs,
  peakRssMiB: Math.max(total.peakRssMiB, process.resourceUsage().maxRSS / 1024),
  overBound,
  seconds: total.seconds,
  failure,
  kept,
};
writeSync(1, JSON.stringify(out) + '\n');
process.exit(0);
