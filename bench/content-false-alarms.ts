/**
 * False-alarm measurement: run the content analyzer over real package tarballs (a directory of
 * .tgz files made with `npm pack NAME`, names listed in bench/content-packages.txt) and count
 * findings per severity. Prints every high/critical finding with its evidence.
 * Usage: node --import tsx bench/content-false-alarms.ts DIR [--all]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readArchive } from '../src/sources/archive/index.js';
import { analyzeContent } from '../src/analyzers/content/analyzer.js';
import { SEVERITIES, type Severity } from '../src/core/types.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: bench/content-false-alarms.ts DIR_WITH_TGZ [--all]');
  process.exit(2);
}
const showAll = process.argv.includes('--all');
const tgz = readdirSync(dir).filter((f) => f.endsWith('.tgz')).sort();
const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
const byRule = new Map<string, number>();
const flagged: string[] = [];
let pkgsWithHigh = 0;
for (const name of tgz) {
  const files = await readArchive(readFileSync(join(dir, name)), { strip: 'npm', origin: name });
  const { findings } = await analyzeContent(files, name);
  let high = false;
  for (const f of findings) {
    counts[f.severity]++;
    byRule.set(`${f.severity} ${f.rule}`, (byRule.get(`${f.severity} ${f.rule}`) ?? 0) + 1);
    if (f.severity === 'high' || f.severity === 'critical' || showAll) {
      if (f.severity === 'high' || f.severity === 'critical') high = true;
      flagged.push(`${name}: ${f.severity} ${f.rule} — ${f.title}\n    ${f.evidence.slice(0, 2).map((e) => `${e.file ?? ''}:${e.line ?? ''} ${e.label ?? ''} ${(e.excerpt ?? String(e.value ?? '')).slice(0, 140)}`).join('\n    ')}`);
    }
  }
  if (high) pkgsWithHigh++;
}
console.log(`packages: ${tgz.length}`);
console.log(`findings by severity: ${SEVERITIES.map((s) => `${s}=${counts[s]}`).join(' ')}`);
console.log(`packages with a high/critical finding: ${pkgsWithHigh} (${((100 * pkgsWithHigh) / Math.max(1, tgz.length)).toFixed(1)}%)`);
console.log('by rule:');
for (const [k, n] of [...byRule].sort()) console.log(`  ${k}: ${n}`);
if (flagged.length) console.log(`\n${flagged.join('\n')}`);
