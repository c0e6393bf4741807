/**
 * `npm run bench:guard [-- ROUNDS [BASELINE_BIN]]`: time added by `vigil guard` over a plain npm command, on a warm
 * ~340-package project (node_modules installed, npm cache warm, vigil store warm) against a local
 * registry on 127.0.0.1. Two commands, each run plain and through guard in alternating rounds on
 * fresh copies of the same project:
 *   - `npm install axios@1.7.9` (adds 9 packages, which guard plans and analyses — from the store);
 *   - `npm install` (nothing new: guard plans, finds nothing to analyse, runs npm).
 * Prints median wall and CPU (user + system, the process and its children) times and the overhead
 * ratios from the same run, with the load average at the start and the end: on a shared, loaded
 * machine wall time follows the load, CPU time much less. With BASELINE_BIN (another build's
 * bin/vigil.js, e.g. main's) that build runs guard too, interleaved in the same rounds: an A/B that
 * load swings affect alike. Not part of `npm test`.
 * The first run mirrors the needed packuments and tarballs into bench/.work/ (git-ignored);
 * `package-lock.after-add.json` is the fixture's lockfile after the add, used only for mirroring.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureMirror, lockEntries } from './lib/mirror.js';
import { startLocalRegistry } from './lib/server.js';
import { timed, type Measure } from './lib/timed.js';

const root = resolve(import.meta.dirname, '..');
const fixture = join(root, 'bench', 'fixtures', 'guard-app');
const work = join(root, 'bench', '.work');
const rounds = Number(process.argv[2] ?? 3);
const baselineBin = process.argv[3] ? resolve(process.argv[3]) : undefined;
const loadStart = loadavg().map((l) => l.toFixed(1));
const ADD = 'axios@1.7.9';

const entries = lockEntries(join(fixture, 'package-lock.after-add.json'));
const base = lockEntries(join(fixture, 'package-lock.json'));
process.stderr.write(`bench: ${base.length} packages in the project, ${entries.length - base.length} added by ${ADD}\n`);
await ensureMirror(entries, join(work, 'registry'));
const reg = await startLocalRegistry(join(work, 'registry'));
const tmp = mkdtempSync(join(tmpdir(), 'vigil-bench-guard-'));
try {
  const env = {
    HOME: tmp,
    CI: '1',
    npm_config_userconfig: join(tmp, 'none.npmrc'),
    npm_config_cache: join(tmp, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_progress: 'false',
  };
  const project = join(tmp, 'base');
  mkdirSync(project);
  cpSync(join(fixture, 'package.json'), join(project, 'package.json'));
  cpSync(join(fixture, 'package-lock.json'), join(project, 'package-lock.json'));
  writeFileSync(join(project, '.npmrc'), `registry=${reg.url}\n`);
  const ci = await timed('npm', ['ci', '--ignore-scripts'], project, env);
  if (ci.code !== 0) throw new Error('npm ci of the fixture failed');
  let n = 0;
  const copy = () => {
    const dir = join(tmp, `run-${n++}`);
    cpSync(project, dir, { recursive: true });
    return dir;
  };
  const store = join(tmp, 'vigil.db');
  const plain = (args: string[]) => timed('npm', args, copy(), env);
  const guardWith = (bin: string, db: string) => (args: string[]) =>
    timed(process.execPath, [bin, 'guard', '--yes', '--quiet', '--no-progress', '--store', db, '--', 'npm', ...args], copy(), env);
  const guarded = guardWith(join(root, 'bin', 'vigil.js'), store);
  // Its own store: memo formats may differ between builds.
  const baseline = baselineBin ? guardWith(baselineBin, join(tmp, 'baseline.db')) : undefined;

  // Warm-up: npm's cache gets the added tarballs, vigil's store the analysis of the added packages.
  const warm = [await plain(['install', ADD]), await guarded(['install', ADD]), ...(baseline ? [await baseline(['install', ADD])] : [])];
  if (warm.some((m) => m.code !== 0)) throw new Error(`warm-up failed: ${JSON.stringify(warm)}`);

  const cases: { label: string; args: string[]; plain: Measure[]; guard: Measure[]; baseline: Measure[] }[] = [
    { label: `npm install ${ADD}`, args: ['install', ADD], plain: [], guard: [], baseline: [] },
    { label: 'npm install (nothing new)', args: ['install'], plain: [], guard: [], baseline: [] },
  ];
  for (let r = 0; r < rounds; r++) {
    for (const c of cases) {
      c.plain.push(await plain(c.args));
      c.guard.push(await guarded(c.args));
      if (baseline) c.baseline.push(await baseline(c.args));
    }
  }
  const median = (ms: Measure[], k: 'wall' | 'cpu') => [...ms.map((m) => m[k])].sort((a, b) => a - b)[Math.floor(ms.length / 2)]!;
  const load = loadavg().map((l) => l.toFixed(1));
  console.log(
    `\nvigil guard bench — ${base.length}-package project, warm npm cache and vigil store, local registry ${reg.url}, ${rounds} rounds`,
  );
  console.log(`load average (1/5/15 min): ${loadStart.join(' ')} at the start, ${load.join(' ')} at the end\n`);
  console.log(
    `command                              time   plain npm (s)   vigil guard (s)   ratio   added    exit codes (plain/guard)${baseline ? '   baseline guard (s)   ratio' : ''}`,
  );
  const codesOf = (ms: Measure[]) => [...new Set(ms.map((m) => m.code))].join(',');
  for (const c of cases) {
    const codes = `${codesOf(c.plain)}/${codesOf(c.guard)}${baseline ? `/${codesOf(c.baseline)}` : ''}`;
    for (const k of ['wall', 'cpu'] as const) {
      const p = median(c.plain, k);
      const g = median(c.guard, k);
      const b = baseline
        ? `   ${median(c.baseline, k).toFixed(2).padStart(18)}   ${`${(median(c.baseline, k) / p).toFixed(2)}×`.padStart(5)}`
        : '';
      console.log(
        `${(k === 'wall' ? c.label : '').padEnd(36)} ${k.padEnd(4)} ${p.toFixed(2).padStart(15)}   ${g.toFixed(2).padStart(15)}   ${`${(g / p).toFixed(2)}×`.padStart(5)}   ${`${g >= p ? '+' : ''}${(((g - p) / p) * 100).toFixed(0)}%`.padStart(5)}    ${(k === 'wall' ? codes : '').padEnd(24)}${b}`,
      );
    }
  }
  console.log('\nratio = guard / plain npm, medians of the same run (cpu: user + system of the command and its children);');
  console.log('target: added time ≤ 20% (ratio ≤ 1.20×)');
} finally {
  reg.server.close();
  rmSync(tmp, { recursive: true, force: true });
}
