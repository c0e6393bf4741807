/**
 * `npm run fuzz [-- RUNS] [--from N] [--resume] [--jobs J] [--seed N] [--only a,b] [--results FILE]
 *   [--progress S] [--max-ratio R] [--max-ms MS] [--max-rss MIB] [--kill-rss MIB]`: every parser of
 * test/helpers/fuzz/targets.ts over cases FROM … RUNS - 1 (default 0 … 99,999) of SEED's sequence of
 * mutated inputs, each parser in its own process (scripts/fuzz-child.ts) so peak RSS is that parser's,
 * J processes at a time (default 1). Each process prints a progress line (cases, rate, ETA) every S
 * seconds and keeps a checkpoint: `--resume` continues interrupted runs of the same RUNS (and seed).
 * One seed's sequence can be split across processes or machines: `fuzz -- 50000 --seed 7` and
 * `fuzz -- 100000 --from 50000 --seed 7` together cover cases 0 … 99,999 once.
 *
 * At the end: a table per parser (cases, crashes, over-bound cases, seconds, peak RSS); each
 * process's record is appended to FILE (default fuzz-results.jsonl, git-ignored), and
 * `npm run fuzz -- --report` prints the table of all records there, adding up split runs.
 * Exits 1 on a broken contract or an exceeded bound. Every input that broke the contract or a bound
 * (slower than --max-ms, costlier than --max-ratio × the floor in CPU time, peak RSS past --max-rss) is written to
 * fuzz-findings/ for replay (scripts/fuzz-replay.ts); a case still running after 3 × --max-ms or past
 * --kill-rss MiB is written there by a watchdog thread, which then ends that parser's process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FINDINGS, readCheckpoint } from '../test/helpers/fuzz/progress.js';
import { appendResult, readResults, renderTable, summarize, type ChildResult, type FuzzRecord } from '../test/helpers/fuzz/results.js';
import { describeStats } from '../test/helpers/fuzz/run.js';
import { FUZZ_TARGETS } from '../test/helpers/fuzz/targets.js';
import type { FuzzTarget } from '../test/helpers/fuzz/types.js';
import { WATCHDOG_SIGNAL } from '../test/helpers/fuzz/watchdog.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: 'string' },
    only: { type: 'string' },
    from: { type: 'string', default: '0' },
    resume: { type: 'boolean', default: false },
    jobs: { type: 'string', default: '1' },
    results: { type: 'string', default: 'fuzz-results.jsonl' },
    report: { type: 'boolean', default: false },
    progress: { type: 'string', default: '30' },
    'max-ratio': { type: 'string', default: '1000' },
    'max-ms': { type: 'string', default: '60000' },
    'max-rss': { type: 'string', default: '512' },
    'kill-rss': { type: 'string', default: '1536' },
  },
});
const ORDER = FUZZ_TARGETS.map((t) => t.name);

if (values.report) {
  console.log(renderTable(summarize(readResults(values.results), ORDER)));
  process.exit(0);
}

const runs = Number(positionals[0] ?? 100_000);
const from = Number(values.from);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const jobs = Math.max(1, Number(values.jobs));
const [maxMs, maxRatio, maxRss, killRss] = [values['max-ms'], values['max-ratio'], values['max-rss'], values['kill-rss']].map(Number) as [
  number,
  number,
  number,
  number,
];
if (![runs, from, seed].every(Number.isInteger) || from >= runs) {
  console.error(`RUNS (${positionals[0]}), --from (${values.from}) and --seed must be integers, with --from below RUNS`);
  process.exit(2);
}
const only = values.only?.split(',');
const targets = FUZZ_TARGETS.filter((t) => !only || only.includes(t.name));
if (targets.length === 0) {
  console.error(`no target named ${values.only}; targets: ${ORDER.join(', ')}`);
  process.exit(2);
}

/** With --resume and no --seed, each parser continues its own checkpoint's seed. */
function seedFor(t: FuzzTarget): number {
  const c = values.resume ? readCheckpoint(FINDINGS, t.name) : undefined;
  return c && c.runs === runs && values.seed === undefined ? c.seed : seed;
}

interface Outcome {
  record: FuzzRecord;
  /** What to print under the parser's line. */
  lines: string[];
}

const queue = [...targets];

/** Running parser processes: a SIGINT or SIGTERM to this process is passed on, so each records how far it got. */
const running = new Set<ChildProcess>();
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    queue.length = 0;
    for (const c of running) c.kill(sig);
  });

