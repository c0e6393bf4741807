/**
 * False-alarm measurement: run the content analyzer over real package tarballs (a directory of
 * .tgz files made with `npm pack NAME`) and count findings per severity. With `--list FILE`
 * (bench/content-top500.txt: the 500 most-downloaded packages by monthly downloads, or the older
 * hand-picked bench/content-packages.txt) only the listed packages are measured, matched by the
 * `name` in each tarball's package.json, and listed names with no tarball are reported.
 * Prints every high/critical finding with its evidence, then a Markdown summary table.
 * Usage: node --import tsx bench/content-false-alarms.ts DIR [--list FILE] [--all]
 * Tarballs: mkdir DIR && npm pack $(grep -v '^#' FILE) --pack-destination DIR --ignore-scripts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readArchive } from '../src/sources/archive/index.js';
import { analyzeContent } from '../src/analyzers/content/analyzer.js';
import { SEVERITIES, type Severity } from '../src/core/types.js';

const args = process.argv.slice(2);
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--list');
const listIdx = args.indexOf('--list');
const listFile = listIdx >= 0 ? args[listIdx + 1] : undefined;
if (!dir || (listIdx >= 0 && !listFile)) {
  console.error('usage: bench/content-false-alarms.ts DIR_WITH_TGZ [--list FILE] [--all]');
  process.exit(2);
}
const showAll = args.includes('--all');
const wanted = listFile
  ? readFileSync(listFile, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
  : undefined;
const wantedSet = new Set(wanted);

const rank = (s: Severity): number => SEVERITIES.indexOf(s);
const tgz = readdirSync(dir)
  .filter((f) => f.endsWith('.tgz'))
  .sort();
const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
/** Packages by their highest finding severity ('none' when clean). */
const worst = new Map<Severity | 'none', number>();
const byRule = new Map<string, number>();
const flagged: string[] = [];
const highPkgs: { pkg: string; rules: string[] }[] = [];
const seen = new Set<string>();
let measured = 0;
const t0 = performance.now();
for (const file of tgz) {
  const files = await readArchive(readFileSync(join(dir, file)), { strip: 'npm', origin: file });
  const { findings, facts } = await analyzeContent(files, file);
  const pkg = facts.name && facts.version ? `${facts.name}@${facts.version}` : file;
  if (wanted) {
    if (!facts.name || !wantedSet.has(facts.name) || seen.has(facts.name)) continue;
    seen.add(facts.name);
  }
  measured++;
  let top: Severity | 'none' = 'none';
  const highRules: string[] = [];
  for (const f of findings) {
    counts[f.severity]++;
    byRule.set(`${f.severity} ${f.rule}`, (byRule.get(`${f.severity} ${f.rule}`) ?? 0) + 1);
    if (top === 'none' || rank(f.severity) > rank(top)) top = f.severity;
    const high = f.severity === 'high' || f.severity === 'critical';
    if (high) highRules.push(`${f.severity} ${f.rule}`);
    if (high || showAll) {
      flagged.push(
        `${pkg}: ${f.severity} ${f.rule} — ${f.title}\n    ${f.evidence
          .slice(0, 3)
          .map((e) => `${e.file ?? e.field ?? ''}:${e.line ?? ''} ${e.label ?? ''} ${(e.excerpt ?? String(e.value ?? '')).slice(0, 140)}`)
          .join('\n    ')}`,
      );
    }
  }
  worst.set(top, (worst.get(top) ?? 0) + 1);
  if (highRules.length > 0) highPkgs.push({ pkg, rules: [...new Set(highRules)] });
}
const secs = ((performance.now() - t0) / 1000).toFixed(1);
const pct = (n: number): string => `${((100 * n) / Math.max(1, measured)).toFixed(1)}%`;

console.log(`packages measured: ${measured}${wanted ? ` of ${wanted.length} listed in ${listFile}` : ''} (${secs} s)`);
if (wanted) {
  const missing = wanted.filter((n) => !seen.has(n));
  if (missing.length) console.log(`listed but no tarball in ${dir}: ${missing.join(', ')}`);
}
console.log(`findings by severity: ${SEVERITIES.map((s) => `${s}=${counts[s]}`).join(' ')}`);
console.log('by rule:');
for (const [k, n] of [...byRule].sort()) console.log(`  ${k}: ${n}`);
if (flagged.length) console.log(`\n${flagged.join('\n')}`);

const nHigh = (worst.get('high') ?? 0) + (worst.get('critical') ?? 0);
console.log(`\n## Content false-alarm summary (${measured} packages${listFile ? `, ${listFile}` : ''})\n`);
console.log('| highest severity in package | packages | share |');
console.log('| --- | ---: | ---: |');
for (const s of ['none', ...SEVERITIES] as const) console.log(`| ${s} | ${worst.get(s) ?? 0} | ${pct(worst.get(s) ?? 0)} |`);
console.log(`| **high or critical** | **${nHigh}** | **${pct(nHigh)}** (target ≤ 1%) |`);
if (highPkgs.length) {
  console.log('\n| package flagged high/critical | rules |');
  console.log('| --- | --- |');
  for (const h of highPkgs) console.log(`| ${h.pkg} | ${h.rules.join(', ')} |`);
}
