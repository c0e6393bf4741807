/**
 * `npm run bench`: scan a real ≥1,500-package lockfile cold and warm against a local registry that
 * serves its tarballs, and compare with `npm ci --ignore-scripts` of the same lockfile against the
 * same server. Prints wall time, peak RSS and ratios against that floor. Not part of `npm test`.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureMirror, lockEntries } from './lib/mirror.js';
import { startLocalRegistry } from './lib/server.js';
import { timed } from './lib/timed.js';

const root = resolve(import.meta.dirname, '..');
const fixture = join(root, 'bench', 'fixtures', 'large-app');
const work = join(root, 'bench', '.work');

const entries = lockEntries(join(fixture, 'package-lock.json'));
process.stderr.write(`bench: ${entries.length} packages in the lockfile\n`);
await ensureMirror(entries, join(work, 'registry'));
const reg = await startLocalRegistry(join(work, 'registry'));
try {
  const tmp = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  const npmDir = join(tmp, 'npm-ci');
  mkdirSync(npmDir);
  cpSync(join(fixture, 'package.json'), join(npmDir, 'package.json'));
  cpSync(join(fixture, 'package-lock.json'), join(npmDir, 'package-lock.json'));
  const npmCi = await timed('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', `--registry=${reg.url}`, `--cache=${join(tmp, 'npm-cache')}`, '--prefer-online'], npmDir);
  const store = join(tmp, 'vigil.db');
  const vigil = async (label: string) => {
    const m = await timed(process.execPath, [join(root, 'bin', 'vigil.js'), 'scan', fixture, '--registry', reg.url, '--store', store, '--format', 'json', '--output', join(tmp, `${label}.json`), '--no-progress', '--quiet', '--no-history'], root, { CI: '1' });
    return m;
  };
  const cold = await vigil('cold');
  const warm = await vigil('warm');
  const rows = [
    ['npm ci --ignore-scripts (floor)', npmCi],
    ['vigil scan, cold store', cold],
    ['vigil scan, warm store', warm],
  ] as const;
  console.log(`\nvigil bench — ${entries.length} packages, local registry ${reg.url}, ${reg.requests()} requests served\n`);
  console.log('run                                  wall (s)   peak RSS (MiB)   exit');
  for (const [name, m] of rows) console.log(`${name.padEnd(36)} ${m.wall.toFixed(2).padStart(8)}   ${m.rssMb.toFixed(0).padStart(14)}   ${m.code}`);
  for (const label of ['cold', 'warm']) {
    const r = JSON.parse(readFileSync(join(tmp, `${label}.json`), 'utf8')) as { summary: { components: number; findings: Record<string, number> }; problems: { code: string }[] };
    const codes: Record<string, number> = {};
    for (const p of r.problems) codes[p.code] = (codes[p.code] ?? 0) + 1;
    console.log(`${label}: ${r.summary.components} components, findings ${JSON.stringify(r.summary.findings)}, problems ${JSON.stringify(codes)}`);
  }
  console.log(`\nratio cold scan / npm ci: ${(cold.wall / npmCi.wall).toFixed(2)}   (target ≤ 1.00)`);
  console.log(`warm scan: ${warm.wall.toFixed(2)} s for ${entries.length} packages   (target < 5 s)`);
  rmSync(tmp, { recursive: true, force: true });
} finally {
  reg.server.close();
}
