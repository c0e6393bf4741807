/**
 * History speed: `vigil history` analysis of a repository vs `git log --numstat` of the same
 * repository (the floor: the data the analysis must read anyway). Prints wall and CPU time, peak
 * RSS and the ratio (target ≤ 1.3× on ≥ 20,000 commits). Runs alternately `--repeat` times and keeps
 * the best of each, since the machine may be shared.
 * Usage: node --import tsx bench/history.ts REPO [--repeat N]
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { analyzeHistory } from '../src/analyzers/history/analyze.js';

interface Measure {
  wall: number;
  cpu: number;
  rssMb: number;
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  const t = performance.now();
  const a = await analyzeHistory(args[1]!);
  const sev: Record<string, number> = {};
  for (const f of a.findings) sev[f.severity] = (sev[f.severity] ?? 0) + 1;
  process.stdout.write(
    JSON.stringify({ ms: Math.round(performance.now() - t), commits: a.facts.commits, findings: sev, problems: a.problems.length }) + '\n',
  );
  process.exit(0);
}
const repo = args.find((a) => !a.startsWith('--'));
if (!repo) {
  console.error('usage: bench/history.ts REPO [--repeat N]');
  process.exit(2);
}
const repeat = Number(args[args.indexOf('--repeat') + 1]) || 1;

function timed(cmd: string, argv: string[]): Measure & { stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const [wall, user, sys, kb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  if (r.status !== 0) process.stderr.write(r.stderr.slice(-2000));
  return { wall: wall ?? NaN, cpu: (user ?? NaN) + (sys ?? NaN), rssMb: (kb ?? NaN) / 1024, stdout: r.stdout };
}
const best = (ms: Measure[]): Measure => ms.reduce((a, b) => (b.wall < a.wall ? b : a));

const floor: Measure[] = [];
const ours: Measure[] = [];
let summary = '';
for (let i = 0; i < repeat; i++) {
  floor.push(timed('sh', ['-c', `git -C '${resolve(repo)}' log --numstat --no-renames --format=%H HEAD > /dev/null`]));
  const m = timed(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', resolve(repo)]);
  summary = m.stdout.trim();
  ours.push(m);
}
const f = best(floor);
const o = best(ours);
console.log(`history bench — ${repo}: ${summary}`);
console.log('run                          wall (s)   cpu (s)   peak RSS (MiB)');
console.log(
  `git log --numstat (floor) ${f.wall.toFixed(2).padStart(10)} ${f.cpu.toFixed(2).padStart(9)} ${f.rssMb.toFixed(0).padStart(16)}`,
);
console.log(
  `vigil history analysis    ${o.wall.toFixed(2).padStart(10)} ${o.cpu.toFixed(2).padStart(9)} ${o.rssMb.toFixed(0).padStart(16)}`,
);
console.log(`ratio wall ${(o.wall / f.wall).toFixed(2)}×, cpu ${(o.cpu / f.cpu).toFixed(2)}×   (target ≤ 1.30×)`);
