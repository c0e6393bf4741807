import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { readArchive } from '../../src/sources/archive/index.js';
import { isVigilError } from '../../src/core/errors.js';
import { FIXTURES, makeTgz } from './helpers.js';

const paths = (r: { files: { path: string }[] }): string[] => r.files.map((f) => f.path);

describe('readArchive formats', () => {
  for (const name of ['pkg.tgz', 'pkg.tar', 'pkg.tar.xz', 'pkg-sha256.tar.xz', 'pkg.tar.bz2', 'pkg.tar.zst', 'pkg.zip']) {
    test(`${name}: same files, npm prefix stripped, content kept`, async () => {
      const r = await readArchive(join(FIXTURES, 'basic', name), { strip: 'npm' });
      assert.deepEqual(paths(r), ['index.js', 'lib/a.js', 'package.json']);
      assert.equal(r.files.find((f) => f.path === 'lib/a.js')?.data?.toString(), 'module.exports = 42;\n');
      assert.equal(r.problems, undefined);
      assert.equal(r.skipped.length, 0);
    });
  }

  test('format comes from magic bytes, not the name (a Buffer has none)', async () => {
    const r = await readArchive(readFileSync(join(FIXTURES, 'basic', 'pkg.tar.bz2')), { origin: 'mislabelled.tgz' });
    assert.equal(r.format, 'tar.bz2');
    assert.equal(r.origin, 'mislabelled.tgz');
    assert.deepEqual(paths(r), ['index.js', 'lib/a.js', 'package.json'], 'auto strip removes the shared top folder');
  });

  test('strip none keeps the package/ prefix', async () => {
    const r = await readArchive(join(FIXTURES, 'basic', 'pkg.tgz'), { strip: 'none' });
    assert.deepEqual(paths(r), ['package/index.js', 'package/lib/a.js', 'package/package.json']);
  });
});

describe('readArchive hostile entries', () => {
  test('.., absolute and drive-letter paths are skipped before prefix stripping; links recorded, not followed', async () => {
    const tgz = await makeTgz([
      { name: 'package/package.json', body: '{}' },
      { name: 'package/../../escape.txt', body: 'x' },
      { name: '../outside.txt', body: 'x' },
      { name: '/etc/cron.d/evil', body: 'x' },
      { name: 'C:/Windows/evil.dll', body: 'x' },
      { name: 'package/link', type: 'symlink', linkname: '../../../etc/passwd' },
      { name: 'package/hard', type: 'link', linkname: '/etc/shadow' },
    ]);
    const r = await readArchive(tgz, { strip: 'npm', origin: 'evil.tgz' });
    assert.deepEqual(paths(r), ['hard', 'link', 'package.json']);
    const link = r.files.find((f) => f.path === 'link')!;
    assert.equal(link.linkTarget, '../../../etc/passwd');
    assert.equal(link.linkType, 'symlink');
    assert.equal(link.data, undefined, 'a link never carries content');
    assert.equal(r.files.find((f) => f.path === 'hard')?.linkType, 'hardlink');
    const reasons = Object.fromEntries(r.skipped.map((s) => [s.path, s.reason]));
    assert.match(reasons['package/../../escape.txt']!, /escapes/);
    assert.match(reasons['../outside.txt']!, /escapes/);
    assert.match(reasons['/etc/cron.d/evil']!, /absolute/);
    assert.match(reasons['C:/Windows/evil.dll']!, /drive-letter/);
    assert.deepEqual(
      r.skipped.map((s) => `${s.kind} ${s.path}`),
      [
        'parent-escape package/../../escape.txt',
        'parent-escape ../outside.txt',
        'absolute-path /etc/cron.d/evil',
        'drive-letter C:/Windows/evil.dll',
      ],
    );
  });

  test('zip-slip entries skipped; zip symlink target recorded from its content', async () => {
    const r = await readArchive(join(FIXTURES, 'zip-slip', 'evil.zip'));
    assert.deepEqual(paths(r), ['link', 'ok.txt']);
    assert.equal(r.files.find((f) => f.path === 'link')?.linkTarget, '../../etc/passwd');
    assert.equal(r.skipped.length, 2);
  });

  test('duplicate entries: the later copy wins and the replacement is reported', async () => {
    const tgz = await makeTgz([
      { name: 'package/index.js', body: 'benign' },
      { name: 'package/index.js', body: 'second' },
    ]);
    const r = await readArchive(tgz, { strip: 'npm' });
    assert.equal(r.files[0]?.data?.toString(), 'second');
    assert.match(r.skipped[0]!.reason, /duplicate/);
  });

  test('path depth cap', async () => {
    const deep = 'package/' + Array.from({ length: 10 }, (_, i) => `d${i}`).join('/') + '/f.js';
    const r = await readArchive(
      await makeTgz([
        { name: deep, body: 'x' },
        { name: 'package/ok.js', body: 'y' },
      ]),
      { limits: { maxDepth: 5 }, strip: 'npm' },
    );
    assert.deepEqual(paths(r), ['ok.js']);
    assert.match(r.skipped[0]!.reason, /deeper than 5/);
  });
});

