/**
 * `npm run fuzz [-- RUNS] [--seed N] [--only a,b] [--max-ratio R] [--max-ms MS] [--max-rss MIB] [--kill-rss MIB]`: every parser of
 * test/helpers/fuzz/targets.ts with RUNS mutated inputs each (default 100,000), each parser in its
 * own process so peak RSS is that parser's. Prints cases, the slowest case (also as a ratio to a floor:
 * 1 MiB of JSON parsed at about the same time, so a loaded machine is not read as a slow parser) and
 * peak RSS per parser;
 * exits 1 on a broken contract or an exceeded bound. Every input that broke the contract or a bound
 * (slower than --max-ms, peak RSS past --max-rss) is written to fuzz-findings/ for replay; a case
 * still running after 3 × --max-ms or past --kill-rss MiB is written there by a watchdog thread,
 * which then ends that parser's process (test/helpers/fuzz/watchdog.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeStats, fuzzTarget, type FuzzStats } from '../test/helpers/fuzz/run.js';
import { FUZZ_TARGETS } from '../test/helpers/fuzz/targets.js';
import { FuzzWatchdog, WATCHDOG_SIGNAL } from '../test/helpers/fuzz/watchdog.js';

const FINDINGS = 'fuzz-findings';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    only: { type: 'string' },
    'max-ratio': { type: 'string', default: '1000' },
    'max-ms': { type: 'string', default: '60000' },
    'max-rss': { type: 'string', default: '512' },
    'kill-rss': { type: 'string', default: '1536' },
    child: { type: 'boolean', default: false },
  },
});
const runs = Number(positionals[0] ?? 100_000);
const seed = Number(values.seed);

const maxMs = Number(values['max-ms']);
const maxRatio = Number(values['max-ratio']);
const maxRss = Number(values['max-rss']);
const killRss = Number(values['kill-rss']);

if (values.child) {
  const t = FUZZ_TARGETS.find((x) => x.name === values.only)!;
  const prefix = `${t.name}-seed${seed}`;
  const watchdog = new FuzzWatchdog({ dir: FINDINGS, prefix, maxMs, maxRssMiB: maxRss, killMs: 3 * maxMs, killRssMiB: killRss });
  const s = await fuzzTarget(t, { runs, seed, watchdog });
  await watchdog.stop();
  let failure: { message: string; file: string } | undefined;
  if (s.failure) {
    mkdirSync(FINDINGS, { recursive: true });
    failure = { message: s.failure.message, file: join(FINDINGS, `${prefix}-broken.bin`) };
    writeFileSync(failure.file, s.failure.input);
  }
  const kept = [...watchdog.written];
  if (s.worstInput && s.worstRatio > maxRatio) {
    mkdirSync(FINDINGS, { recursive: true });
    kept.push(join(FINDINGS, `${prefix}-slowest-${s.worstRatio.toFixed(0)}x-floor.bin`));
    writeFileSync(kept.at(-1)!, s.worstInput);
  }
  writeSync(1, JSON.stringify({ ...s, worstInput: undefined, failure, kept }) + '\n');
  process.exit(0);
}

const only = values.only?.split(',');
const targets = FUZZ_TARGETS.filter((t) => !only || only.includes(t.name));
if (targets.length === 0) {
  console.error(`no target named ${values.only}; targets: ${FUZZ_TARGETS.map((t) => t.name).join(', ')}`);
  process.exit(2);
}

console.log(
  `fuzz: ${targets.length} parsers × ${runs} cases, seed ${seed}, bounds per case ${maxRatio}× the floor and ${maxMs} ms, ${maxRss} MiB RSS`,
);
let bad = 0;
const summary: string[] = [];
const t0 = Date.now();
for (const t of targets) {
  const t1 = Date.now();
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      import.meta.filename,
      String(runs),
      '--seed',
      String(seed),
      '--max-ms',
      String(maxMs),
      '--max-ratio',
      String(maxRatio),
      '--max-rss',
      String(maxRss),
      '--kill-rss',
      String(killRss),
      '--only',
      t.name,
      '--child',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 },
  );
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.signal === WATCHDOG_SIGNAL) {
    console.log(
      `${t.name}: killed: a case broke a hard bound (over ${3 * maxMs} ms or ${killRss} MiB RSS); the watchdog kept its input in ${FINDINGS}/ (or the kernel ran out of memory)`,
    );
    summary.push(`${t.name}: stopped by the watchdog`);
    bad++;
    continue;
  }
  if (child.status !== 0 || !line.startsWith('{')) {
    console.log(`${t.name}: the fuzz process died (exit ${child.status}, signal ${child.signal}): a crash outside the contract`);
    summary.push(`${t.name}: died`);
    bad++;
    continue;
  }
  const s = JSON.parse(line) as Omit<FuzzStats, 'failure'> & { failure?: { message: string; file: string }; kept: string[] };
  console.log(`${describeStats(s)}  (${((Date.now() - t1) / 1000).toFixed(0)} s)`);
  summary.push(`${t.name}: ${s.cases} cases${s.failure ? ', contract broken' : ''}`);
  for (const f of s.kept) console.log(`  input over a bound kept: ${f}`);
  const over = [
    s.worstMs > maxMs ? `a case took ${s.worstMs.toFixed(0)} ms` : '',
    s.worstRatio > maxRatio ? `a case took ${s.worstRatio.toFixed(0)}× the floor` : '',
    s.peakRssMiB > maxRss ? `RSS reached ${s.peakRssMiB.toFixed(0)} MiB` : '',
  ]
    .filter(Boolean)
    .join(', ');
  if (over) console.log(`  OVER BOUND: ${over}`);
  if (s.failure)
    console.log(`  input written to ${s.failure.file} (replay: node --import tsx scripts/fuzz-replay.ts ${t.name} ${s.failure.file})`);
  if (s.failure || over) bad++;
}
console.log(`cases per parser (seed ${seed}): ${summary.join('; ')}`);
console.log(
  `fuzz: ${bad === 0 ? 'no broken contract' : `${bad} parser(s) broke a contract or a bound`} (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
);
process.exit(bad === 0 ? 0 : 1);
