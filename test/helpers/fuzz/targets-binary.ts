/**
 * Fuzz targets for binary formats: tar, gzip/xz/bzip2/zstd-compressed tar (raw mutations of the
 * compressed bytes, and for gzip also well-formed compression of a mutated tar), zip, .deb and ELF.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { analyzeBinaries } from '../../../src/analyzers/binary/package.js';
import { readArchive, type ArchiveLimits } from '../../../src/sources/archive/index.js';
import { gccMissing, buildLib } from '../native-fixtures.js';
import { ContractBroken, placedProblems, typedOnly } from './contract.js';
import type { FuzzTarget } from './types.js';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures');
const read = (...rel: string[]): Buffer[] => rel.map((r) => readFileSync(join(FIX, r)));

function archiveTarget(
  name: string,
  origin: string,
  seeds: () => Buffer[],
  prepare: (b: Buffer) => Buffer = (b) => b,
  limits?: Partial<ArchiveLimits>,
): FuzzTarget {
  return {
    name,
    seeds,
    async run(input) {
      const out = await typedOnly({ file: origin }, () => readArchive(prepare(input), { origin, ...(limits ? { limits } : {}) }));
      if (out instanceof Error) return;
      for (const f of out.files) {
        if (f.path.startsWith('/') || f.path.split('/').includes('..')) throw new ContractBroken(`entry path escapes: ${f.path}`);
      }
      placedProblems(out.problems);
    },
  };
}

const tars = (): Buffer[] => read('archive/basic/pkg.tar');

/** ratio.tgz with its zeros.bin (the third 512-byte block is its header) cut to 2 MiB: about 2 KB of gzip. */
function smallBomb(): Buffer {
  const size = 2 * 1024 * 1024;
  const head = Buffer.from(gunzipSync(read('archive/bomb/ratio.tgz')[0]!).subarray(0, 1536));
  const h = head.subarray(1024);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  h.fill(' ', 148, 156);
  const sum = h.reduce((a, c) => a + c, 0);
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return gzipSync(Buffer.concat([head, Buffer.alloc(size + 1024)]), { level: 9 });
}

export const BINARY_TARGETS: FuzzTarget[] = [
  archiveTarget('tar', 'fuzz.tar', tars),
  archiveTarget('tgz', 'fuzz.tgz', tars, (b) => gzipSync(b, { level: 1 })),
  // Limits scaled down, the same checks: a third of the seeds is a ratio bomb. ratio.tgz (24 KB →
  // 25 MB) inflated 4.9 MB per case before the 200:1 check stopped it (0.3 s a case), and a 0.5 MiB
  // input of repeated deflate ranges up to 39 MB (2 s); the bomb cut to 2 MiB, with the ratio checked
  // from 256 KiB on and capped at 20:1, reaches the same checks after a tenth of the bytes.
  archiveTarget('gzip', 'fuzz.tgz', () => [...read('archive/basic/pkg.tgz', 'archive/corrupt/truncated.tgz'), smallBomb()], undefined, {
    ratioFloorBytes: 256 * 1024,
    maxRatio: 20,
  }),
  archiveTarget('xz', 'fuzz.tar.xz', () =>
    read('archive/basic/pkg.tar.xz', 'archive/basic/pkg-sha256.tar.xz', 'archive/corrupt/truncated.tar.xz'),
  ),
  archiveTarget('bzip2', 'fuzz.tar.bz2', () => read('archive/basic/pkg.tar.bz2')),
  archiveTarget('zstd', 'fuzz.tar.zst', () => read('archive/basic/pkg.tar.zst')),
  archiveTarget('zip', 'fuzz.zip', () => read('archive/basic/pkg.zip', 'archive/zip-slip/evil.zip', 'archive/bomb/ratio.zip')),
  archiveTarget('deb', 'fuzz.deb', () =>
    read('debian/debs/fixture-app_1.0-1_amd64.deb', 'debian/debs/fixture-lib_1.0-1_amd64.deb', 'debian/debs/fixture-tool_1.0-1_amd64.deb'),
  ),
  {
    name: 'elf',
    // A gcc-built library when gcc is there, else the system's own `true` (read, never run).
    seeds: () => (gccMissing() ? [readFileSync('/usr/bin/true')] : [buildLib('gotpatch-v2'), buildLib('cpu-dispatch-v2', { strip: true })]),
    run(input) {
      const files = {
        origin: 'fuzz',
        files: [{ path: 'lib/fuzz.so', size: input.length, data: input }],
        skipped: [],
        totalSize: input.length,
      };
      const r = analyzeBinaries(files, { subject: 'pkg:npm/fuzz@1.0.0', ecosystem: 'npm' });
      placedProblems(r.problems);
      for (const p of r.problems)
        if (p.file !== 'lib/fuzz.so') throw new ContractBroken(`ELF problem names ${String(p.file)}: ${p.message}`);
    },
  },
];
