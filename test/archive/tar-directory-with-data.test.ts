/**
 * A hostile tar whose directory entry claims data: tar-stream never ends such an entry's stream, so a
 * reader that waited for it would hang the scan. The entry after it must still be read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { EntryCollector } from '../../src/sources/archive/collector.js';
import { resolveLimits } from '../../src/sources/archive/limits.js';
import { readTar } from '../../src/sources/archive/tar-reader.js';
import { readArchive } from '../../src/sources/archive/index.js';
import { makeTar } from './helpers.js';

/** Writes a valid checksum into the header at `at` (after a field was changed). */
function fixChecksum(t: Buffer, at = 0): void {
  let sum = 256;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0 : t[at + i]!;
  t.write(`${sum.toString(8).padStart(6, '0')}\0 `, at + 148, 'latin1');
}

/** A tar whose first entry, a directory, claims 512 bytes of data. */
async function directoryWithData(): Promise<Buffer> {
  const t = await makeTar([
    { name: 'd/', type: 'directory' },
    { name: 'f.txt', body: 'hello' },
  ]);
  t.write('00000001000\0', 124, 'latin1');
  fixChecksum(t);
  return t;
}

test(
  'a directory whose header claims data does not leave the tar reader waiting forever: the entry after it is read',
  { timeout: 10_000 },
  async () => {
    const c = new EntryCollector('t', 'tar', resolveLimits({}));
    await readTar(Readable.from([await directoryWithData()]), c);
    assert.deepEqual(
      c.finish('auto').files.map((f) => [f.path, f.data?.toString()]),
      [['f.txt', 'hello']],
    );
  },
);

test('the same tar, gzipped as npm serves it, read as a whole archive finishes too', { timeout: 10_000 }, async () => {
  const r = await readArchive(gzipSync(await directoryWithData()));
  assert.ok(r.files.some((f) => f.path.endsWith('f.txt')));
});
