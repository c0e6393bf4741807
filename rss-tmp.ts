import { readFileSync } from 'node:fs';
import { FUZZ_TARGETS } from './test/helpers/fuzz/targets.js';
const t = FUZZ_TARGETS.find((x) => x.name === process.argv[2])!;
for (const f of process.argv.slice(3)) {
  const b = readFileSync(f);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  try { await t.run(b); } catch (e) { console.log('threw', String(e).slice(0, 200)); }
  const c = process.cpuUsage(c0);
  console.log(f.split('/').at(-1), b.length, 'wall ms', (performance.now() - t0).toFixed(0), 'cpu ms', ((c.user + c.system) / 1000).toFixed(0), 'peak', (process.resourceUsage().maxRSS / 1024).toFixed(0));
}
