/**
 * `npm run fuzz [-- RUNS] [--seed N] [--only a,b] [--max-ratio R] [--max-ms MS] [--max-rss MIB]`: every parser of
 * test/helpers/fuzz/targets.ts with RUNS mutated inputs each (default 100,000), each parser in its
 * own process so peak RSS is that parser's. Prints cases, the slowest case (also as a ratio to a floor:
 * 1 MiB of JSON parsed at about the same time, so a loaded machine is not read as a slow parser) and
 * peak RSS per parser;
 * exits 1 on a broken contract or an exceeded bound, writing the input that broke it to fuzz-failures/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeStats, fuzzTarget, type FuzzStats } from '../test/helpers/fuzz/run.js';
import { FUZZ_TARGETS } from '../test/helpers/fuzz/targets.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    only: { type: 'string' },
    'max-ratio': { type: 'string', default: '1000' },
    'max-ms': { type: 'string', default: '60000' },
    'max-rss': { type: 'string', default: '512' },
    child: { type: 'boolean', default: false },
  },
});
const runs = Number(positionals[0] ?? 100_000);
const seed = Number(values.seed);

if (values.child) {
  const t = FUZZ_TARGETS.find((x) => x.name === values.only)!;
  const s = await fuzzTarget(t, { runs, seed });
  let failure: { message: string; file: string } | undefined;
  if (s.failure) {
    mkdirSync('fuzz-failures', { recursive: true });
    failure = { message: s.failure.message, file: `fuzz-failures/${t.name}-${seed}.bin` };
    writeFileSync(failure.file, s.failure.input);
  }
  if (s.worstInput && (s.worstMs > Number(values['max-ms']) || s.worstRatio > Number(values['max-ratio']))) {
    mkdirSync('fuzz-failures', { recursive: true });
    writeFileSync(`fuzz-failures/${t.name}-${seed}-slowest.bin`, s.worstInput);
  }
  writeSync(1, JSON.stringify({ ...s, worstInput: undefined, failure }) + '\n');
  process.exit(0);
}

const only = values.only?.split(',');
const maxMs = Number(values['max-ms']);
const maxRatio = Number(values['max-ratio']);
const maxRss = Number(values['max-rss']);
const targets = FUZZ_TARGETS.filter((t) => !only || only.includes(t.name));
if (targets.length === 0) {
  console.error(`no target named ${values.only}; targets: ${FUZZ_TARGETS.map((t) => t.name).join(', ')}`);
  process.exit(2);
}

console.log(
  `fuzz: ${targets.length} parsers × ${runs} cases, seed ${seed}, bounds per case ${maxRatio}× the floor and ${maxMs} ms, ${maxRss} MiB RSS`,
);
let bad = 0;
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
      '--only',
      t.name,
      '--child',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 },
  );
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    console.log(`${t.name}: the fuzz process died (exit ${child.status}, signal ${child.signal}): a crash outside the contract`);
    bad++;
    continue;
  }
  const s = JSON.parse(line) as Omit<FuzzStats, 'failure'> & { failure?: { message: string; file: string } };
  console.log(`${describeStats(s)}  (${((Date.now() - t1) / 1000).toFixed(0)} s)`);
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
console.log(
  `fuzz: ${bad === 0 ? 'no broken contract' : `${bad} parser(s) broke a contract or a bound`} (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
);
process.exit(bad === 0 ? 0 : 1);
