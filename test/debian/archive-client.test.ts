import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { DebArchiveClient } from '../../src/sources/debian/archive-client.js';
import { loadArchiveData } from '../../src/sources/debian/archive-data.js';
import { findExecutable } from '../../src/sources/debian/gpgv.js';
import { parseRelease, stripClearsign } from '../../src/sources/debian/release.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { ARCHIVE_FIXTURE, startArchiveServer, type ArchiveServer } from './archive-server.js';

const KEYRING = join(ARCHIVE_FIXTURE, 'test-keyring.gpg');
const HAVE_GPGV = findExecutable('gpgv') !== undefined;

describe('Debian archive client (local archive on 127.0.0.1)', () => {
  let srv: ArchiveServer;
  before(async () => {
    srv = await startArchiveServer();
  });
  after(async () => {
    await srv.close();
  });

  test('InRelease: parsed, signature checked with the given keyring', async () => {
    const store = new MemoryStore();
    const c = new DebArchiveClient({ store, keyring: KEYRING });
    const rel = await c.release(`${srv.url}/`, 'bookworm');
    assert.ok(rel, JSON.stringify(c.problems));
    assert.equal(rel.release.codename, 'bookworm');
    assert.ok(rel.release.sha256.has('main/source/Sources.xz'));
    if (HAVE_GPGV) assert.equal(rel.signature.state, 'verified');
    else assert.equal(c.unavailable[0]?.field, 'signature');
  });

  test('no keyring: said clearly as Unavailable, not silently accepted', async () => {
    const c = new DebArchiveClient({ store: new MemoryStore(), keyring: '/nonexistent/keyring.gpg' });
    const rel = await c.release(srv.url, 'bookworm');
    assert.equal(rel?.signature.state, 'unverified');
    assert.equal(c.unavailable.length, 1);
    assert.match(c.unavailable[0]!.reason, HAVE_GPGV ? /keyring \/nonexistent\/keyring\.gpg not found/ : /gpgv is not installed/);
  });

  test('a wrong key rejects the suite with an E_INTEGRITY problem', { skip: !HAVE_GPGV && 'gpgv not installed' }, async () => {
    const c = new DebArchiveClient({ store: new MemoryStore(), keyring: '/usr/share/keyrings/debian-archive-keyring.gpg' });
    const rel = await c.release(srv.url, 'bookworm');
    if (rel === undefined) assert.equal(c.problems[0]!.code, 'E_INTEGRITY');
    else assert.equal(rel.signature.state, 'unverified', 'only when the Debian keyring is absent on this machine');
  });

  test('indexes: verified against InRelease, cached, then used without any request', async () => {
    const store = new MemoryStore();
    const c = new DebArchiveClient({ store, keyring: KEYRING });
    const rel = (await c.release(srv.url, 'bookworm'))!;
    const idx = await c.index(rel, 'main/binary-amd64/Packages');
    assert.equal(idx?.path, 'main/binary-amd64/Packages.xz');
    assert.match(await idx!.text(), /^Package: /m);
    const before = srv.requests.length;
    const again = await c.index(rel, 'main/binary-amd64/Packages');
    assert.equal(srv.requests.length, before, 'cached index whose digest matches: no request');
    assert.equal(again?.sha256, idx?.sha256);
    assert.ok(store.cache.has(`deb-index\0${srv.url}/dists/bookworm/main/binary-amd64/Packages.xz`));
  });

  test('refresh: InRelease is revalidated with a conditional request (304 reuses the cache)', async () => {
    const store = new MemoryStore();
    await new DebArchiveClient({ store, keyring: KEYRING }).release(srv.url, 'bookworm');
    const c2 = new DebArchiveClient({ store, keyring: KEYRING, maxAgeSeconds: 0 });
    const rel = await c2.release(srv.url, 'bookworm');
    assert.ok(rel);
    const last = srv.requests.at(-1)!;
    assert.deepEqual(last, { path: '/dists/bookworm/InRelease', conditional: true, status: 304 });
    assert.equal(c2.stats.notModified, 1);
    assert.equal(c2.stats.downloadedBytes, 0);
  });

  test('fresh cache: InRelease younger than max-age is not requested at all', async () => {
    const store = new MemoryStore();
    await new DebArchiveClient({ store, keyring: KEYRING }).release(srv.url, 'bookworm');
    const n = srv.requests.length;
    await new DebArchiveClient({ store, keyring: KEYRING }).release(srv.url, 'bookworm');
    assert.equal(srv.requests.length, n);
  });

  test('hash mismatch: detected, reported, not cached', async () => {
    const store = new MemoryStore();
    srv.tamper.add('/dists/bookworm/main/source/Sources.xz');
    try {
      const c = new DebArchiveClient({ store, keyring: KEYRING });
      const rel = (await c.release(srv.url, 'bookworm'))!;
      const idx = await c.index(rel, 'main/source/Sources');
      assert.equal(idx, undefined);
      assert.equal(c.problems[0]!.code, 'E_INTEGRITY');
      assert.match(c.problems[0]!.message, /Sources\.xz: SHA256 [0-9a-f]{64} .* does not match InRelease/);
      assert.ok(![...store.cache.keys()].some((k) => k.endsWith('Sources.xz')));
    } finally {
      srv.tamper.clear();
    }
  });

  test('a 404 for one index gives a partial result: the other index still loads', async () => {
    const store = new MemoryStore();
    srv.missing.add('/dists/bookworm/main/binary-amd64/Packages.xz');
    try {
      const c = new DebArchiveClient({ store, keyring: KEYRING });
      const data = await loadArchiveData(c, store, [{ uri: srv.url, suite: 'bookworm', components: ['main'] }], { arches: ['amd64'] });
      assert.equal(data.packages.size, 0);
      assert.ok(data.sources.has('xz-utils'));
      assert.ok(c.problems.some((p) => p.code === 'E_REGISTRY_HTTP' && /Packages\.xz: HTTP 404/.test(p.message)));
    } finally {
      srv.missing.clear();
    }
  });

  test('unknown suite, component and offline miss are problems, never throws', async () => {
    const store = new MemoryStore();
    const c = new DebArchiveClient({ store, keyring: KEYRING });
    assert.equal(await c.release(srv.url, 'no-such-suite'), undefined);
    const rel = (await c.release(srv.url, 'bookworm'))!;
    assert.equal(await c.index(rel, 'contrib/binary-amd64/Packages'), undefined);
    const off = new DebArchiveClient({ store: new MemoryStore(), offline: true, keyring: KEYRING });
    assert.equal(await off.release(srv.url, 'bookworm'), undefined);
    assert.deepEqual(
      c.problems.map((p) => p.code),
      ['E_REGISTRY_HTTP', 'E_REGISTRY_BODY'],
    );
    assert.equal(off.problems[0]!.code, 'E_OFFLINE_MISS');
  });

  test('archive data: memoized digests are used on the next load (index not even read)', async () => {
    const store = new MemoryStore();
    const suites = [{ uri: srv.url, suite: 'bookworm', components: ['main'] }];
    const d1 = await loadArchiveData(new DebArchiveClient({ store, keyring: KEYRING }), store, suites, { arches: ['amd64'] });
    assert.ok(d1.packages.get('liblzma5')?.some((e) => e.source === 'xz-utils'));
    store.cache.clear(); // only InRelease would be needed now; the digests are in the analysis memo
    const c2 = new DebArchiveClient({ store, keyring: KEYRING });
    const d2 = await loadArchiveData(c2, store, suites, { arches: ['amd64'] });
    assert.deepEqual([...d2.packages.keys()].sort(), [...d1.packages.keys()].sort());
    assert.equal(srv.requests.at(-1)!.path, '/dists/bookworm/InRelease');
  });
});

