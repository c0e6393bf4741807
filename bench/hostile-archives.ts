/**
 * Peak memory and time of reading each compression bomb, one child process per bomb (so peak RSS
 * is that bomb's alone), against a floor measured in the same run: the same reader on an ordinary
 * small .tgz. The parent builds every input into a temporary file first, so a child's peak RSS is
 * the reader's and not the builder's (building the 20,000-entry zip alone takes about 400 MiB). Prints bomb, inflated bytes, wall and CPU time, peak RSS, and the ratios to the floor.
 * Usage: node --import tsx bench/hostile-archives.ts            (all)
 *        node --import tsx bench/hostile-archives.ts one NAME FILE   (internal: run one case)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readArchive } from '../src/sources/archive/index.js';
import { ordinaryZip, overlappingZip, quotedOverlapZip, tarHeader, zstdBomb } from '../test/hostile/bombs.js';

const HOSTILE = fileURLToPath(new URL('../test/fixtures/hostile/', import.meta.url));
const MiB = 1024 * 1024;

const cases: Record<string, () => Buffer> = {
  'floor: ordinary 1 MiB .tgz': () => {
    const data = Buffer.alloc(MiB, 'a quick brown fox ');
    return gzipSync(Buffer.concat([tarHeader('package/a.txt', data.length), data, Buffer.alloc(1024)]));
  },
  'bzip2 1.6 KB -> 2 GB': () => readFileSync(`${HOSTILE}bomb-2g.tar.bz2`),
  'zstd 320 KB -> 10 GB': () => zstdBomb(10 * 1024 * MiB),
  'xz 156 KB -> 1 GB': () => readFileSync(`${HOSTILE}bomb-1g.tar.xz`),
  'floor: ordinary zip, 20,000 small entries': () =>
    ordinaryZip(Array.from({ length: 20_000 }, (_, i) => ({ name: `package/f${i}.txt`, data: Buffer.from(`file ${i}`) }))),
  'zip 20,000 entries sharing one 40 MB stream': () => overlappingZip(20_000, 40 * MiB),
  'zip 50 local headers quoting one 1 MiB stream': () => quotedOverlapZip(50, MiB),
  'zstd 921 B declaring a 1.9 GiB window': () => readFileSync(`${HOSTILE}archives/zstd-window.tar.zst`),
};

/**
 * This process's own peak RSS: VmHWM belongs to the address space, which exec replaces, while the
 * kernel's ru_maxrss also keeps the high-water mark of the parent it was forked from.
 */
function peakRssKiB(): number {
  const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS;
}

if (process.argv[2] === 'one') {
  const name = process.argv[3]!;
  const input = readFileSync(process.argv[4]!);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await readArchive(input, { origin: name });
  const ms = performance.now() - t0;
  const c1 = process.cpuUsage(c0);
  const cpuMs = (c1.user + c1.system) / 1000;
  process.stdout.write(
    JSON.stringify({
      ms,
      cpuMs,
      rssMiB: peakRssKiB() / 1024,
      inflated: r.inflatedBytes ?? 0,
      problem: r.problems?.[0]?.message ?? '',
    }),
  );
} else {
  const self = fileURLToPath(import.meta.url);
  const results: Record<string, { ms: number; cpuMs: number; rssMiB: number; inflated: number; problem: string }> = {};
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bombs-'));
  try {
    for (const [name, build] of Object.entries(cases)) {
      const file = join(dir, 'input');
      writeFileSync(file, build());
      const out = execFileSync(process.execPath, ['--import', 'tsx', self, 'one', name, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
      results[name] = JSON.parse(out);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const floor = results['floor: ordinary 1 MiB .tgz']!;
  console.log('case | inflated MiB | time ms | CPU ms | peak RSS MiB | time/floor | CPU/floor | RSS/floor | stopped by');
  for (const [name, r] of Object.entries(results)) {
    console.log(
      [
        name,
        (r.inflated / MiB).toFixed(1),
        r.ms.toFixed(0),
        r.cpuMs.toFixed(0),
        r.rssMiB.toFixed(0),
        (r.ms / floor.ms).toFixed(1),
        (r.cpuMs / floor.cpuMs).toFixed(1),
        (r.rssMiB / floor.rssMiB).toFixed(2),
        r.problem.replace(/^.*?: /, ''),
      ].join(' | '),
    );
  }
  // The floors are ordinary inputs, not bombs: the 256 MiB budget is for bombs.
  const worst = Math.max(...Object.entries(results).flatMap(([n, r]) => (n.startsWith('floor:') ? [] : [r.rssMiB])));
  console.log(`worst peak RSS of a bomb: ${worst.toFixed(0)} MiB (budget 256 MiB): ${worst <= 256 ? 'OK' : 'OVER'}`);
}
