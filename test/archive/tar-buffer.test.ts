/**
 * The synchronous reader of whole tars (tar-buffer.ts) must give what tar-stream gives (tar-reader.ts)
 * for every tar it accepts — files, bytes, modes, links, skipped entries, partial results at a
 * limit — and must hand every tar it cannot vouch for back to tar-stream, untouched.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { EntryCollector, LimitReached } from '../../src/sources/archive/collector.js';
import { resolveLimits, type ArchiveLimits } from '../../src/sources/archive/limits.js';
import { readTar } from '../../src/sources/archive/tar-reader.js';
import { readPlainTar } from '../../src/sources/archive/tar-buffer.js';
import { makeTar, type TarEntry } from './helpers.js';

/** What a collector ended with, comparable as a string (file bytes included). */
function outcome(c: EntryCollector): string {
  const r = c.finish('auto');
  return JSON.stringify({
    ...r,
    files: r.files.map((f) => ({ ...f, data: f.data?.toString('base64'), head: f.head?.toString('base64') })),
  });
}

async function viaStream(tar: Buffer, limits: ArchiveLimits): Promise<string> {
  const c = new EntryCollector('t', 'tar', limits);
  try {
    await readTar(Readable.from([tar]), c);
  } catch (e) {
    if (!(e instanceof LimitReached)) return `error: ${(e as Error).message}`;
    c.stoppedBy(e);
  }
  return outcome(c);
}

/** The plain reader's outcome, or undefined when it handed the tar back (having fed the collector nothing). */
function viaPlain(tar: Buffer, limits: ArchiveLimits): string | undefined {
  const c = new EntryCollector('t', 'tar', limits);
  try {
    if (!readPlainTar(tar, c)) {
      assert.equal(outcome(c), outcome(new EntryCollector('t', 'tar', limits)), 'a tar handed back fed the collector nothing');
      return undefined;
    }
  } catch (e) {
    if (!(e instanceof LimitReached)) throw e;
    c.stoppedBy(e);
  }
  return outcome(c);
}

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

const long = 'deeply/'.repeat(20);
const entries: TarEntry[] = [
  { name: 'package/package.json', body: '{"name":"x"}' },
  { name: 'package/empty.js', body: '' },
  { name: 'package/lib/', type: 'directory' },
  { name: 'package/lib/a.js', body: 'a'.repeat(1000), mode: 0o755 },
  { name: `package/${long}name-that-needs-a-pax-header-or-a-prefix.js`, body: 'b'.repeat(513) },
  { name: 'package/link', type: 'symlink', linkname: '../outside' },
  { name: 'package/hard', type: 'link', linkname: 'package/lib/a.js' },
  { name: 'package/../escape.js', body: 'c' },
  { name: 'package/lib/a.js', body: 'again' },
  { name: 'package/big.bin', body: Buffer.alloc(70_000, 7) },
];

describe('whole tars read in one pass', () => {
  test('an ordinary tar takes the one-pass path and gives what tar-stream gives', async () => {
    const tar = await makeTar(entries);
    const limits = resolveLimits({});
    const plain = viaPlain(tar, limits);
    assert.ok(plain !== undefined, 'read in one pass');
    assert.equal(plain, await viaStream(tar, limits));
  });

  test('the same at every limit: entries, file size (kept head), total bytes', async () => {
    const tar = await makeTar(entries);
    for (const l of [{ maxEntries: 4 }, { maxFileBytes: 600, headBytes: 100 }, { maxTotalBytes: 5000 }, { maxDepth: 3 }]) {
      const limits = resolveLimits(l);
      assert.equal(viaPlain(tar, limits), await viaStream(tar, limits), JSON.stringify(l));
    }
  });

  test('tars tar-stream fails on or reads oddly are handed back: bad checksum, cut data, bytes left over, a directory with data', async () => {
    const tar = await makeTar(entries);
    const limits = resolveLimits({});
    const badSum = Buffer.from(tar);
    badSum[0] = badSum[0]! ^ 1;
    const dirWithData = await directoryWithData();
    for (const [what, t] of [
      ['bad checksum', badSum],
      ['data cut off', tar.subarray(0, 1500)],
      ['bytes left over', Buffer.concat([tar, Buffer.alloc(100)])],
      ['directory with data', dirWithData],
    ] as const) {
      assert.equal(viaPlain(t, limits), undefined, what);
      assert.match(await viaStream(t, limits), /error|"files"/, what);
    }
  });

  test('a directory whose header claims data does not leave tar-stream waiting forever: the entry after it is read', async () => {
    const t = await directoryWithData();
    const c = new EntryCollector('t', 'tar', resolveLimits({}));
    await readTar(Readable.from([t]), c);
    assert.deepEqual(
      c.finish('auto').files.map((f) => [f.path, f.data?.toString()]),
      [['f.txt', 'hello']],
    );
  });

  test('mutated headers: whatever the one-pass path accepts, tar-stream reads the same', async () => {
    const tar = await makeTar(entries);
    const limits = resolveLimits({});
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    let accepted = 0;
    for (let k = 0; k < 300; k++) {
      const t = Buffer.from(tar);
      const at = rnd(Math.floor(t.length / 512)) * 512;
      for (let j = 0; j <= rnd(3); j++) t[at + rnd(512)] = rnd(256);
      if (rnd(4) > 0) {
        // Most mutations keep a valid checksum, so they reach the fields behind it.
        fixChecksum(t, at);
      }
      const plain = viaPlain(t, limits);
      if (plain === undefined) continue;
      accepted++;
      assert.equal(plain, await viaStream(t, limits), `mutation ${k}`);
    }
    assert.ok(accepted > 50, `${accepted} mutated tars read in one pass`);
  });
});