describe('a truncated index whose digest the (unsigned) release vouches for', () => {
  test('decompression fails: a problem naming the index, the other index still loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-archive-'));
    cpSync(ARCHIVE_FIXTURE, dir, { recursive: true });
    const p = join(dir, 'dists/bookworm/main/binary-amd64/Packages.xz');
    const cut = readFileSync(p).subarray(0, 200);
    writeFileSync(p, cut);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const src = readFileSync(join(dir, 'dists/bookworm/main/source/Sources.xz'));
    writeFileSync(
      join(dir, 'dists/bookworm/InRelease'),
      `Origin: Test\nCodename: bookworm\nSHA256:\n ${sha(cut)} ${cut.length} main/binary-amd64/Packages.xz\n ${sha(src)} ${src.length} main/source/Sources.xz\n`,
    );
    const srv = await startArchiveServer(dir);
    try {
      const store = new MemoryStore();
      const c = new DebArchiveClient({ store, gpgv: false });
      const data = await loadArchiveData(c, store, [{ uri: srv.url, suite: 'bookworm', components: ['main'] }], { arches: ['amd64'] });
      assert.equal(data.packages.size, 0);
      assert.ok(data.sources.has('zlib'));
      assert.ok(
        c.problems.some((x) => x.code === 'E_ARCHIVE' && /Packages\.xz: cannot decompress/.test(x.message)),
        JSON.stringify(c.problems),
      );
      assert.equal(c.unavailable[0]?.reason, 'signature checking disabled');
    } finally {
      await srv.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('release files', () => {
  test('clearsign wrapper removed, dash-escaping undone', () => {
    const t =
      '-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nOrigin: X\n- -dash line\n-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n';
    assert.deepEqual(stripClearsign(t), { body: 'Origin: X\n-dash line', signed: true });
    const r = parseRelease(
      `Origin: Debian\nValid-Until: Sat, 01 Jan 2000 00:00:00 UTC\nSHA256:\n ${'a'.repeat(64)} 12 main/source/Sources.xz\n bad line\n`,
    );
    assert.equal(r.sha256.get('main/source/Sources.xz')?.size, 12);
    assert.equal(r.sha256.size, 1);
    assert.equal(r.signed, false);
  });
});
