/**
 * #19, a package-lock with 200,000 entries scanned offline once took 11.7 GB and grew faster than
 * linearly. Here a synthetic lockfile (bench/lib/synthetic-lock.ts: nested installs, scoped names,
 * dev entries) is scanned offline through the real CLI in a child process, whose peak RSS (read by
 * a preload at exit: threads included) must stay within a fixed start-up allowance plus a per-entry
 * allowance — the bound that makes 200,000 entries fit in 1.5 GB — and whose result is complete.
 * `npm run bench -- --only scale` measures the full sizes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { writeSyntheticLock } from '../../bench/lib/synthetic-lock.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'vigil.js');
const ENTRIES = 20_000;
/** Node, vigil's modules and the store: what a scan of a handful of packages takes. */
const STARTUP_MIB = 160;
/** 1.5 GB for 200,000 entries, less the start-up allowance. */
const PER_ENTRY_KIB = 7;
/** Prints the process's peak RSS (KiB, every thread) on stderr as it exits. */
const PEAK_PRELOAD = `data:text/javascript,${encodeURIComponent(
  "process.on('exit', () => process.stderr.write('\\npeak-rss-kib ' + process.resourceUsage().maxRSS + '\\n'));",
)}`;
let tmp: string;

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-large-lock-'));
  writeSyntheticLock(join(tmp, 'package-lock.json'), ENTRIES);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

test(`an offline scan of a ${ENTRIES}-entry package-lock stays within a memory bound linear in entries and is complete`, async (t) => {
  const out = join(tmp, 'out.json');
  const args = ['--import', PEAK_PRELOAD, BIN, 'scan', tmp, '--offline', '--store', join(tmp, 'v.db'), '--format', 'json', '--output', out];
  const env = { ...process.env, CI: '1', NO_COLOR: '1', HOME: tmp, npm_config_userconfig: join(tmp, 'none.npmrc') };
  const r = await run(process.execPath, [...args, '--quiet', '--no-progress'], { env, cwd: tmp, maxBuffer: 16 << 20 });
  const peakKiB = Number(/peak-rss-kib (\d+)/.exec(r.stderr)?.[1]);
  assert.ok(peakKiB > 0, `peak RSS reported: ${r.stderr.slice(-500)}`);
  const boundKiB = STARTUP_MIB * 1024 + PER_ENTRY_KIB * ENTRIES;
  t.diagnostic(`peak RSS ${(peakKiB / 1024).toFixed(0)} MiB (bound ${(boundKiB / 1024).toFixed(0)} MiB)`);
  assert.ok(peakKiB <= boundKiB, `peak RSS ${(peakKiB / 1024).toFixed(0)} MiB over the bound ${(boundKiB / 1024).toFixed(0)} MiB`);

  const result = JSON.parse(readFileSync(out, 'utf8')) as {
    inventory: { components: { purl: string; dev: boolean; paths?: string[] }[]; edges: unknown[] };
    problems: { code: string; subjects?: string[] }[];
    facts: { scoring?: Record<string, { criticality?: number; factors?: unknown[] }> };
  };
  // Every entry is a component: ENTRIES, plus the top-level copy of every tenth (nested) one.
  const components = result.inventory.components;
  assert.equal(components.length, ENTRIES + ENTRIES / 10);
  assert.equal(new Set(components.map((c) => c.purl)).size, components.length);
  assert.ok(
    components.some((c) => c.paths?.some((p) => p.includes('/node_modules/'))),
    'nested install paths are kept',
  );
  assert.ok(result.inventory.edges.length >= ENTRIES, `${result.inventory.edges.length} edges`);
  // Offline with an empty store: packuments and tarballs of every package are reported missing, nothing else failed.
  const miss = result.problems.filter((p) => p.code === 'E_OFFLINE_MISS');
  assert.equal(miss.length, 2);
  for (const m of miss) assert.equal(m.subjects?.length, components.length);
  assert.deepEqual(
    result.problems.filter((p) => p.code !== 'E_OFFLINE_MISS').map((p) => p.code),
    [],
  );
  // Every component is scored.
  const scores = result.facts.scoring ?? {};
  for (const c of components) assert.equal(typeof scores[c.purl]?.criticality, 'number', `score of ${c.purl}`);
});
