/**
 * Content-analysis speed: time to read + analyse N real tarballs vs time for `tar -xzf` to just
 * decompress and unpack the same tarballs (ratio printed; target ≤ 1.5×), plus peak RSS, plus
 * memory on a 10 MB single-line bundle. Tarballs: a directory of `npm pack` outputs.
 * Usage: node --import tsx bench/content.ts DIR [N] [--pool]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readArchive } from '../src/sources/archive/index.js';
import { analyzeContent, contentFacts, createContentPool } from '../src/analyzers/content/index.js';
import { filesOf } from './content-inline.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: bench/content.ts DIR_WITH_TGZ [N] [--pool]');
  process.exit(2);
}
const n = Number(process.argv[3]) || Infinity;
const usePool = process.argv.includes('--pool');
const tgz = readdirSync(dir)
  .filter((f) => f.endsWith('.tgz'))
  .sort()
  .slice(0, n);
const bytes = tgz.map((f) => readFileSync(join(dir, f)));
const mb = (x: number): string => (x / 1024 / 1024).toFixed(1);

const tmp = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
let t = performance.now();
for (const f of tgz) {
  const out = mkdtempSync(join(tmp, 'x-'));
  execFileSync('tar', ['-xzf', join(dir, f), '-C', out]);
}
const untarMs = performance.now() - t;
rmSync(tmp, { recursive: true, force: true });

let findings = 0;
t = performance.now();
if (usePool) {
  const pool = createContentPool();
  await Promise.all(
    bytes.map(async (b, i) => {
      const files = await readArchive(b, { strip: 'npm', origin: tgz[i]! });
      findings += (await analyzeContent(files, tgz[i]!, await pool.facts(files))).findings.length;
    }),
  );
  await pool.close();
} else {
  for (let i = 0; i < bytes.length; i++) {
    const files = await readArchive(bytes[i]!, { strip: 'npm', origin: tgz[i]! });
    findings += (await analyzeContent(files, tgz[i]!)).findings.length;
  }
}
const analyseMs = performance.now() - t;
const rssAfterTarballs = process.resourceUsage().maxRSS * 1024;

const before = process.memoryUsage().rss;
const line = 'var a=' + Array.from({ length: 400_000 }, (_, i) => `function(b){return b+${i}}`).join(',') + ';';
const big = line.length < 10 * 1024 * 1024 ? line + ' '.repeat(10 * 1024 * 1024 - line.length) : line;
t = performance.now();
contentFacts(filesOf({ 'dist/bundle.min.js': big }));
const bigMs = performance.now() - t;

console.log(`tarballs: ${tgz.length} (${mb(bytes.reduce((s, b) => s + b.length, 0))} MB compressed)${usePool ? ', worker pool' : ''}`);
console.log(`tar -xzf:        ${untarMs.toFixed(0)} ms`);
console.log(`read + analyse:  ${analyseMs.toFixed(0)} ms (${findings} findings)`);
console.log(`ratio:           ${(analyseMs / untarMs).toFixed(2)}x (target <= 1.5x)`);
console.log(`peak RSS:        ${mb(rssAfterTarballs)} MB`);
console.log(
  `10 MB single-line bundle: ${bigMs.toFixed(0)} ms, RSS +${mb(Math.max(0, process.resourceUsage().maxRSS * 1024 - Math.max(before, rssAfterTarballs)))} MB over the previous peak`,
);
