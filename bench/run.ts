/**
 * `npm run bench`: every speed and size target of vigil, each against a floor measured in the same run.
 *  - cold and warm scans of real lockfiles (bench/fixtures/large-app: 1,800 packages; platform-app:
 *    1,000 packages with many platform binaries) vs `npm ci --ignore-scripts` (empty cache) against the
 *    same local registry on 127.0.0.1; store size vs the node_modules `npm ci` creates; peak RSS;
 *  - start-up: `vigil --version` and `vigil rules` vs bare `node -e 0`;
 *  - scale: offline scans of synthetic 20k/100k/200k-entry lockfiles (time per entry, peak RSS);
 *  - history: `vigil history` vs `git log --numstat` of REPO (with `--history REPO`).
 * Not part of `npm test`. Usage: npm run bench [-- --only scan,startup,scale,history] [--fixtures a,b]
 * [--rounds N] [--scale 20000,100000,200000] [--history REPO] [--keep-caches]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureMirror, lockEntries } from './lib/mirror.js';
import { startLocalRegistry } from './lib/server.js';
import { writeSyntheticLock } from './lib/synthetic-lock.js';
import { timed, type Measure } from './lib/timed.js';
import { freshPageMicros } from './lib/fresh-memory.js';
import { canDropCaches, settleKernel } from './lib/kernel-caches.js';

const root = resolve(import.meta.dirname, '..');
const work = join(root, 'bench', '.work');
const bin = join(root, 'bin', 'vigil.js');
const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const only = new Set((arg('--only') ?? 'scan,startup,scale,history').split(','));
const fixtures = (arg('--fixtures') ?? 'large-app,platform-app').split(',');
const scales = (arg('--scale') ?? '20000,100000,200000').split(',').map(Number);
const historyRepo = arg('--history');
const rounds = Math.max(1, Number(arg('--rounds') ?? 1) || 1);

const duBytes = (p: string) => Number(spawnSync('du', ['-sb', p], { encoding: 'utf8' }).stdout.split('\t')[0]);
const fileBytes = (p: string) => [p, `${p}-wal`].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0);
const mb = (b: number) => (b / 1048576).toFixed(1);
const lines: string[] = [];
const say = (s: string) => {
  lines.push(s);
  console.log(s);
};

interface ScanRound {
  npmCi: Measure;
  cold: Measure;
  warm: Measure;
  storeBytes: number;
  nodeModules: number;
  requests: number;
  report: {
    summary: { components: number; findings: Record<string, number> };
    problems: { code: string }[];
    platform?: { targets: unknown; skipped: unknown[] };
    skipped: { analyzer: string; reason: string }[];
  };
}

/**
 * Before each timed run: written data flushed (outside its time; `npm ci` leaves ~1.3 GB dirty, and
 * the kernel wrote it back during the cold scan that followed, on the same two cores), and, where
 * this process may (root on Linux; `--keep-caches` not given), the kernel's caches dropped, so that
 * no run is slowed by what the runs before it left (bench/lib/kernel-caches.ts).
 */
const dropCaches = !args.includes('--keep-caches') && canDropCaches();
const flushWrites = () => settleKernel(dropCaches);

