import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dpkgStatusInventory } from '../../src/inventory/dpkg-status.js';
import { findAffected } from '../../src/analyzers/advisories/affected.js';
import { debianIndexCatalog } from '../../src/analyzers/advisories/catalog.js';
import { advisoriesAnalyzer } from '../../src/analyzers/advisories/analyzer.js';
import { loadAdvisoryDb } from '../../src/sources/osv/load.js';
import { servicesOf } from '../helpers/factories.js';

const db = loadAdvisoryDb();
const group = db.group('CVE-2024-3094')!;
const INDEX = debianIndexCatalog([readFileSync('test/fixtures/advisories/debian-index/Packages', 'utf8')]);

function host(xz: string): string {
  return [
    `Package: liblzma5\nStatus: install ok installed\nArchitecture: amd64\nSource: xz-utils\nVersion: ${xz}\nDepends: libc6\n`,
    'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\nVersion: 2.36-9+deb12u4\n',
    'Package: libsystemd0\nStatus: install ok installed\nArchitecture: amd64\nSource: systemd\nVersion: 252.22-1~deb12u1\nDepends: libc6, liblzma5\n',
    'Package: openssh-server\nStatus: install ok installed\nArchitecture: amd64\nSource: openssh\nVersion: 1:9.2p1-2+deb12u2\nDepends: libsystemd0\n',
  ].join('\n');
}
const inv = (xz: string) => dpkgStatusInventory(host(xz), 'status');

describe('xz (CVE-2024-3094) on a Debian host', () => {
  test('liblzma5 5.6.1-1 is affected, through sshd > libsystemd0 > liblzma5', async () => {
    const out = await advisoriesAnalyzer.analyze({ inventory: inv('5.6.1-1'), offline: true, services: servicesOf() });
    assert.equal(out.findings.length, 1);
    const f = out.findings[0]!;
    assert.equal(f.subject, 'pkg:deb/debian/liblzma5@5.6.1-1?arch=amd64');
    assert.equal(f.severity, 'critical');
    assert.match(f.title, /CVE-2024-3094/);
    assert.match(f.explanation, /also DSA-5649-1/);
    assert.deepEqual(f.evidence.find((e) => e.kind === 'path')!.path, [
      'host',
      'openssh-server@1:9.2p1-2+deb12u2',
      'libsystemd0@252.22-1~deb12u1',
      'liblzma5@5.6.1-1',
    ]);
  });

  test('5.6.1+really5.4.5-1 (the revert) and 5.4.5-0.3 are not affected', async () => {
    for (const v of ['5.6.1+really5.4.5-1', '5.4.5-0.3', '5.4.1-0.2']) {
      const out = await advisoriesAnalyzer.analyze({ inventory: inv(v), offline: true, services: servicesOf() });
      assert.deepEqual(out.findings, [], v);
    }
  });

  test('nearest safe versions from the Packages index: 5.4.5-0.3 down, 5.6.1+really5.4.5-1 up, exact apt line', () => {
    const o = findAffected(db, group, [{ label: 'dev-02', inventory: inv('5.6.1-1') }], [INDEX]);
    assert.equal(o.table.rows.length, 1);
    const r = o.table.rows[0]!;
    assert.equal(r.matchedAs, 'xz-utils 5.6.1-1 (source)');
    assert.equal(r.safeDowngrade, '5.4.5-0.3');
    assert.equal(r.safeUpgrade, '5.6.1+really5.4.5-1');
    assert.equal(r.recommended, '5.6.1+really5.4.5-1');
    assert.equal(r.fix, 'apt-get install liblzma5=5.6.1+really5.4.5-1');
    assert.ok(r.versionSources.includes('index'));
  });

  test('offline without an index: the fixed version from the advisory, no downgrade claimed', () => {
    const o = findAffected(db, group, [{ label: 'dev-02', inventory: inv('5.6.0-0.2') }]);
    const r = o.table.rows[0]!;
    assert.equal(r.safeDowngrade, undefined);
    assert.equal(r.safeUpgrade, '5.6.1+really5.4.5-1');
    assert.deepEqual(r.versionSources, ['advisory', 'fleet']);
  });

  test('xz-utils and liblzma5 on one host share one apt-get line', () => {
    const text =
      host('5.6.0-0.1') + '\nPackage: xz-utils\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.6.0-0.1\nDepends: liblzma5\n';
    const o = findAffected(db, group, [{ label: 'h', inventory: dpkgStatusInventory(text, 'status') }], [INDEX]);
    assert.deepEqual(
      o.table.rows.map((r) => [r.package, r.fix]),
      [
        ['liblzma5', 'apt-get install liblzma5=5.6.1+really5.4.5-1 xz-utils=5.6.1+really5.4.5-1'],
        ['xz-utils', 'apt-get install liblzma5=5.6.1+really5.4.5-1 xz-utils=5.6.1+really5.4.5-1'],
      ],
    );
  });
});
