import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanDebianHost } from '../../src/app/host-scan.js';
import { BINARY_RULES } from '../../src/analyzers/binary/rules.js';
import { buildLib, gccMissing } from '../helpers/native-fixtures.js';
import { buildDeb, debToolsMissing } from '../helpers/deb-builder.js';

const skip = gccMissing() ?? debToolsMissing('xz');

test('vigil host FILE.deb: the ELF files of given .debs are analysed', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-host-debs-'));
  try {
    const evil = join(dir, 'libgot1_2.0-1_amd64.deb');
    const plain = join(dir, 'libplain1_1.0-1_amd64.deb');
    writeFileSync(
      evil,
      buildDeb({
        name: 'libgot1',
        version: '2.0-1',
        data: { 'usr/lib/x86_64-linux-gnu/libgot.so.1': buildLib('gotpatch-v2', { strip: true }) },
      }),
    );
    writeFileSync(
      plain,
      buildDeb({ name: 'libplain1', data: { 'usr/lib/x86_64-linux-gnu/libplain.so.1': buildLib('cpu-dispatch-v1', { strip: true }) } }),
    );
    const r = await scanDebianHost({ targets: [evil, plain], archive: false });
    const bin = r.findings.filter((f) => f.rule.startsWith('binary/'));
    assert.deepEqual(
      bin.map((f) => [f.rule, f.subject]),
      [[BINARY_RULES.resolverLinker, 'pkg:deb/debian/libgot1@2.0-1?arch=amd64']],
    );
    assert.deepEqual(Object.keys(r.facts.binary ?? {}).sort(), [
      'pkg:deb/debian/libgot1@2.0-1?arch=amd64',
      'pkg:deb/debian/libplain1@1.0-1?arch=amd64',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(
  'vigil host ROOTFS --binaries: cached .debs of installed versions only; none cached is reported as unavailable',
  { skip },
  async () => {
    const root = mkdtempSync(join(tmpdir(), 'vigil-host-root-'));
    try {
      mkdirSync(join(root, 'var/lib/dpkg'), { recursive: true });
      mkdirSync(join(root, 'var/cache/apt/archives'), { recursive: true });
      const status = (n: string, v: string) =>
        `Package: ${n}\nStatus: install ok installed\nVersion: ${v}\nArchitecture: amd64\nMaintainer: M <m@example.invalid>\n\n`;
      writeFileSync(join(root, 'var/lib/dpkg/status'), status('libgot1', '1:2.0-1') + status('dpkg', '1.21.22'));
      const none = await scanDebianHost({ targets: [root], archive: false, binaries: true });
      assert.match(none.unavailable.map((u) => u.reason).join('\n'), /no cached \.deb of an installed version/);
      const deb = buildDeb({
        name: 'libgot1',
        version: '1:2.0-1',
        data: { 'usr/lib/x86_64-linux-gnu/libgot.so.1': buildLib('gotpatch-v2', { strip: true }) },
      });
      writeFileSync(join(root, 'var/cache/apt/archives/libgot1_1%3a2.0-1_amd64.deb'), deb);
      writeFileSync(join(root, 'var/cache/apt/archives/libgot1_1%3a1.9-1_amd64.deb'), deb);
      const r = await scanDebianHost({ targets: [root], archive: false, binaries: true });
      assert.deepEqual(Object.keys(r.facts.binary ?? {}), ['pkg:deb/debian/libgot1@1:2.0-1?arch=amd64']);
      assert.ok(r.findings.some((f) => f.rule === BINARY_RULES.resolverLinker));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
);