/** One round in a fresh directory: `npm ci` (empty cache), then vigil cold (empty store) and warm. */
async function scanRound(dir: string, reg: { url: string; requests(): number }): Promise<ScanRound> {
  const tmp = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  try {
    const before = reg.requests();
    const npmDir = join(tmp, 'npm-ci');
    mkdirSync(npmDir);
    cpSync(join(dir, 'package.json'), join(npmDir, 'package.json'));
    cpSync(join(dir, 'package-lock.json'), join(npmDir, 'package-lock.json'));
    flushWrites();
    const npmCi = await timed(
      'npm',
      [
        'ci',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        `--registry=${reg.url}`,
        `--cache=${join(tmp, 'npm-cache')}`,
        '--prefer-online',
      ],
      npmDir,
    );
    const nodeModules = duBytes(join(npmDir, 'node_modules'));
    const store = join(tmp, 'vigil.db');
    const vigil = (label: string) => {
      flushWrites();
      return timed(
        process.execPath,
        [
          bin,
          'scan',
          dir,
          '--registry',
          reg.url,
          '--store',
          store,
          '--format',
          'json',
          '--output',
          join(tmp, `${label}.json`),
          '--no-progress',
          '--quiet',
        ],
        root,
        { CI: '1' },
      );
    };
    const cold = await vigil('cold');
    const storeBytes = fileBytes(store);
    const warm = await vigil('warm');
    const report = JSON.parse(readFileSync(join(tmp, 'cold.json'), 'utf8')) as ScanRound['report'];
    return { npmCi, cold, warm, storeBytes, nodeModules, requests: reg.requests() - before, report };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * `--rounds N` repeats whole rounds (floor, cold, warm), so the floor and vigil share each round's
 * machine state; on a VM whose `npm ci` swings ±45% run to run, the median of the per-round ratios
 * says more than any one round.
 */
async function scanBench(fixture: string) {
  const dir = join(root, 'bench', 'fixtures', fixture);
  const entries = lockEntries(join(dir, 'package-lock.json'));
  process.stderr.write(`bench: ${fixture}: ${entries.length} packages install on this machine\n`);
  await ensureMirror(entries, join(work, 'registry'));
  const reg = await startLocalRegistry(join(work, 'registry'), { prepare: entries.map((e) => e.name) });
  say(
    dropCaches
      ? `\n${fixture}: the kernel's page cache, dentries and inodes are dropped before each timed run (--keep-caches keeps them)`
      : `\n${fixture}: the kernel's caches are kept between runs (${args.includes('--keep-caches') ? '--keep-caches' : 'not root'}): later rounds' npm ci tends to run slower (bench/lib/kernel-caches.ts)`,
  );
  const results: ScanRound[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const pageMicros = freshPageMicros();
      const x = await scanRound(dir, reg);
      results.push(x);
      say(
        `\n${fixture} — ${entries.length} packages, local registry, ${x.requests} requests served${rounds > 1 ? ` (round ${i + 1} of ${rounds})` : ''}`,
      );
      say('run                                  wall (s)   CPU (s)   of it system   peak RSS (MiB)   page faults   exit');
      for (const [name, m] of [
        ['npm ci --ignore-scripts (floor)', x.npmCi],
        ['vigil scan, cold store', x.cold],
        ['vigil scan, warm store', x.warm],
      ] as const) {
        say(
          `${name.padEnd(36)} ${m.wall.toFixed(2).padStart(8)}   ${m.cpu.toFixed(2).padStart(7)}   ${m.sys.toFixed(2).padStart(12)}   ${m.rssMb.toFixed(0).padStart(14)}   ${m.minorFaults.toFixed(0).padStart(11)}   ${m.code}`,
        );
      }
      // What first touches of memory cost here and now (bench/lib/fresh-memory.ts), as CPU seconds of each run.
      const faultSeconds = (m: Measure) => ((m.minorFaults * pageMicros) / 1e6).toFixed(1);
      say(
        `fresh memory: ${pageMicros.toFixed(1)} µs per 4 KiB page before this round; page faults ≈ ${faultSeconds(x.npmCi)} s of npm ci's CPU, ${faultSeconds(x.cold)} s of the cold scan's`,
      );
      const r = x.report;
      const codes: Record<string, number> = {};
      for (const p of r.problems) codes[p.code] = (codes[p.code] ?? 0) + 1;
      say(`cold: ${r.summary.components} components, findings ${JSON.stringify(r.summary.findings)}, problems ${JSON.stringify(codes)}`);
      say(
        `platform: ${JSON.stringify(r.platform?.targets)}, ${r.platform?.skipped.length ?? 0} optional packages for other platforms skipped`,
      );
      for (const s of r.skipped) say(`skipped ${s.analyzer}: ${s.reason}`);
    }
  } finally {
    reg.server.close();
  }
  const n = results.length;
  const pick = (f: (x: ScanRound) => number) => median(results.map(f));
  const of = n > 1 ? ` (median of ${n} rounds: ${results.map((x) => (x.cold.wall / x.npmCi.wall).toFixed(2)).join(', ')})` : '';
  const ofCpu = n > 1 ? ` (median of ${n} rounds: ${results.map((x) => (x.cold.cpu / x.npmCi.cpu).toFixed(2)).join(', ')})` : '';
  say(`\n${fixture}:`);
  say(`ratio cold scan / npm ci: ${pick((x) => x.cold.wall / x.npmCi.wall).toFixed(2)}${of}   (target ≤ 1.00)`);
  if (n > 1) {
    // npm ci's system time (its file writes) grows with the machine's recent load far more than a
    // scan's does, so later rounds' floors run slower: the round with the quietest floor is shown too.
    const quiet = results.reduce((a, b) => (b.npmCi.sys < a.npmCi.sys ? b : a));
    say(
      `  npm ci system time by round: ${results.map((x) => x.npmCi.sys.toFixed(1)).join(', ')} s; ratio in the round with the quietest floor: ${(quiet.cold.wall / quiet.npmCi.wall).toFixed(2)}`,
    );
  }
  // CPU seconds say more than wall time on a shared, loaded machine.
  say(`ratio cold scan / npm ci, CPU: ${pick((x) => x.cold.cpu / x.npmCi.cpu).toFixed(2)}${ofCpu}   (target ≤ 1.00)`);
  say(
    `warm scan: ${pick((x) => x.warm.wall).toFixed(2)} s wall, ${pick((x) => x.warm.cpu).toFixed(2)} s CPU${n > 1 ? ' (medians)' : ''}   (target ≤ 5 s)`,
  );
  const last = results[n - 1]!;
  say(
    `store after cold scan ${mb(last.storeBytes)} MiB / node_modules ${mb(last.nodeModules)} MiB = ${(last.storeBytes / last.nodeModules).toFixed(3)}   (target ≤ 0.10)`,
  );
  const rss = results.map((x) => x.cold.rssMb);
  // The issue's target is 600 MB (decimal): 572 MiB. Both units are printed, and the verdict uses MB.
  const peak = Math.max(...rss);
  const peakMB = (peak * 1024 * 1024) / 1e6;
  say(
    `peak RSS cold scan: ${peak.toFixed(0)} MiB = ${peakMB.toFixed(0)} MB${n > 1 ? ` (highest of ${n} rounds, MiB: ${rss.map((v) => v.toFixed(0)).join(', ')})` : ''} for ${last.report.summary.components} components   (target ≤ 600 MB = ${RSS_TARGET_MIB.toFixed(0)} MiB for 1,100: ${peakMB <= 600 ? 'met' : 'over'})`,
  );
}

/** The peak-RSS target, 600 MB, in MiB. */
const RSS_TARGET_MIB = 600e6 / (1024 * 1024);

/** Best of N runs, in seconds: wall time, and CPU time (user + system, what a loaded, shared machine does not inflate). */
function bestOf(n: number, cmd: string, argv: string[]): { wall: number; cpu: number } {
  let wall = Infinity;
  let cpu = Infinity;
  for (let i = 0; i < n; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', cmd, ...argv], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    const [w, u, s] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
    wall = Math.min(wall, w ?? NaN);
    cpu = Math.min(cpu, (u ?? NaN) + (s ?? NaN));
  }
  return { wall, cpu };
}

function startupBench() {
  const floor = bestOf(7, process.execPath, ['-e', '0']);
  const version = bestOf(7, process.execPath, [bin, '--version']);
  const rules = bestOf(7, process.execPath, [bin, 'rules']);
  const show = (m: { wall: number; cpu: number }) =>
    `wall ${m.wall.toFixed(2)} s (+${(m.wall - floor.wall).toFixed(2)}), CPU ${m.cpu.toFixed(2)} s (+${(m.cpu - floor.cpu).toFixed(2)})`;
  say('\nstart-up (best of 7; /usr/bin/time has 10 ms resolution)');
  say(`node -e 0 (floor): wall ${floor.wall.toFixed(2)} s, CPU ${floor.cpu.toFixed(2)} s`);
  say(`vigil --version: ${show(version)}   (target ≤ 0.300 s)`);
  say(`vigil rules: ${show(rules)}   (target ≤ 0.300 s)`);
}

async function scaleBench() {
  say('\nscale: offline scan of synthetic lockfiles (empty store)');
  say('entries      wall (s)   µs/entry   CPU (s)   CPU µs/entry   peak RSS (MiB)   exit');
  let first: { n: number; wall: number; cpu: number } | undefined;
  for (const n of scales) {
    const tmp = mkdtempSync(join(tmpdir(), 'vigil-scale-'));
    try {
      writeSyntheticLock(join(tmp, 'package-lock.json'), n);
      const m = await timed(
        process.execPath,
        [
          bin,
          'scan',
          tmp,
          '--offline',
          '--store',
          join(tmp, 'v.db'),
          '--format',
          'json',
          '--output',
          join(tmp, 'out.json'),
          '--quiet',
          '--no-progress',
          '--no-history',
        ],
        root,
      );
      first ??= { n, wall: m.wall, cpu: m.cpu };
      // On a shared machine CPU time says more than wall time; both are printed.
      const growth = m.wall / first.wall / (n / first.n);
      const cpuGrowth = m.cpu / first.cpu / (n / first.n);
      say(
        `${String(n).padEnd(10)} ${m.wall.toFixed(2).padStart(10)} ${((m.wall * 1e6) / n).toFixed(0).padStart(10)} ${m.cpu.toFixed(1).padStart(9)} ${((m.cpu * 1e6) / n).toFixed(0).padStart(14)} ${m.rssMb.toFixed(0).padStart(16)}   ${m.code}   per entry vs ${first.n}: wall ×${growth.toFixed(2)}, CPU ×${cpuGrowth.toFixed(2)}   (targets: ≤ 1536 MiB at 200k; ×≈1 = linear)`,
      );
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
}

function historyBench(repo: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'history.ts'), repo], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  say(`\n${r.stdout.trim()}`);
  if (r.status !== 0) say(`history bench failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`);
}

if (only.has('startup')) startupBench();
if (only.has('scan')) for (const f of fixtures) await scanBench(f);
if (only.has('scale')) await scaleBench();
if (only.has('history') && historyRepo) historyBench(historyRepo);
else if (only.has('history'))
  say('\nhistory: pass --history REPO (e.g. a clone of a ~40,000-commit repository) to compare with git log --numstat');
console.log(`\nsummary (${new Date().toISOString()}):\n${lines.filter((l) => /ratio|target/.test(l)).join('\n')}`);
