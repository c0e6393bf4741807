/**
 * `npm run bench:watch [-- N]`: requests per `vigil watch --once` poll for N (default 1,000) watched
 * packages, against a registry on 127.0.0.1 that serves ETags and counts full (200) and conditional
 * (304) answers and bytes. Cycles: cold (first sighting), warm (nothing changed: the goal is no full
 * packument download), and one publish (one package changed). Prints the ratios of the same run.
 */
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const N = Number(process.argv[2] ?? 1000);
const ROOT = join(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'vigil-bench-watch-'));
const names = Array.from({ length: N }, (_, i) => `watched-pkg-${String(i).padStart(4, '0')}`);
const docs = new Map<string, string>();
let base = '';

function packument(name: string, versions: number): string {
  const vs: Record<string, unknown> = {};
  const time: Record<string, string> = {};
  for (let i = 0; i < versions; i++) {
    const v = `1.0.${i}`;
    vs[v] = {
      name,
      version: v,
      description: `package ${name} release ${v} `.repeat(4),
      dependencies: {},
      dist: { tarball: `${base}${name}/-/${name}-${v}.tgz`, integrity: 'sha512-AAAA', unpackedSize: 1000 + i },
    };
    time[v] = new Date(Date.UTC(2024, 0, 1 + i)).toISOString();
  }
  return JSON.stringify({ name, 'dist-tags': { latest: `1.0.${versions - 1}` }, versions: vs, time });
}

const stats = { full: 0, notModified: 0, other: 0, bytes: 0 };
const server = createServer((req, res) => {
  const name = decodeURIComponent((req.url ?? '/').slice(1));
  const body = docs.get(name);
  if (!body) {
    stats.other++;
    res.writeHead(404).end();
    return;
  }
  const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
  if (req.headers['if-none-match'] === etag) {
    stats.notModified++;
    res.writeHead(304, { etag }).end();
    return;
  }
  stats.full++;
  stats.bytes += body.length;
  res.writeHead(200, { 'content-type': 'application/json', etag }).end(body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
for (const n of names) docs.set(n, packument(n, 30));

const project = join(tmp, 'app');
mkdirSync(project);
const packages: Record<string, unknown> = {
  '': { name: 'app', version: '1.0.0', dependencies: Object.fromEntries(names.map((n) => [n, '^1.0.0'])) },
};
for (const n of names)
  packages[`node_modules/${n}`] = { version: '1.0.29', resolved: `${base}${n}/-/${n}-1.0.29.tgz`, integrity: 'sha512-AAAA' };
writeFileSync(
  join(project, 'package-lock.json'),
  JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }),
);
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0' }));

function runVigil(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'vigil.js'), ...args], {
      env: { ...process.env, HOME: tmp, npm_config_userconfig: join(tmp, 'none.npmrc') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

async function cycle(label: string) {
  Object.assign(stats, { full: 0, notModified: 0, other: 0, bytes: 0 });
  const t = performance.now();
  const r = await runVigil([
    'watch',
    project,
    '--once',
    '--registry',
    base,
    '--store',
    join(tmp, 'store.db'),
    '--requests-per-minute',
    '1000000',
  ]);
  const ms = performance.now() - t;
  const alerts = r.stdout.split('\n').filter((l) => l.trim()).length;
  const requests = stats.full + stats.notModified + stats.other;
  console.log(
    `${label.padEnd(26)} requests ${String(requests).padStart(5)}  full 200 ${String(stats.full).padStart(5)}  304 ${String(stats.notModified).padStart(5)}  other ${String(stats.other).padStart(3)}  bytes ${String(stats.bytes).padStart(10)}  alerts ${alerts}  wall ${(ms / 1000).toFixed(1)} s  exit ${r.status}`,
  );
  if (r.status !== 0 && r.status !== 1) console.log(r.stderr.slice(0, 2000));
  return { requests, full: stats.full, bytes: stats.bytes };
}

console.log(`vigil watch --once over ${N} watched packages (30 releases each), registry on 127.0.0.1`);
const cold = await cycle('cold (first sighting)');
const warm = await cycle('warm (nothing changed)');
const changed = names[Math.floor(N / 2)]!;
docs.set(changed, packument(changed, 31));
const one = await cycle('one package published');
console.log(
  `requests per watched package, nothing changed: ${(warm.requests / N).toFixed(3)}; full packument downloads: ${warm.full} (goal 0); bytes ${warm.bytes} vs cold ${cold.bytes} (${((warm.bytes / Math.max(1, cold.bytes)) * 100).toFixed(2)}%)`,
);
console.log(`one publish: ${one.full} full download(s) for ${N} packages`);
server.close();
rmSync(tmp, { recursive: true, force: true });
