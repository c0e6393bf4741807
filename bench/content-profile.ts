/**
 * Where content-analysis CPU goes on a real lockfile: reads every locked tarball of a bench fixture
 * from the local mirror (bench/.work/registry, filled by `npm run bench`) and times contentFacts per
 * package on this thread, then prints the total, the heaviest packages and, for the heaviest ones,
 * the heaviest files. Run with `--cpu-prof` to see parse / walk / rules / text signals.
 * Usage: node --import tsx bench/content-profile.ts [FIXTURE] [--top N] [--files PKG]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lockEntries, fileSafe } from './lib/mirror.js';
import { readArchive } from '../src/sources/archive/index.js';
import { contentFacts } from '../src/analyzers/content/index.js';
import type { PackageFiles } from '../src/sources/archive/types.js';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const fixture = args[0] && !args[0].startsWith('--') ? args[0] : 'platform-app';
const top = Number(arg('--top') ?? 15);
const detail = arg('--files');
const entries = lockEntries(join(root, 'bench', 'fixtures', fixture, 'package-lock.json'));
const tarballs = join(root, 'bench', '.work', 'registry', 'tarballs');

const cpuMs = (fn: () => void): number => {
  const t = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
};

const rows: { pkg: string; ms: number; files: number; bytes: number; pf: PackageFiles }[] = [];
let readMs = 0;
let missing = 0;
for (const e of entries) {
  const f = join(tarballs, `${fileSafe(e.name)}-${e.version}.tgz`);
  if (!existsSync(f)) {
    missing++;
    continue;
  }
  const t = process.cpuUsage();
  const pf = await readArchive(readFileSync(f), { strip: 'npm', origin: `${e.name}@${e.version}` });
  const d = process.cpuUsage(t);
  readMs += (d.user + d.system) / 1000;
  const ms = cpuMs(() => contentFacts(pf));
  rows.push({ pkg: `${e.name}@${e.version}`, ms, files: pf.files.length, bytes: pf.totalSize, pf: detail ? pf : (undefined as never) });
}
const total = rows.reduce((s, r) => s + r.ms, 0);
console.log(
  `${fixture}: ${rows.length} packages (${missing} tarballs missing), read ${(readMs / 1000).toFixed(1)} s CPU, contentFacts ${(total / 1000).toFixed(1)} s CPU`,
);
rows.sort((a, b) => b.ms - a.ms);
for (const r of rows.slice(0, top))
  console.log(
    `  ${(r.ms / 1000).toFixed(2).padStart(7)} s  ${((100 * r.ms) / total).toFixed(1).padStart(5)}%  ${r.files} files, ${(r.bytes / 1048576).toFixed(1)} MiB  ${r.pkg}`,
  );
if (detail) {
  const r = rows.find((x) => x.pkg.startsWith(detail));
  if (r) {
    const per = r.pf.files.map((f) => ({
      path: f.path,
      size: f.size,
      ms: cpuMs(() => contentFacts({ ...r.pf, files: [f] })),
    }));
    per.sort((a, b) => b.ms - a.ms);
    console.log(`${r.pkg}: per-file (alone) ${(per.reduce((s, p) => s + p.ms, 0) / 1000).toFixed(1)} s`);
    for (const p of per.slice(0, top))
      console.log(`  ${p.ms.toFixed(0).padStart(7)} ms  ${(p.size / 1024).toFixed(0).padStart(6)} KiB  ${p.path}`);
  }
}
