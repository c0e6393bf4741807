/**
 * `npm run bench:fleet [-- N]`: N (default 200) npm releases — the latest releases of the most
 * depended-upon packages (npm-high-impact), taking those of at most 128 KiB unpacked as most npm
 * releases are (FLEET_MAX_UNPACKED) — analysed as `release` jobs by 1, 2 and 4 `vigil worker`
 * processes against one throw-away PostgreSQL cluster. The registry is a replay server on 127.0.0.1
 * serving tarballs mirrored once from the configured registry (bench/.work/fleet), with a fixed delay
 * per request and a per-connection bandwidth cap so the work is network-bound as it is against a real
 * registry; the measured runs never touch the network. Each worker count gets a fresh database.
 *
 * Prints throughput, the 1→2 and 1→4 ratios (goal: ≥ 1.7 from 1 to 2 workers), a check that each
 * release was analysed exactly once, and the per-release costs docs/scaling.md builds its plan from.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { npmTopDependents } from 'npm-high-impact';
import pg from 'pg';
import { ensureLatestTarballs, type LatestTarball } from './lib/latest-tarballs.js';
import { findPgBin, startPgCluster } from '../test/helpers/pg-cluster.js';

const N = Number(process.argv[2] ?? 200);
const WORKERS = (process.env.FLEET_WORKERS ?? '1,2,4').split(',').map(Number);
/** Round trip to a registry across the internet, and a modest per-connection throughput. */
const DELAY_MS = Number(process.env.FLEET_DELAY_MS ?? 300);
const MAX_UNPACKED = Number(process.env.FLEET_MAX_UNPACKED ?? 128 * 1024);
const BYTES_PER_SEC = Number(process.env.FLEET_BANDWIDTH ?? 4 * 1024 * 1024);
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'vigil.js');

const bin = findPgBin();
if (!bin) {
  console.error('bench:fleet needs PostgreSQL binaries (apt-get install postgresql-15)');
  process.exit(3);
}

// 1. The releases: mirrored once (later runs reuse bench/.work/fleet), then replayed locally.
const names = npmTopDependents.slice(0, Math.ceil(N * 4));
const { tarballs } = await ensureLatestTarballs(names, join(ROOT, 'bench', '.work', 'fleet'), {
  log: (s) => console.error(s),
  maxUnpackedBytes: MAX_UNPACKED,
});
// Tarballs mirrored by an earlier run with a higher limit stay cached: keep to the limit here too
// (a gzipped tarball is rarely under a third of its unpacked size).
const releases = tarballs.filter((t) => statSync(t.file).size <= MAX_UNPACKED / 3).slice(0, N);
if (releases.length < N) console.error(`bench: only ${releases.length} of ${N} releases could be mirrored`);

let base = '';
const served = { requests: 0, bytes: 0 };
const bodies = new Map<string, { packument: Buffer; tarball: Buffer }>();
for (const r of releases) bodies.set(r.name, { tarball: readFileSync(r.file), packument: Buffer.alloc(0) });
function packumentOf(r: LatestTarball, tarball: Buffer): Buffer {
  const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
  const bare = r.name.includes('/') ? r.name.split('/')[1]! : r.name;
  const doc = {
    name: r.name,
    'dist-tags': { latest: r.version },
    versions: {
      [r.version]: { name: r.name, version: r.version, dist: { tarball: `${base}${r.name}/-/${bare}-${r.version}.tgz`, integrity } },
    },
    time: { [r.version]: '2026-01-01T00:00:00.000Z' },
  };
  return Buffer.from(JSON.stringify(doc));
}

/** Writes BODY after the round-trip delay, in chunks at the bandwidth cap. */
async function answer(res: import('node:http').ServerResponse, body: Buffer, type: string): Promise<void> {
  await sleep(DELAY_MS);
  res.writeHead(200, { 'content-type': type, 'content-length': body.length });
  const chunk = 64 * 1024;
  for (let i = 0; i < body.length; i += chunk) {
    res.write(body.subarray(i, i + chunk));
    await sleep((Math.min(chunk, body.length - i) / BYTES_PER_SEC) * 1000);
  }
  res.end();
  served.requests++;
  served.bytes += body.length;
}

const server = createServer((req, res) => {
  const path = decodeURIComponent((req.url ?? '/').split('?')[0]!).slice(1);
  const tgz = /^(.+)\/-\/[^/]+\.tgz$/.exec(path);
  const b = bodies.get(tgz ? tgz[1]! : path);
  if (!b) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  void answer(res, tgz ? b.tarball : b.packument, tgz ? 'application/octet-stream' : 'application/json');
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
for (const r of releases) bodies.get(r.name)!.packument = packumentOf(r, bodies.get(r.name)!.tarball);

// 2. One cluster; a fresh database per worker count.
const cluster = await startPgCluster(bin);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    cluster.stop();
    process.exit(130);
  });
}
const home = mkdtempSync(join(tmpdir(), 'vigil-bench-fleet-'));
const env = {
  ...process.env,
  CI: '1',
  NO_COLOR: '1',
  HOME: home,
  XDG_CACHE_HOME: join(home, '.cache'),
  npm_config_userconfig: join(home, 'none.npmrc'),
};

