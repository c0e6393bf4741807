/**
 * The one-call inflation of small gzip tarballs (small-gzip.ts) must give exactly what the streamed
 * decoder gives: same files and bytes, same partial results at every cap, same errors. A path input
 * always streams, so reading the same bytes as a path and as a Buffer compares the two paths.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  readArchive,
  resolveLimits,
  ScanInflateBudget,
  type PackageFiles,
  type ReadArchiveOptions,
} from '../../src/sources/archive/index.js';
import { InflateBudget } from '../../src/sources/archive/budget.js';
import { inflateSmallGzip } from '../../src/sources/archive/small-gzip.js';
import { makeTar, makeTgz } from './helpers.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

function tgzFixtures(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tgzFixtures(join(dir, e.name)) : e.name.endsWith('.tgz') ? [join(dir, e.name)] : [],
  );
}

/** Outcome of a read, comparable across the two paths: the files, or the error's code and message. */
async function outcome(input: Buffer | string, opts: ReadArchiveOptions): Promise<PackageFiles | { error: string }> {
  try {
    return await readArchive(input, { origin: 'same-origin', ...opts });
  } catch (e) {
    return { error: `${(e as { code?: string }).code}: ${(e as Error).message}` };
  }
}

/** Reads `bytes` as a Buffer (one-call inflation when small) and from a file (always streamed). */
async function bothWays(bytes: Buffer, opts: () => ReadArchiveOptions = () => ({})) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-small-gzip-'));
  try {
    const file = join(dir, 'archive'); // no extension: the format comes from magic bytes on both paths
    writeFileSync(file, bytes);
    return { buffer: await outcome(bytes, opts()), stream: await outcome(file, opts()) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('small gzip tarballs inflated in one call', () => {
  const fixtures = tgzFixtures(FIXTURES);
  test('there are tgz fixtures to compare (registry mirrors, corrupt and bomb archives)', () => {
    assert.ok(fixtures.length >= 10, `${fixtures.length} fixtures`);
  });
  for (const f of fixtures) {
    test(`${relative(FIXTURES, f)}: same files, bytes, limits and errors as the streamed path`, async () => {
      const { buffer, stream } = await bothWays(readFileSync(f), () => ({ strip: 'npm' }));
      assert.deepEqual(buffer, stream);
    });
  }

  test('an ordinary package takes the one-call path and is charged to the budget', async () => {
    const tgz = await makeTgz([
      { name: 'package/package.json', body: '{"name":"a"}' },
      { name: 'package/index.js', body: 'module.exports = 1;\n' },
    ]);
    const scan = new ScanInflateBudget(1 << 30);
    const budget = new InflateBudget(resolveLimits(), scan);
    const tar = inflateSmallGzip(tgz, budget);
    assert.ok(tar, 'inflated in one call');
    // The same bytes zlib inflates (a tar made again here could differ in its headers' mtime).
    assert.deepEqual(tar, gunzipSync(tgz));
    assert.equal(budget.inflated, tar.length);
    assert.equal(scan.used, tar.length);
  });

  test('the tar is inflated into one buffer of the size its trailer declares, not into 256 KiB steps', async () => {
    const tar = await makeTar([{ name: 'package/index.js', body: 'module.exports = 1;\n'.repeat(2000) }]);
    const out = inflateSmallGzip(gzipSync(tar), new InflateBudget(resolveLimits(), new ScanInflateBudget(1 << 30)));
    assert.deepEqual(out, tar);
    assert.equal(out!.buffer.byteLength, tar.length + 1, 'no larger step, and no second buffer joined to it');
  });

  test('a trailer that claims a small size over a bomb: the streamed path stops it at the ratio cap, as before', async () => {
    // Larger than one output buffer of the streamed decoder, which checks the caps after each.
    const tgz = await makeTgz([{ name: 'package/zeros.bin', body: Buffer.alloc(48 * 1024 * 1024) }]);
    tgz.writeUInt32LE(1000, tgz.length - 4);
    const budget = new InflateBudget(resolveLimits(), new ScanInflateBudget(1 << 30));
    assert.equal(inflateSmallGzip(tgz, budget), undefined, 'more than the trailer said: left to the stream');
    assert.equal(budget.inflated, 0, 'nothing charged');
    const { buffer, stream } = await bothWays(tgz);
    assert.deepEqual(buffer, stream);
    assert.match((buffer as PackageFiles).problems?.[0]?.message ?? '', /compression ratio above 200:1/);
  });

  test('what is left of the scan-wide budget bounds the one-call path: the stream reports the scan limit, as before', async () => {
    const tgz = await makeTgz(Array.from({ length: 4 }, (_, i) => ({ name: `package/f${i}.bin`, body: Buffer.alloc(100_000, i) })));
    const { buffer, stream } = await bothWays(tgz, () => ({ scanBudget: new ScanInflateBudget(150_000) }));
    assert.deepEqual(buffer, stream);
    assert.match((buffer as PackageFiles).problems?.[0]?.message ?? '', /inflated in this scan/);
  });

  test('a damaged gzip (bad CRC) fails the same way on both paths, naming the origin', async () => {
    const tgz = gzipSync(await makeTar([{ name: 'package/index.js', body: 'x'.repeat(5000) }]));
    tgz.writeUInt32LE((tgz.readUInt32LE(tgz.length - 8) ^ 1) >>> 0, tgz.length - 8);
    const { buffer, stream } = await bothWays(tgz);
    assert.deepEqual(buffer, stream);
    assert.match((buffer as { error: string }).error, /^E_ARCHIVE: same-origin: cannot read tgz archive/);
  });
});
