/**
 * The fuzzer keeps every input that breaks a resource bound, not only contract breaks: a slow case
 * and a case that raises peak RSS past the bound are written after they end; a case that hangs is
 * written by the watchdog thread, which then ends the process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzzTarget } from '../helpers/fuzz/run.js';
import { FuzzWatchdog, WATCHDOG_SIGNAL } from '../helpers/fuzz/watchdog.js';

const MARK = Buffer.from('HEAVY');

test('inputs over the time bound or the RSS bound are kept for replay; ordinary ones are not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-fuzz-findings-'));
  const rssNow = process.resourceUsage().maxRSS / 1024;
  const watchdog = new FuzzWatchdog({ dir, prefix: 't', maxMs: 250, maxRssMiB: rssNow + 40, killMs: 60_000, killRssMiB: 1 << 20 });
  let heavy = 0;
  const stats = await fuzzTarget(
    {
      name: 'resource-hog',
      seeds: () => [Buffer.from('ok ok ok'), Buffer.concat([MARK, Buffer.from(' then text')])],
      async run(input) {
        if (!input.subarray(0, MARK.length).equals(MARK)) return;
        heavy++;
        // The first heavy case touches 96 MiB (peak RSS rises past the bound); later ones are slow.
        if (heavy === 1) Buffer.alloc(96 * 1024 * 1024, 1).fill(2);
        else if (heavy === 2) await new Promise((r) => setTimeout(r, 300));
      },
    },
    { runs: 200, seed: 7, watchdog },
  );
  await watchdog.stop();
  assert.ok(heavy >= 2, `the seeds produced ${heavy} heavy cases`);
  assert.equal(stats.cases, 200);
  const files = readdirSync(dir).sort();
  // The allocating case may be slow too on a loaded machine: at least one of each, all heavy.
  assert.equal(files.filter((f) => /^t-rss-\d+MiB-case\d+\.bin$/.test(f)).length, 1, files.join(', '));
  assert.ok(
    files.some((f) => /^t-slow-\d+ms-case\d+\.bin$/.test(f)),
    files.join(', '),
  );
  assert.ok(files.length <= 3, files.join(', '));
  for (const f of files) assert.ok(readFileSync(join(dir, f)).subarray(0, MARK.length).equals(MARK), `${f} holds a heavy input`);
});

test('a case that hangs is written by the watchdog thread, which ends the process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-fuzz-hang-'));
  const script = `
    import { FuzzWatchdog } from ${JSON.stringify(new URL('../helpers/fuzz/watchdog.ts', import.meta.url).href)};
    const w = new FuzzWatchdog({ dir: ${JSON.stringify(dir)}, prefix: 'h', maxMs: 50, maxRssMiB: 1 << 20, killMs: 200, killRssMiB: 1 << 20 });
    w.arm(Buffer.from('endless input'), 3);
    const t0 = Date.now();
    while (Date.now() - t0 < 20000) {}
    process.exit(0);
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.signal, WATCHDOG_SIGNAL, r.stderr);
  const files = readdirSync(dir);
  assert.equal(files.length, 1);
  assert.match(files[0]!, /^h-hang-\d+ms-case3\.bin$/);
  assert.equal(readFileSync(join(dir, files[0]!), 'utf8'), 'endless input');
  assert.match(r.stderr, /watchdog: case 3 broke a bound \(hang-\d+ms\); input written to /);
});
