/**
 * Hostile Debian mirrors and feeds, all on 127.0.0.1. A body that drips one byte at a time fails on
 * the minimum transfer rate, as on the registry path. Bodies kept in memory are read with a byte
 * cap: an index or pool file longer than its verified listing, an oversized .dsc, a source file
 * longer than its .dsc says, a changes-feed page without end. Each stops at the cap, with an error
 * naming the URL and the cap, long before the server is done sending.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DebArchiveClient } from '../../src/sources/debian/archive-client.js';
import { fetchDebSource, poolDir } from '../../src/analyzers/artifact/deb-source.js';
import { readChanges } from '../../src/sources/npm/changes.js';
import { guardedFetch } from '../../src/sources/net/guarded-fetch.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { ARCHIVE_FIXTURE } from '../debian/archive-server.js';
import { drip, flood, serveHostile } from '../helpers/hostile-http.js';

const MiB = 1024 * 1024;
/** The registry client's protection, scaled down so a drip fails in a fraction of a second. */
const transfer = { stallMs: 5_000, minBytesPerSec: 200, rateWindowMs: 300 };
const fixture = (path: string): Buffer => readFileSync(join(ARCHIVE_FIXTURE, path));

test('a mirror that drips InRelease one byte at a time fails on the minimum transfer rate, not after minutes', async () => {
  const srv = await serveHostile((_req, res) => drip(res));
  try {
    const c = new DebArchiveClient({ store: new MemoryStore(), transfer });
    assert.equal(await c.release(srv.base, 'bookworm'), undefined);
    const p = c.problems[0]!;
    assert.equal(p.code, 'E_REGISTRY_TIMEOUT');
    assert.match(p.message, /^GET http:\/\/127\.0\.0\.1:\d+\/dists\/bookworm\/InRelease: transfer slower than 200 bytes\/s/);
  } finally {
    await srv.close();
  }
});

test('a mirror that breaks off the InRelease body once is asked again, and the second answer is used', async () => {
  let asked = 0;
  const srv = await serveHostile((req, res) => {
    const body = fixture(req.url!.slice(1));
    if (++asked === 1) {
      res.writeHead(200, { 'content-length': body.length });
      res.write(body.subarray(0, 100));
      setTimeout(() => res.destroy(), 20);
      return;
    }
    res.end(body);
  });
  try {
    const c = new DebArchiveClient({ store: new MemoryStore(), transfer, keyring: '/nonexistent.gpg' });
    const rel = await c.release(srv.base, 'bookworm');
    assert.ok(rel, JSON.stringify(c.problems));
    assert.equal(c.problems.length, 0, JSON.stringify(c.problems));
    assert.deepEqual(srv.seen, ['/dists/bookworm/InRelease', '/dists/bookworm/InRelease']);
    assert.equal(c.stats.requests, 2);
  } finally {
    await srv.close();
  }
});

test('a mirror that always breaks off the body gives up after three attempts with a network problem', async () => {
  const srv = await serveHostile((_req, res) => {
    res.writeHead(200, { 'content-length': 1000 });
    res.write('Origin: x\n');
    setTimeout(() => res.destroy(), 20);
  });
  try {
    const c = new DebArchiveClient({ store: new MemoryStore(), transfer });
    assert.equal(await c.release(srv.base, 'bookworm'), undefined);
    assert.equal(srv.seen.length, 3);
    assert.equal(c.problems[0]?.code, 'E_NETWORK');
    assert.match(c.problems[0]!.message, /InRelease/);
  } finally {
    await srv.close();
  }
});

