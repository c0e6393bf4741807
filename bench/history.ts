/**
 * History speed: `vigil history REPO --format json` (the built CLI, as a user runs it) vs
 * `git log --numstat` of the same repository (the floor: one git pass that reads every change).
 * Prints wall and CPU time (vigil's includes its git processes), peak RSS and the ratios (target
 * ≤ 1.3× on a repository of ~40,000 commits). Runs alternately `--repeat` times (default 2) and
 * keeps the best of each, since the machine may be shared. Works on bare repositories and clones.
 * Needs `npm run build` first (bin/vigil.js runs dist/).
 * Usage: node --import tsx bench/history.ts REPO [--repeat N]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { timed, type Measure } from './lib/timed.js';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const repo = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--repeat');
if (!repo) {
  console.error('usage: bench/history.ts REPO [--repeat N]');
  process.exit(2);
}
if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  console.error('bench/history.ts: dist/ is missing: run `npm run build` first');
  process.exit(2);
}
const repeat = Number(args[args.indexOf('--repeat') + 1]) || 2;
const abs = resolve(repo);
const tmp = mkdtempSync(join(tmpdir(), 'vigil-history-bench-'));
const out = join(tmp, 'history.json');

const floor: Measure[] = [];
const ours: Measure[] = [];
try {
  for (let i = 0; i < repeat; i++) {
    floor.push(await timed('git', ['-C', abs, 'log', '--numstat', '--no-renames', '--format=%H', 'HEAD'], root));
    const m = await timed(process.execPath, [join(root, 'bin', 'vigil.js'), 'history', abs, '--format', 'json', '--output', out], root);
    if (m.code !== 0 && m.code !== 1) throw new Error(`vigil history exited with ${m.code}`);
    ours.push(m);
  }
  const best = (ms: Measure[]): Measure => ms.reduce((a, b) => (b.wall < a.wall ? b : a));
  const f = best(floor);
  const o = best(ours);
  console.log(`history bench — ${repo}: ${summary(out)}`);
  console.log('run                          wall (s)   cpu (s)   peak RSS (MiB)');
  const row = (name: string, m: Measure) =>
    `${name.padEnd(26)}${m.wall.toFixed(2).padStart(10)}${m.cpu.toFixed(2).padStart(10)}${m.rssMb.toFixed(0).padStart(17)}`;
  console.log(row('git log --numstat (floor)', f));
  console.log(row('vigil history', o));
  console.log(`ratio wall ${(o.wall / f.wall).toFixed(2)}×, cpu ${(o.cpu / f.cpu).toFixed(2)}×   (target ≤ 1.30×, best of ${repeat})`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/** Commits and findings by severity, from the report vigil wrote. */
function summary(file: string): string {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as {
      findings?: { severity: string }[];
      facts?: { history?: Record<string, { commits?: number }> };
    };
    const sev: Record<string, number> = {};
    for (const f of r.findings ?? []) sev[f.severity] = (sev[f.severity] ?? 0) + 1;
    const commits = Object.values(r.facts?.history ?? {})[0]?.commits;
    return JSON.stringify({ commits, findings: sev });
  } catch (e) {
    return `(no report: ${(e as Error).message})`;
  }
}
