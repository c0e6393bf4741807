import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { debFilesInventory, readDebFile } from '../../src/inventory/deb-files.js';
import { scanDebianHost } from '../../src/app/host-scan.js';

const DIR = new URL('../fixtures/debian/debs/', import.meta.url).pathname;
const deb = (n: string) => join(DIR, n);

describe('.deb files', () => {
  test('control.tar.xz, .gz and .zst are all read', async () => {
    const app = await readDebFile(deb('fixture-app_1.0-1_amd64.deb'));
    assert.equal(app.name, 'fixture-app');
    assert.equal(app.source, 'fixture-src');
    assert.equal(app.sourceVersion, '1.0-0.1');
    assert.equal((await readDebFile(deb('fixture-lib_1.0-1_amd64.deb'))).multiArch, 'same');
    assert.deepEqual((await readDebFile(deb('fixture-tool_1.0-1_amd64.deb'))).provides, [{ name: 'mail-transport-agent' }]);
  });
  test('a set of .deb files resolves alternatives and virtual packages among themselves', async () => {
    const inv = await debFilesInventory(
      ['fixture-app_1.0-1_amd64.deb', 'fixture-lib_1.0-1_amd64.deb', 'fixture-tool_1.0-1_amd64.deb'].map(deb),
    );
    const edges = inv.edges
      .filter((e) => !e.from.startsWith('root:'))
      .map((e) => `${e.from.split('/')[2]!.split('@')[0]} -> ${e.to.split('/')[2]!.split('@')[0]} (${e.spec})`);
    assert.deepEqual(edges.sort(), [
      'fixture-app -> fixture-lib (fixture-missing | fixture-lib (>= 1.0))',
      'fixture-app -> fixture-tool (fixture-tool)',
      'fixture-app -> fixture-tool (mail-transport-agent)',
    ]);
    assert.equal(inv.problems.length, 0);
  });
  test('truncated and non-ar files are problems naming the file; the rest is still read', async () => {
    const all = readdirSync(DIR)
      .filter((n) => n.endsWith('.deb'))
      .sort()
      .map(deb);
    const inv = await debFilesInventory(all);
    assert.equal(inv.components.length, 3);
    const msgs = inv.problems.map((p) => p.message).join('\n');
    assert.match(msgs, /not-a-deb_1\.0_amd64\.deb: not a \.deb/);
    assert.match(msgs, /truncated_1\.0_amd64\.deb: (ar member .* bad size|no control\.tar member|corrupt ar header)/);
    assert.ok(inv.problems.every((p) => p.file?.endsWith('.deb')));
  });
  test('vigil host accepts .deb files', async () => {
    const r = await scanDebianHost({ targets: [deb('fixture-app_1.0-1_amd64.deb'), deb('fixture-lib_1.0-1_amd64.deb')], archive: false });
    assert.equal(r.summary.components, 2);
    assert.match(r.inventory.problems.map((p) => p.message).join('\n'), /2 dependency clauses of 1 packages are not satisfied/);
  });
});