test('an index longer than the size InRelease lists stops at that size, not after the whole body', async () => {
  const xz = 'dists/bookworm/main/binary-amd64/Packages.xz';
  const srv = await serveHostile((req, res) => {
    if (req.url === `/${xz}`) return flood(res, fixture(xz), 512 * MiB);
    res.end(fixture(req.url!.slice(1)));
  });
  try {
    const c = new DebArchiveClient({ store: new MemoryStore(), transfer, keyring: '/nonexistent.gpg' });
    const rel = await c.release(srv.base, 'bookworm');
    assert.ok(rel, JSON.stringify(c.problems));
    const listed = c.variant(rel, 'main/binary-amd64/Packages')!;
    assert.equal(listed.path, 'main/binary-amd64/Packages.xz');
    assert.equal(await c.index(rel, 'main/binary-amd64/Packages'), undefined);
    const p = c.problems.at(-1)!;
    assert.equal(p.code, 'E_INTEGRITY');
    assert.match(
      p.message,
      new RegExp(`/${xz.replace(/\./g, '\\.')}: body larger than ${listed.size} bytes \\(the size InRelease lists\\)`),
    );
    assert.ok(c.stats.downloadedBytes <= listed.size, `nothing past the listed size kept (${c.stats.downloadedBytes})`);
  } finally {
    await srv.close();
  }
});

test('InRelease itself is read with a cap', async () => {
  const srv = await serveHostile((_req, res) => flood(res, Buffer.from('Origin: x\n'), 512 * MiB));
  try {
    const c = new DebArchiveClient({ store: new MemoryStore(), transfer });
    assert.equal(await c.release(srv.base, 'bookworm'), undefined);
    assert.equal(c.problems[0]?.code, 'E_REGISTRY_BODY');
    assert.match(c.problems[0]!.message, /InRelease: body larger than 16777216 bytes \(the cap for an InRelease file\)/);
  } finally {
    await srv.close();
  }
});

test('deb-source: an endless .dsc stops at its cap; a listed file longer than the .dsc says is a checksum finding', async () => {
  const pool = `/${poolDir('demo')}`;
  const orig = Buffer.from('upstream tarball bytes');
  const dsc = `Format: 3.0 (quilt)\nSource: demo\nChecksums-Sha256:\n ${'a'.repeat(64)} ${orig.length} demo_1.0.orig.tar.gz\n`;
  const srv = await serveHostile((req, res) => {
    if (req.url === `${pool}demo_1.0-1.dsc`) return res.end(dsc);
    if (req.url === `${pool}demo_1.0.orig.tar.gz`) return flood(res, orig, 512 * MiB);
    if (req.url === `${pool}demo_2.0-1.dsc`) return flood(res, Buffer.from(dsc), 512 * MiB);
    res.statusCode = 404;
    res.end();
  });
  try {
    await assert.rejects(fetchDebSource({ source: 'demo', version: '2.0-1' }, { mirror: srv.base, transfer }), (e: unknown) => {
      assert.match(String((e as Error).message), /demo_2\.0-1\.dsc: body larger than 1048576 bytes \(the cap for a \.dsc file\)/);
      return true;
    });
    const got = await fetchDebSource({ source: 'demo', version: '1.0-1' }, { mirror: srv.base, transfer });
    assert.equal(got.files.size, 0, 'the file was not used');
    const f = got.findings[0]!;
    assert.equal(f.rule, 'artifact/dsc-checksum-mismatch');
    assert.equal(f.severity, 'critical');
    assert.match(f.explanation, new RegExp(`more than the ${orig.length} bytes`));
  } finally {
    await srv.close();
  }
});

test('changes feed: a page without end, and a page that drips, leave the feed unavailable with a reason', async () => {
  const srv = await serveHostile((req, res) => {
    if (req.url!.startsWith('/endless/')) return flood(res, Buffer.from('{"results":['), 512 * MiB);
    drip(res);
  });
  try {
    const fetch = guardedFetch({ transfer });
    const endless = await readChanges(fetch, `${srv.base}/endless/`, '0');
    assert.deepEqual(endless.changed, []);
    assert.match(
      endless.unavailable ?? '',
      /_changes\?since=0&limit=1000: body larger than 16777216 bytes \(the cap for a changes-feed page\)/,
    );
    const dripping = await readChanges(fetch, `${srv.base}/drip/`, '0');
    assert.match(dripping.unavailable ?? '', /transfer slower than 200 bytes\/s/);
  } finally {
    await srv.close();
  }
});
