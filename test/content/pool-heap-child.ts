/**
 * Child of pool-heap.test.ts: a two-thread content pool analyses HEAVY large bundles (each followed
 * by four small packages), then prints the process's peak RSS (every thread). The shared heap is
 * scaled down with the bundles: 40 MiB, so that two of them (~30 MiB estimated each) never run together.
 */
import { createContentPool } from '../../src/analyzers/content/pool.js';
import { filesOf } from '../helpers/factories.js';
import { largeBundle } from './large-bundle.js';

const heavy = Number(process.argv[2] ?? 2);
const pool = createContentPool({ maxThreads: 2, sharedHeapMb: 40 });
const jobs = [];
for (let h = 0; h < heavy; h++) {
  const big = filesOf({ 'package.json': '{"name":"big","version":"1.0.0"}', 'dist/bundle.js': largeBundle(h, 600_000) });
  jobs.push(pool.facts({ ...big, origin: `big-${h}@1.0.0` }));
  for (let l = 0; l < 4; l++) {
    const small = filesOf({ 'package.json': '{"name":"small","version":"1.0.0"}', 'index.js': `module.exports = ${l};\n` });
    jobs.push(pool.facts({ ...small, origin: `small-${h}-${l}@1.0.0` }));
  }
}
const facts = await Promise.all(jobs);
await pool.close();
process.stdout.write(`${JSON.stringify({ analysed: facts.length, peakRssKiB: process.resourceUsage().maxRSS })}\n`);