/** Runs the built CLI under /usr/bin/time; `cpu` is its user + system seconds. */
function vigil(args: string[]): Promise<{ code: number | null; out: string; err: string; cpu: number }> {
  return new Promise((resolve) => {
    const p = spawn('/usr/bin/time', ['-f', 'CPU %U %S', process.execPath, BIN, ...args], {
      env,
      cwd: home,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (code) => {
      const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(err);
      resolve({ code, out, err, cpu: m ? Number(m[1]) + Number(m[2]) : NaN });
    });
  });
}

interface Run {
  workers: number;
  seconds: number;
  perSec: number;
  done: number;
  analysedOnce: boolean;
  dbBytes: number;
  cpu: number;
  requests: number;
  bytes: number;
}

async function run(workers: number): Promise<Run> {
  const url = cluster.createDatabase(`fleet_${workers}`);
  const common = ['--store', url, '--registry', base];
  const q = await vigil(['enqueue', 'release', ...releases.map((r) => `${r.name}@${r.version}`), ...common]);
  if (q.code !== 0) throw new Error(`enqueue failed: ${q.err}`);
  served.requests = 0;
  served.bytes = 0;
  const t0 = performance.now();
  const outs = await Promise.all(
    Array.from({ length: workers }, () => vigil(['worker', ...common, '--concurrency', '1', '--lease', '60', '--drain'])),
  );
  const seconds = (performance.now() - t0) / 1000;
  for (const o of outs) if (o.code !== 0) throw new Error(`worker exited ${o.code}: ${o.err.slice(-2000)}`);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const jobs = await db.query<{ state: string; n: string }>('SELECT state, COUNT(*) AS n FROM jobs GROUP BY state');
  const dup = await db.query<{ n: string }>(
    'SELECT COUNT(*) AS n FROM (SELECT target_key FROM scans GROUP BY target_key HAVING COUNT(*) > 1) d',
  );
  const scans = await db.query<{ n: string }>('SELECT COUNT(DISTINCT target_key) AS n FROM scans');
  const size = await db.query<{ b: string }>('SELECT COALESCE(SUM(pg_total_relation_size(relid)), 0) AS b FROM pg_stat_user_tables');
  await db.end();
  const done = Number(jobs.rows.find((r) => r.state === 'done')?.n ?? 0);
  const notDone = jobs.rows.filter((r) => r.state !== 'done').map((r) => `${r.n} ${r.state}`);
  if (notDone.length) console.error(`  ${workers} worker(s): not done: ${notDone.join(', ')}`);
  return {
    workers,
    seconds,
    perSec: done / seconds,
    done,
    analysedOnce: Number(dup.rows[0]!.n) === 0 && Number(scans.rows[0]!.n) === done,
    dbBytes: Number(size.rows[0]!.b),
    cpu: outs.reduce((a, o) => a + o.cpu, 0),
    requests: served.requests,
    bytes: served.bytes,
  };
}

try {
  console.log(
    `bench:fleet — ${releases.length} npm releases, at most ${(MAX_UNPACKED / 1048576).toFixed(1)} MiB unpacked; replay registry: ${DELAY_MS} ms per request, ${(BYTES_PER_SEC / 1048576).toFixed(1)} MiB/s per connection`,
  );
  const runs: Run[] = [];
  for (const w of WORKERS) {
    const r = await run(w);
    runs.push(r);
    console.log(
      `  ${w} worker${w === 1 ? ' ' : 's'}: ${r.done} done in ${r.seconds.toFixed(1)} s = ${r.perSec.toFixed(2)} releases/s; each analysed once: ${r.analysedOnce ? 'yes' : 'NO'}`,
    );
  }
  const one = runs.find((r) => r.workers === 1);
  if (one) {
    for (const r of runs.filter((x) => x.workers > 1)) {
      const ratio = r.perSec / one.perSec;
      const goal = r.workers === 2 ? ` (goal ≥ 1.70: ${ratio >= 1.7 ? 'met' : 'MISSED'})` : '';
      console.log(`  speed-up 1→${r.workers} workers: ${ratio.toFixed(2)}×${goal}`);
    }
    const base1 = runs[0]!;
    console.log('per release (for docs/scaling.md):');
    console.log(
      `  registry requests: ${(base1.requests / base1.done).toFixed(2)}, bytes downloaded: ${(base1.bytes / base1.done / 1024).toFixed(0)} KiB`,
    );
    console.log(
      `  worker time: ${(one.seconds / one.done).toFixed(2)} s (1 worker, 1 job at a time), of which CPU ${(one.cpu / one.done).toFixed(2)} s`,
    );
    console.log(
      `  database growth: ${(base1.dbBytes / base1.done / 1024).toFixed(1)} KiB (tables and indexes: scan result, cache rows, job row)`,
    );
  }
} finally {
  server.close();
  cluster.stop();
  rmSync(home, { recursive: true, force: true });
}
