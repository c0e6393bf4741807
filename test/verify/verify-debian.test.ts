import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyArtifact } from '../../src/app/verify.js';
import { parseDebSpec, parseDsc, poolDir } from '../../src/analyzers/artifact/deb-source.js';
import type { VerifySummary } from '../../src/analyzers/artifact/types.js';
import { cleanup, makeCatalogue, makeRepo, makeTarGz, tempDir, type Content } from './helpers.js';

const SRC: Record<string, Content> = {
  'configure.ac': 'AC_INIT([demo], [1.2.3])\n',
  'Makefile.am': 'SUBDIRS = src\n',
  'src/main.c': 'int main(void) { return 0; }\n',
};
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

function dsc(files: { name: string; body: Buffer; lie?: boolean }[]): string {
  const lines = files.map((f) => ` ${f.lie ? sha(Buffer.from('something else')) : sha(f.body)} ${f.body.length} ${f.name}`);
  return `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nFormat: 3.0 (quilt)\nSource: demo\nVersion: 1.2.3-1\nChecksums-Sha256:\n${lines.join('\n')}\n\n-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n`;
}

describe('verify deb:SOURCE=VERSION against a 127.0.0.1 archive', () => {
  let server: Server;
  let mirror: string;
  let repo: string;
  let work: string;
  let cat: string;
  const routes = new Map<string, Buffer>();
  before(async () => {
    repo = makeRepo(SRC, 'v1.2.3');
    work = tempDir();
    cat = makeCatalogue();
    const orig = await makeTarGz({ ...SRC, configure: '#!/bin/sh\n', 'Makefile.in': 'all:\n' }, 'demo-1.2.3');
    const deb = await makeTarGz({ 'debian/control': 'Source: demo\n' }, '');
    const pool = '/' + poolDir('demo');
    routes.set(
      `${pool}demo_1.2.3-1.dsc`,
      Buffer.from(
        dsc([
          { name: 'demo_1.2.3.orig.tar.gz', body: orig },
          { name: 'demo_1.2.3-1.debian.tar.gz', body: deb, lie: true },
        ]),
      ),
    );
    routes.set(`${pool}demo_1.2.3.orig.tar.gz`, orig);
    routes.set(`${pool}demo_1.2.3-1.debian.tar.gz`, deb);
    routes.set(`${pool}demo_1.2.4-1.dsc`, Buffer.from(dsc([{ name: 'demo_1.2.3.orig.tar.gz', body: orig, lie: true }])));
    server = createServer((req, res) => {
      const body = routes.get(req.url ?? '');
      res.statusCode = body ? 200 : 404;
      res.end(body ?? 'not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/debian`;
    for (const [k, v] of [...routes]) routes.set('/debian' + k, v);
  });
  after(() => {
    server.close();
    cleanup(repo, work, cat);
  });

  test('a .dsc checksum mismatch is a critical finding; the good orig is still compared', async () => {
    const r = await verifyArtifact('deb:demo=1.2.3-1', { source: repo, cwd: work, catalogueDir: cat, deb: { mirror } });
    const crit = r.findings.filter((f) => f.severity === 'critical');
    assert.equal(crit.length, 1);
    assert.equal(crit[0]!.rule, 'artifact/dsc-checksum-mismatch');
    assert.match(crit[0]!.title, /demo_1\.2\.3-1\.debian\.tar\.gz/);
    const s = r.facts['verify']!['deb:demo=1.2.3-1'] as VerifySummary;
    assert.equal(s.source.ref, 'v1.2.3', 'upstream version guessed from the Debian version');
    assert.equal(s.counts.identical, 3);
    assert.deepEqual(s.unexplained, []);
    assert.ok(
      r.unavailable.some((u) => u.field === 'dsc-signature'),
      'what was not checked is said',
    );
  });

  test('a mismatching orig tarball is critical and nothing is compared (partial result, no crash)', async () => {
    const r = await verifyArtifact('deb:demo=1.2.4-1', { source: repo, cwd: work, catalogueDir: cat, deb: { mirror }, ref: 'v1.2.3' });
    assert.equal(r.findings[0]!.rule, 'artifact/dsc-checksum-mismatch');
    assert.equal(r.findings[0]!.severity, 'critical');
    assert.ok(r.problems.some((p) => /nothing compared/.test(p.message)));
  });

  test('a missing .dsc is a clear HTTP error naming the URL', async () => {
    await assert.rejects(
      verifyArtifact('deb:demo=9.9-1', { source: repo, cwd: work, catalogueDir: cat, deb: { mirror } }),
      /demo_9\.9-1\.dsc: HTTP 404/,
    );
  });

  test('spec, pool path and .dsc parsing', () => {
    assert.deepEqual(parseDebSpec('deb:xz-utils=5.6.1+really5.4.5-1'), { source: 'xz-utils', version: '5.6.1+really5.4.5-1' });
    assert.equal(parseDebSpec('npm:x'), undefined);
    assert.throws(() => parseDebSpec('deb:bad'), /invalid Debian source spec/);
    assert.equal(poolDir('libfoo'), 'pool/main/libf/libfoo/');
    assert.equal(poolDir('zlib'), 'pool/main/z/zlib/');
    const d = parseDsc(dsc([{ name: 'a.tar.gz', body: Buffer.from('x') }]), 't.dsc');
    assert.equal(d.files[0]!.name, 'a.tar.gz');
    assert.equal(d.files[0]!.size, 1);
    assert.throws(() => parseDsc('Format: 3.0\n', 't.dsc'), /no Checksums-Sha256/);
  });
});
