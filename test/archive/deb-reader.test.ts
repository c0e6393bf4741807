import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readArchive } from '../../src/sources/archive/read-archive.js';
import { debSubject } from '../../src/sources/archive/deb-control.js';
import { arArchive, buildDeb, debToolsMissing, type DebCompression } from '../helpers/deb-builder.js';

for (const c of ['gz', 'xz', 'zst', 'bz2', 'none'] as DebCompression[]) {
  test(`.deb with ${c} members: control files under DEBIAN/, data files at their paths`, { skip: debToolsMissing(c) }, async () => {
    const deb = buildDeb({
      compression: c,
      control: { postinst: '#!/bin/sh\nexit 0\n' },
      data: { 'usr/share/doc/libexample1/README': 'hello\n' },
    });
    const files = await readArchive(deb, { origin: `example_${c}.deb` });
    assert.equal(files.format, 'deb');
    const paths = files.files.map((f) => f.path).sort();
    assert.deepEqual(paths, ['DEBIAN/control', 'DEBIAN/postinst', 'usr/share/doc/libexample1/README']);
    assert.equal(files.files.find((f) => f.path.endsWith('README'))!.data!.toString(), 'hello\n');
    assert.equal(debSubject(files, 'x.deb').subject, 'pkg:deb/debian/libexample1@1.0-1?arch=amd64');
  });
}

test('.deb data entry escaping with ".." is skipped and reported, never placed in the tree', { skip: debToolsMissing('gz') }, async () => {
  const deb = buildDeb({ compression: 'gz', data: { 'usr/lib/ok.txt': 'ok' } });
  // Rewrite the data member: a tar whose entry name is ../../etc/evil (tar-stream builds it).
  const { pack } = await import('tar-stream');
  const { gzipSync } = await import('node:zlib');
  const p = pack();
  p.entry({ name: '../../etc/evil' }, 'x');
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const ch of p) chunks.push(ch as Buffer);
  const evil = arArchive([
    { name: 'debian-binary', data: Buffer.from('2.0\n') },
    { name: 'data.tar.gz', data: gzipSync(Buffer.concat(chunks)) },
  ]);
  const files = await readArchive(evil, { origin: 'evil.deb' });
  assert.deepEqual(
    files.files.map((f) => f.path),
    [],
  );
  assert.match(files.skipped.map((s) => `${s.path}: ${s.reason}`).join('\n'), /\.\.\/\.\.\/etc\/evil: path escapes/);
  assert.ok(deb.length > 0);
});

test('corrupt ar member header: E_ARCHIVE naming the file and the byte', async () => {
  const bad = Buffer.concat([Buffer.from('!<arch>\ndebian-binary   0           0     0     100644  4         XX'), Buffer.from('2.0\n')]);
  await assert.rejects(
    readArchive(bad, { origin: 'bad.deb' }),
    (e: Error & { code?: string }) => e.code === 'E_ARCHIVE' && /bad\.deb: .*corrupt ar member header at byte 8/.test(e.message),
  );
});

test('ar member larger than the file (truncated .deb): E_ARCHIVE', async () => {
  const ok = arArchive([
    { name: 'debian-binary', data: Buffer.from('2.0\n') },
    { name: 'data.tar.gz', data: Buffer.alloc(100) },
  ]);
  await assert.rejects(
    readArchive(ok.subarray(0, ok.length - 50), { origin: 'cut.deb' }),
    /cut\.deb: .*ar member "data\.tar\.gz" at byte \d+ has a bad size/,
  );
});

test('an ar archive that is not a Debian package: E_ARCHIVE', async () => {
  const ar = arArchive([{ name: 'foo.o', data: Buffer.from('x') }]);
  await assert.rejects(readArchive(ar, { origin: 'lib.a' }), /no debian-binary member/);
});

test('unsupported member compression is reported as skipped', async () => {
  const ar = arArchive([
    { name: 'debian-binary', data: Buffer.from('2.0\n') },
    { name: 'data.tar.lzma', data: Buffer.from('xx') },
  ]);
  const files = await readArchive(ar, { origin: 'old.deb' });
  assert.match(files.skipped.map((s) => s.reason).join('\n'), /unsupported format \(data\.tar\.lzma\)/);
});
