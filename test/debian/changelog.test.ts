import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { changelogFromPackaging, parseChangelog } from '../../src/sources/debian/changelog.js';
import { summarizeUploads } from '../../src/analyzers/debian/uploads.js';
import { scanDebianHost } from '../../src/app/host-scan.js';
import type { DebianFacts } from '../../src/analyzers/debian/host-analysis.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { ARCHIVE_FIXTURE, startArchiveServer, type ArchiveServer } from './archive-server.js';

const CL = (n: string) => readFileSync(new URL(`../fixtures/debian/changelogs/${n}.changelog`, import.meta.url), 'utf8');

describe('debian/changelog', () => {
  const xz = parseChangelog(CL('xz-utils'));
  test('entries with version, distribution, uploader and date', () => {
    assert.equal(xz[0]!.version, '5.4.1-1+deb12u1');
    assert.equal(xz[0]!.distribution, 'bookworm');
    assert.equal(xz[0]!.email, 'otto@debian.org');
    assert.equal(xz[0]!.date, '2026-06-26T13:13:13.000Z');
    assert.equal(xz.at(-1)!.name, 'Mohammed Adnène Trojette');
    assert.equal(xz.at(-1)!.line > 800, true);
  });
  test('upload summary: people, NMUs, and a newcomer in a long history', () => {
    const u = summarizeUploads(xz);
    assert.equal(u.uploads, xz.length);
    assert.equal(u.first?.slice(0, 4), '2009');
    assert.ok(u.nmus > 0);
    assert.ok(u.people.some((p) => p.email === 'jrnieder@gmail.com' && p.uploads > 10));
    assert.deepEqual(
      u.newcomers.map((n) => n.email),
      ['otto@debian.org'],
    );
  });
  test('malformed text: headers without trailers are dropped, nothing throws', () => {
    const e = parseChangelog(
      'pkg (1.0-1) unstable; urgency=low\n\n  * x\n\ngarbage\n -- no email here\npkg (0.9-1) unstable; urgency=low\n -- A <a@x.invalid>  not a date\n',
    );
    assert.equal(e.length, 1);
    assert.equal(e[0]!.version, '0.9-1');
    assert.equal(e[0]!.date, undefined);
  });
  test('format 1.0: the changelog comes out of the .diff.gz', async () => {
    const diff =
      '--- p-1.0.orig/debian/changelog\n+++ p-1.0/debian/changelog\n@@ -0,0 +1,5 @@\n+p (1.0-1) unstable; urgency=low\n+\n+  * Initial. Non-maintainer upload.\n+\n+ -- A <a@x.invalid>  Mon, 01 Jan 2024 00:00:00 +0000\n--- p-1.0.orig/debian/rules\n';
    const text = await changelogFromPackaging('p_1.0-1.diff.gz', gzipSync(diff));
    const e = parseChangelog(text);
    assert.equal(e.length, 1);
    assert.equal(e[0]!.nmu, true);
    await assert.rejects(changelogFromPackaging('p_1.0-1.debian.tar.bz2', Buffer.from('x')), /bzip2/);
  });
});

describe('upload histories in a host scan (local archive)', () => {
  let srv: ArchiveServer;
  before(async () => {
    srv = await startArchiveServer();
  });
  after(async () => {
    await srv.close();
  });
  const STATUS = new URL('../fixtures/debian/status-ssh-host/status', import.meta.url).pathname;
  const KEYRING = join(ARCHIVE_FIXTURE, 'test-keyring.gpg');

  test('pool files verified against Sources; missing ones are problems with a hint', async () => {
    const store = new MemoryStore();
    const r = await scanDebianHost({ targets: [STATUS], store, mirror: srv.url, suites: ['bookworm'], keyring: KEYRING });
    const f = r.facts.debian as unknown as DebianFacts;
    assert.ok(f.uploads?.['xz-utils'], JSON.stringify(r.problems.slice(0, 3)));
    assert.equal(f.uploads!['zlib']!.people[0]!.email.length > 0, true);
    const miss = r.problems.find((p) => /glibc_.*debian\.tar\.xz: HTTP 404/.test(p.message));
    assert.equal(miss?.hint, 'the mirror does not serve this pool file');
    const zlibFinding = r.findings.find((x) => x.rule === 'deb/single-maintainer-on-privileged-path' && x.subject.includes('/zlib1g@'));
    assert.match(
      String(zlibFinding?.evidence.find((e) => e.label === 'debian/changelog')?.value),
      /^\d+ uploads since 1996-09-12, last 2022-11-05/,
    );
    // Second scan: summaries memoized, no pool request at all.
    const served = () => srv.requests.filter((q) => q.path.startsWith('/pool/') && q.status === 200).length;
    const n = served();
    assert.equal(n, 2, 'xz-utils and zlib packaging files');
    const pool404 = () => srv.requests.filter((q) => q.path.startsWith('/pool/') && q.status === 404).length;
    const m = pool404();
    const again = await scanDebianHost({ targets: [STATUS], store, mirror: srv.url, suites: ['bookworm'], keyring: KEYRING });
    assert.equal(served(), n);
    assert.deepEqual((again.facts.debian as unknown as DebianFacts).uploads?.['xz-utils'], f.uploads['xz-utils']);
    assert.equal(pool404(), m, 'a 404 is remembered for a day');
    assert.ok(again.unavailable.some((u) => u.subject === 'glibc' && /did not serve .*HTTP 404/.test(u.reason)));
  });

  test('a pool file that does not match its Sources digest is rejected', async () => {
    srv.tamper.add('/pool/main/z/zlib/zlib_1.2.13.dfsg-1.debian.tar.xz');
    try {
      const r = await scanDebianHost({
        targets: [STATUS],
        store: new MemoryStore(),
        mirror: srv.url,
        suites: ['bookworm'],
        keyring: KEYRING,
      });
      assert.equal((r.facts.debian as unknown as DebianFacts).uploads?.['zlib'], undefined);
      assert.ok(r.problems.some((p) => p.code === 'E_INTEGRITY' && /zlib_1\.2\.13\.dfsg-1\.debian\.tar\.xz: SHA256/.test(p.message)));
    } finally {
      srv.tamper.clear();
    }
  });
});
