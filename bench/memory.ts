/**
 * Where a cold scan's peak memory goes: one cold scan of a bench fixture against the local registry
 * (bench/.work/registry, filled by `npm run bench`), sampled every ~100 ms by bench/lib/mem-probe.mjs
 * (RSS, the main thread's heap / external / array buffers, each worker's heap). Prints wall, CPU and
 * peak RSS (/usr/bin/time), the composition at the sampled peak, and the largest value of each part.
 * Usage: npm run bench:memory -- [--fixture platform-app] [--registry DIR] [--node-flag F]... [--env K=V]... [--keep FILE]
 * `--node-flag` passes a node/V8 option to the scan, `--env` an environment variable (both repeatable), to compare configurations.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocalRegistry } from './lib/server.js';
import { timed } from './lib/timed.js';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const fixture = arg('--fixture') ?? 'platform-app';
const registry = resolve(arg('--registry') ?? join(root, 'bench', '.work', 'registry'));
const repeated = (name: string) => args.flatMap((a, i) => (a === name && args[i + 1] ? [args[i + 1]!] : []));
const nodeFlags = repeated('--node-flag');
// `--env K=V`: an environment variable for the scan (e.g. glibc's MALLOC_ARENA_MAX), to compare configurations.
const env = Object.fromEntries(repeated('--env').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));

interface Sample {
  t: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  malloced: number;
  anon?: number;
  file?: number;
  shmem?: number;
  threads?: number;
  /** Extent of glibc's main malloc heap, MiB (bench/lib/mem-probe.mjs). */
  mainHeapExtent?: number;
  workers: { id: number; total: number; used: number; max: number; ext: number; age: number }[];
}

/**
 * Resident memory by kind of mapping: files, the main malloc heap ([heap]), and anonymous mappings by
 * size (V8 allocates its heap in 256 KiB pages; glibc gives each thread arena a 64 MiB region).
 */
function smapsSummary(text: string): string {
  const sums = new Map<string, number>();
  let kind = '';
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (head) {
      const size = (parseInt(head[2]!, 16) - parseInt(head[1]!, 16)) / 1024;
      const name = head[3]!.trim();
      kind = name.startsWith('/')
        ? 'files'
        : name
          ? name
          : size === 256
            ? 'anon 256 KiB (V8 pages)'
            : size >= 60 * 1024 && size <= 64 * 1024
              ? 'anon ≤64 MiB arena-sized'
              : size < 1024
                ? 'anon < 1 MiB'
                : 'anon other';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) sums.set(kind, (sums.get(kind) ?? 0) + Number(rss[1]) / 1024);
  }
  return [...sums]
    .sort((a, b) => b[1] - a[1])
    .filter(([, v]) => v >= 1)
    .map(([k, v]) => `${k} ${v.toFixed(0)}`)
    .join(', ');
}

const reg = await startLocalRegistry(registry);
const tmp = mkdtempSync(join(tmpdir(), 'vigil-mem-'));
try {
  const probe = arg('--keep') ?? join(tmp, 'probe.jsonl');
  const m = await timed(
    process.execPath,
    [
      ...nodeFlags,
      '--import',
      join(root, 'bench', 'lib', 'mem-probe.mjs'),
      join(root, 'bin', 'vigil.js'),
      'scan',
      resolve(root, 'bench', 'fixtures', fixture),
      '--registry',
      reg.url,
      '--store',
      join(tmp, 'vigil.db'),
      '--format',
      'json',
      '--output',
      join(tmp, 'out.json'),
      '--no-progress',
      '--quiet',
    ],
    root,
    { ...env, CI: '1', VIGIL_MEM_PROBE: probe },
  );
  const samples = readFileSync(probe, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Sample);
  const out = JSON.parse(readFileSync(join(tmp, 'out.json'), 'utf8')) as { summary: { components: number }; problems: { code: string }[] };
  const codes: Record<string, number> = {};
  for (const p of out.problems) codes[p.code] = (codes[p.code] ?? 0) + 1;
  console.log(
    `${fixture} cold scan ${[...repeated('--env'), ...nodeFlags].join(' ') || '(defaults)'}: exit ${m.code}, ${out.summary.components} components, problems ${JSON.stringify(codes)}`,
  );
  console.log(`wall ${m.wall.toFixed(1)} s, CPU ${m.cpu.toFixed(1)} s, peak RSS ${m.rssMb.toFixed(0)} MiB (/usr/bin/time)`);
  const workerHeap = (s: Sample) => s.workers.reduce((n, w) => n + w.total, 0);
  const show = (s: Sample) => {
    const rest = s.rss - s.heapTotal - s.arrayBuffers - workerHeap(s);
    return (
      `t=${(s.t / 1000).toFixed(1)} s rss ${s.rss} = main heap ${s.heapTotal} (used ${s.heapUsed}) + main arrayBuffers ${s.arrayBuffers}` +
      ` (external ${s.external}) + worker heaps ${workerHeap(s).toFixed(1)} [${s.workers.map((w) => `${w.total}/${w.used}`).join(', ')}] + rest ${rest.toFixed(1)}`
    );
  };
  const peak = samples.reduce((a, b) => (b.rss > a.rss ? b : a));
  console.log(`sampled peak: ${show(peak)}`);
  console.log(`  of which anonymous ${peak.anon} MiB, file-backed ${peak.file}, shared ${peak.shmem}; ${peak.threads} threads`);
  const extent = samples.reduce((n, s) => Math.max(n, s.mainHeapExtent ?? 0), 0);
  if (extent) console.log(`  main malloc heap ([heap]) extent: ${peak.mainHeapExtent} MiB at the peak, ${extent} MiB at most`);
  if (existsSync(`${probe}.smaps`)) console.log(`  mappings at the peak: ${smapsSummary(readFileSync(`${probe}.smaps`, 'utf8'))}`);
  for (const k of ['heapTotal', 'heapUsed', 'arrayBuffers', 'external'] as const) {
    const s = samples.reduce((a, b) => (b[k] > a[k] ? b : a));
    console.log(`max main ${k}: ${s[k]} at t=${(s.t / 1000).toFixed(1)} s (rss then ${s.rss})`);
  }
  const wmax = samples.reduce((a, b) => (workerHeap(b) > workerHeap(a) ? b : a));
  console.log(`max worker heaps together: ${workerHeap(wmax).toFixed(1)} at t=${(wmax.t / 1000).toFixed(1)} s (rss then ${wmax.rss})`);
  const perWorker = new Map<number, number>();
  for (const s of samples) for (const w of s.workers) perWorker.set(w.id, Math.max(perWorker.get(w.id) ?? 0, w.max));
  console.log(`largest heap per worker: ${[...perWorker].map(([id, mx]) => `#${id} ${mx}`).join(', ')}`);
  // The ten highest RSS samples, to see whether the peak is one moment or a plateau.
  for (const s of [...samples].sort((a, b) => b.rss - a.rss).slice(0, 5)) console.log(`  ${show(s)}`);
} finally {
  reg.server.close();
  rmSync(tmp, { recursive: true, force: true });
}