describe('readArchive limits give partial results, never a crash', () => {
  test('entry-count cap stops reading with E_ARCHIVE_LIMIT and keeps what was read', async () => {
    const entries = Array.from({ length: 300 }, (_, i) => ({ name: `package/f${String(i).padStart(3, '0')}.js`, body: 'x' }));
    const r = await readArchive(await makeTgz(entries), { limits: { maxEntries: 100 }, strip: 'npm', origin: 'many.tgz' });
    assert.equal(r.files.length, 100);
    assert.equal(r.problems?.[0]?.code, 'E_ARCHIVE_LIMIT');
    assert.match(r.problems![0]!.message, /^many\.tgz: more than 100 entries/);
    assert.ok(r.skipped.some((s) => s.path === '*' && /later entries not read/.test(s.reason)));
  });

  test('per-file cap keeps only the head of a large file', async () => {
    const big = Buffer.alloc(300_000, 0x41);
    big.write('\x7fELF', 0, 'latin1');
    const r = await readArchive(
      await makeTgz([
        { name: 'package/big.bin', body: big },
        { name: 'package/small.js', body: 'ok' },
      ]),
      { limits: { maxFileBytes: 100_000, headBytes: 1024 }, strip: 'npm' },
    );
    const f = r.files.find((x) => x.path === 'big.bin')!;
    assert.equal(f.truncated, true);
    assert.equal(f.data, undefined);
    assert.equal(f.head?.length, 1024);
    assert.equal(f.head?.subarray(0, 4).toString('latin1'), '\x7fELF');
    assert.equal(f.size, 300_000);
    assert.equal(r.files.find((x) => x.path === 'small.js')?.data?.toString(), 'ok');
    assert.equal(r.problems, undefined, 'a big file alone is not a limit stop');
  });

  test('a file whose header says it is over the per-file cap is never collected past its head', async () => {
    // Kept bytes count toward the total cap: collecting the big file up to the per-file cap (and
    // only then cutting it to its head) stopped the archive at the total cap, and held 32 MiB per
    // native binary of a real scan. The head alone fits, so nothing stops.
    const big = Buffer.alloc(300_000, 0x42);
    const r = await readArchive(
      await makeTgz([
        { name: 'package/big.node', body: big },
        { name: 'package/index.js', body: 'ok' },
      ]),
      { limits: { maxFileBytes: 100_000, headBytes: 1024, maxTotalBytes: 50_000 }, strip: 'npm' },
    );
    assert.equal(r.problems, undefined, 'no total-size stop');
    const f = r.files.find((x) => x.path === 'big.node')!;
    assert.deepEqual([f.truncated, f.head?.length, f.size], [true, 1024, 300_000]);
    assert.equal(r.files.find((x) => x.path === 'index.js')?.data?.toString(), 'ok');
    assert.equal(r.skipped.filter((s) => s.kind === 'truncated').length, 1);
  });

  test('total-size cap', async () => {
    const entries = Array.from({ length: 10 }, (_, i) => ({ name: `package/f${i}.bin`, body: Buffer.alloc(50_000, i) }));
    const r = await readArchive(await makeTgz(entries), { limits: { maxTotalBytes: 200_000 }, strip: 'npm' });
    assert.ok(r.files.length < 10 && r.files.length >= 3);
    assert.equal(r.problems?.[0]?.code, 'E_ARCHIVE_LIMIT');
  });

  for (const bomb of ['ratio.tgz', 'ratio.zip']) {
    test(`compression-ratio cap on ${bomb}`, async () => {
      const r = await readArchive(join(FIXTURES, 'bomb', bomb));
      assert.equal(r.problems?.[0]?.code, 'E_ARCHIVE_LIMIT');
      assert.match(r.problems![0]!.message, /compression ratio above 200:1/);
      assert.ok(!r.files.some((f) => f.path.endsWith('zeros.bin')), 'the bomb entry is not kept');
    });
  }
});

describe('readArchive bad data', () => {
  const cases: [string, RegExp][] = [
    ['truncated.tgz', /truncated\.tgz: cannot read tgz archive/],
    ['not-gzip.tgz', /not-gzip\.tgz: not a valid tgz archive/],
    ['truncated.tar.xz', /truncated\.tar\.xz: cannot read tar\.xz archive/],
  ];
  for (const [name, re] of cases) {
    test(`${name} → E_ARCHIVE naming the origin`, async () => {
      await assert.rejects(
        readArchive(join(FIXTURES, 'corrupt', name)),
        (e: unknown) => isVigilError(e, 'E_ARCHIVE') && re.test(e.message),
      );
    });
  }

  test('missing file → E_INPUT_NOT_FOUND', async () => {
    await assert.rejects(readArchive(join(FIXTURES, 'nope.tgz')), (e: unknown) => isVigilError(e, 'E_INPUT_NOT_FOUND'));
  });
});
