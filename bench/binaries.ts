/**
 * `npm run bench:binaries [-- N]`: the binary analyzer over the .debs of the top N (default 200)
 * Debian packages of the configured suite, ranked by priority (required, important, standard) then
 * by how many packages depend on them. The list comes from `apt-cache dumpavail`; the .debs are
 * fetched with `apt-get download` (the configured apt sources) into bench/.work/debs/, cached.
 * Prints time per MB of ELF analysed against a floor measured in the same run (reading and
 * decompressing the same .debs), findings per severity and the false-alarm list (everything at
 * medium or above: these are ordinary, clean packages), the same count over the ELF files of the npm
 * tarballs the other benches cached (bench/lib/npm-prebuilds.ts), then recall on the synthetic
 * technique families of test/fixtures/binary/. Exit 1 when any finding on the archive packages is high.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readArchive } from '../src/sources/archive/read-archive.js';
import { forEachStanza } from '../src/formats/debian/control.js';
import { debSubject } from '../src/sources/archive/deb-control.js';
import { analyzeBinaries } from '../src/analyzers/binary/package.js';
import type { Finding } from '../src/core/types.js';
import { binaryRecall } from './lib/binary-recall.js';
import { npmPrebuilds } from './lib/npm-prebuilds.js';

const N = Number(process.argv[2] ?? 200);
const WORK = join(import.meta.dirname, '.work', 'debs');
mkdirSync(WORK, { recursive: true });
const arch = process.arch === 'arm64' ? 'arm64' : 'amd64';

function topPackages(): string[] {
  const dump = spawnSync('apt-cache', ['dumpavail'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (dump.status !== 0) throw new Error(`apt-cache dumpavail failed (run apt-get update first): ${dump.stderr}`);
  const pkgs = new Map<string, { prio: number; arch: string }>();
  const rdeps = new Map<string, number>();
  const PRIO: Record<string, number> = { required: 0, important: 1, standard: 2 };
  forEachStanza(
    dump.stdout,
    (s) => {
      const f = s.fields;
      if (!f.package) return;
      pkgs.set(f.package, { prio: PRIO[f.priority ?? ''] ?? 3, arch: f.architecture ?? '' });
      for (const rel of `${f.depends ?? ''},${f['pre-depends'] ?? ''}`.split(/[,|]/)) {
        const n = rel.trim().split(/[\s:(]/)[0];
        if (n) rdeps.set(n, (rdeps.get(n) ?? 0) + 1);
      }
    },
    { only: new Set(['package', 'priority', 'architecture', 'depends', 'pre-depends']) },
  );
  return [...pkgs]
    .filter(([, p]) => p.arch === arch)
    .sort((a, b) => a[1].prio - b[1].prio || (rdeps.get(b[0]) ?? 0) - (rdeps.get(a[0]) ?? 0) || a[0].localeCompare(b[0]))
    .slice(0, N)
    .map(([n]) => n);
}

function ensureDebs(names: string[]): string[] {
  const have = new Set(
    readdirSync(WORK)
      .filter((f) => f.endsWith('.deb'))
      .map((f) => f.split('_')[0]!),
  );
  const missing = names.filter((n) => !have.has(n));
  for (let i = 0; i < missing.length; i += 40) {
    const batch = missing.slice(i, i + 40);
    const r = spawnSync('apt-get', ['download', ...batch], { cwd: WORK, encoding: 'utf8' });
    if (r.status === 0) continue;
    // One unavailable version fails the whole batch: fetch the rest one by one.
    for (const n of batch) {
      const one = spawnSync('apt-get', ['download', n], { cwd: WORK, encoding: 'utf8' });
      if (one.status !== 0) console.error(`apt-get download ${n}: ${one.stderr.trim().split('\n').slice(-1).join(' ')}`);
    }
  }
  const want = new Set(names);
  return readdirSync(WORK)
    .filter((f) => f.endsWith('.deb') && want.has(f.split('_')[0]!))
    .map((f) => join(WORK, f));
}

const names = topPackages();
const debs = ensureDebs(names);
console.log(
  `bench:binaries: ${debs.length} of the top ${names.length} ${arch} packages (${(debs.reduce((n, d) => n + statSync(d).size, 0) / 1e6).toFixed(1)} MB of .deb)`,
);

let readMs = 0;
let analyzeMs = 0;
let elfBytes = 0;
let elfFiles = 0;
let ifuncs = 0;
const unreadable: string[] = [];
const findings: Finding[] = [];
for (const d of debs) {
  const t0 = performance.now();
  const files = await readArchive(d, { origin: d.split('/').pop()! });
  const t1 = performance.now();
  const { subject } = debSubject(files, d);
  const r = analyzeBinaries(files, { subject, ecosystem: 'deb' });
  const t2 = performance.now();
  readMs += t1 - t0;
  analyzeMs += t2 - t1;
  elfBytes += r.facts.elfBytes;
  elfFiles += r.facts.files.length;
  ifuncs += r.facts.files.reduce((n, f) => n + f.ifuncs.length, 0);
  unreadable.push(...r.facts.unreadable.map((u) => `${subject} ${u.path}: ${u.reason}`));
  findings.push(...r.findings);
}
const mb = elfBytes / 1e6;
const sev = (s: string): number => findings.filter((f) => f.severity === s).length;
console.log(`ELF files analysed: ${elfFiles} (${mb.toFixed(1)} MB), IFUNC resolvers judged: ${ifuncs}, not analysed: ${unreadable.length}`);
console.log(
  `time per MB of ELF: ${(analyzeMs / mb).toFixed(1)} ms (analysis) vs ${(readMs / mb).toFixed(1)} ms (floor: reading + decompressing the same .debs) → ratio ${(analyzeMs / readMs).toFixed(2)}`,
);
console.log(
  `findings: ${sev('critical')} critical · ${sev('high')} high · ${sev('medium')} medium · ${sev('low')} low · ${sev('info')} info`,
);
console.log('false alarms (medium or above on clean archive packages):');
for (const f of findings.filter((x) => ['medium', 'high', 'critical'].includes(x.severity)))
  console.log(`  ${f.severity.padEnd(6)} ${f.rule}  ${f.subject}  ${f.title}`);
if (process.argv.includes('--list')) {
  console.log('low:');
  for (const f of findings.filter((x) => x.severity === 'low')) console.log(`  ${f.rule}  ${f.subject}  ${f.title}`);
  for (const u of unreadable) console.log(`  not analysed: ${u}`);
}
for (const l of await npmPrebuilds([
  join(import.meta.dirname, '.work', 'registry', 'tarballs'),
  join(import.meta.dirname, '.work', 'top1000'),
]))
  console.log(l);
for (const l of binaryRecall()) console.log(l);
console.log(sev('high') + sev('critical') === 0 ? 'no high: yes' : 'no high: NO');
process.exitCode = sev('high') + sev('critical') === 0 ? 0 : 1;