function runChild(t: FuzzTarget): Promise<Outcome> {
  const s = seedFor(t);
  const args = [
    '--import',
    'tsx',
    join(import.meta.dirname, 'fuzz-child.ts'),
    '--only',
    t.name,
    '--runs',
    String(runs),
    '--seed',
    String(s),
  ];
  args.push('--from', String(from), '--progress', values.progress, '--max-ms', String(maxMs), '--max-ratio', String(maxRatio));
  args.push('--max-rss', String(maxRss), '--kill-rss', String(killRss), ...(values.resume ? ['--resume'] : []));
  const t0 = Date.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  running.add(child);
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  return new Promise((resolve) => {
    child.on('close', (status, signal) => {
      running.delete(child);
      const line = stdout.trim().split('\n').at(-1) ?? '';
      const record: FuzzRecord = {
        parser: t.name,
        seed: s,
        from,
        cases: 0,
        crashes: 0,
        overBound: 0,
        seconds: (Date.now() - t0) / 1000,
        peakRssMiB: 0,
        worstMs: 0,
        at: new Date().toISOString(),
      };
      const died = (why: string, crashes = 1): void => {
        // The checkpoint (if any) says how far it got; --resume continues from there.
        const c = readCheckpoint(FINDINGS, t.name);
        if (c && c.seed === s) Object.assign(record, { from: c.from, cases: c.cases, peakRssMiB: c.peakRssMiB, worstMs: c.worstMs });
        const interrupted = crashes === 0 ? { interrupted: true } : {};
        resolve({ record: { ...record, crashes, ...interrupted, notes: [why] }, lines: [`${t.name}: ${why}`] });
      };
      if (signal === 'SIGINT' || signal === 'SIGTERM' || signal === 'SIGHUP')
        return died(`interrupted (${signal}): --resume continues it from its checkpoint`, 0);
      if (signal === WATCHDOG_SIGNAL)
        return died(
          `killed: a case broke a hard bound (over ${3 * maxMs} ms or ${killRss} MiB RSS); the watchdog kept its input in ${FINDINGS}/ (or the kernel ran out of memory)`,
        );
      if (status !== 0 || !line.startsWith('{'))
        return died(`the fuzz process died (exit ${status}, signal ${signal}): a crash outside the contract`);
      const r = JSON.parse(line) as ChildResult;
      const lines = [`${describeStats(r)}  (${r.seconds.toFixed(0)} s)`];
      for (const f of r.kept) lines.push(`  input over a bound kept: ${f}`);
      const over = [
        r.worstMs > maxMs ? `a case took ${r.worstMs.toFixed(0)} ms` : '',
        r.worstRatio > maxRatio ? `a case took ${r.worstRatio.toFixed(0)}× the floor in CPU time` : '',
        r.peakRssMiB > maxRss ? `RSS reached ${r.peakRssMiB.toFixed(0)} MiB` : '',
      ].filter(Boolean);
      if (over.length) lines.push(`  OVER BOUND: ${over.join(', ')}`);
      if (r.failure)
        lines.push(`  input written to ${r.failure.file} (replay: node --import tsx scripts/fuzz-replay.ts ${t.name} ${r.failure.file})`);
      const notes = [...(r.failure ? [r.failure.message] : []), ...over, ...r.kept];
      resolve({
        record: {
          ...record,
          from: r.from,
          cases: r.cases,
          crashes: r.failure ? 1 : 0,
          // A peak RSS past the bound with no single case to blame still counts once.
          overBound: Math.max(r.overBound, r.peakRssMiB > maxRss ? 1 : 0),
          seconds: r.seconds,
          peakRssMiB: r.peakRssMiB,
          worstMs: r.worstMs,
          ...(notes.length ? { notes } : {}),
        },
        lines,
      });
    });
  });
}

console.log(
  `fuzz: ${targets.length} parsers × cases ${from}…${runs - 1}, seed ${seed}${values.resume ? ' (or the checkpoint’s, with --resume)' : ''}, ${jobs} at a time; bounds per case ${maxRatio}× the floor in CPU time and ${maxMs} ms, ${maxRss} MiB RSS`,
);
const t0 = Date.now();
const done: FuzzRecord[] = [];
async function worker(): Promise<void> {
  for (let t = queue.shift(); t; t = queue.shift()) {
    const o = await runChild(t);
    for (const l of o.lines) console.log(l);
    appendResult(values.results, o.record);
    done.push(o.record);
  }
}
await Promise.all(Array.from({ length: Math.min(jobs, targets.length) }, worker));

const bad = done.filter((r) => r.crashes > 0 || r.overBound > 0).length;
const cut = done.filter((r) => r.interrupted).length;
console.log(`\n${renderTable(summarize(done, ORDER))}\n`);
console.log(`records appended to ${values.results}; all runs recorded there: npm run fuzz -- --report`);
console.log(
  `fuzz: ${bad === 0 ? 'no broken contract, no bound exceeded' : `${bad} parser(s) broke a contract or a bound`}${cut ? `; ${cut} interrupted (npm run fuzz -- --resume continues them)` : ''} (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
);
process.exit(bad === 0 && cut === 0 ? 0 : 1);
