import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isVigilError } from '../../src/core/errors.js';
import { EXTRACTORS, loadInventory } from '../../src/inventory/registry.js';
import { fixture } from './helpers.js';

describe('loadInventory', () => {
  test('the registry is an explicit list in priority order', () => {
    assert.deepEqual(
      EXTRACTORS.map((e) => e.id),
      [
        'npm-shrinkwrap',
        'package-lock',
        'pnpm-lock',
        'yarn-berry',
        'yarn-classic',
        'bun-lock',
        'bun-lockb',
        'cyclonedx',
        'spdx',
        'package-json',
        'dpkg-status',
      ],
    );
  });

  test('a directory: picks the lockfile, package.json beside it is not a rival', async () => {
    const r = await loadInventory(fixture('same-project/npm-v3'));
    assert.deepEqual(r.chosen, {
      file: 'package-lock.json',
      format: 'package-lock.json v3',
      extractor: 'package-lock',
      reason: 'the only lockfile or SBOM found',
    });
    assert.deepEqual(r.ignored, []);
    assert.equal(r.inventory.components.length, 11);
  });

  test('a file path works as well as its directory', async () => {
    const r = await loadInventory(fixture('same-project/yarn-berry/yarn.lock'));
    assert.equal(r.chosen.extractor, 'yarn-berry');
    assert.equal(r.chosen.reason, 'given explicitly');
    assert.equal(r.inventory.roots[0]!.id, 'root:same-project');
  });

  test('a renamed lockfile given explicitly is recognized by its content', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-inv-'));
    try {
      copyFileSync(fixture('same-project/npm-v3/package-lock.json'), join(dir, 'old-lock.json'));
      const r = await loadInventory(join(dir, 'old-lock.json'));
      assert.equal(r.chosen.extractor, 'package-lock');
      assert.equal(r.inventory.components.length, 11);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('several lockfiles that disagree: which was used, why, and how they differ', async () => {
    const r = await loadInventory(fixture('multi-lockfile/disagree'));
    assert.equal(r.chosen.file, 'package-lock.json');
    assert.match(r.chosen.reason, /highest priority .*package-lock\.json > pnpm-lock\.yaml > yarn\.lock/);
    assert.equal(r.ignored.length, 1);
    const y = r.ignored[0]!;
    assert.equal(y.file, 'yarn.lock');
    assert.equal(y.disagrees, true);
    assert.match(
      y.reason,
      /yarn\.lock disagrees with package-lock\.json: 2 packages differ: 1 only in package-lock\.json, 0 only in yarn\.lock, 1 at other versions/,
    );
    assert.match(y.reason, /ms 2\.1\.3 in package-lock\.json vs 2\.1\.2 in yarn\.lock/);
    assert.match(y.reason, /semver@7\.8\.6 only in package-lock\.json/);
    assert.match(r.inventory.sources[0]!.note!, /used package-lock\.json .* also found yarn\.lock.*disagrees/);
  });

  test('several lockfiles that agree say so', async () => {
    const r = await loadInventory(fixture('multi-lockfile/agree'));
    assert.equal(r.chosen.file, 'package-lock.json');
    assert.deepEqual(
      r.ignored.map((i) => [i.file, i.disagrees]),
      [['pnpm-lock.yaml', false]],
    );
    assert.match(r.ignored[0]!.reason, /same packages and versions/);
  });

  test('an SBOM directory, and SBOM file names by pattern', async () => {
    const r = await loadInventory(fixture('sbom/mixed-ecosystems-1.6'));
    assert.equal(r.chosen.extractor, 'cyclonedx');
    const s = await loadInventory(fixture('sbom/spdx-dangling'));
    assert.equal(s.chosen.file, 'app.spdx.json');
  });

  test('bare package.json is the last resort and passes resolveRange through', async () => {
    const r = await loadInventory(fixture('bare-package-json'), { resolveRange: async () => '1.2.3' });
    assert.equal(r.chosen.extractor, 'package-json');
    assert.equal(r.inventory.sources[0]!.resolvedNotLocked, true);
    assert.ok(r.inventory.components.some((c) => c.purl === 'pkg:npm/debug@1.2.3'));
  });

  test('missing path → E_INPUT_NOT_FOUND; nothing recognized → E_NO_INVENTORY with the supported list', async () => {
    await assert.rejects(loadInventory(fixture('does-not-exist')), (e: unknown) => isVigilError(e, 'E_INPUT_NOT_FOUND'));
    await assert.rejects(
      loadInventory(fixture('empty-dir')),
      (e: unknown) => isVigilError(e, 'E_NO_INVENTORY') && /pnpm-lock\.yaml/.test(e.hint ?? ''),
    );
    await assert.rejects(loadInventory(fixture('empty-dir/README.md')), (e: unknown) => isVigilError(e, 'E_NO_INVENTORY'));
  });

  test('an unreadable rival does not stop the scan; it is reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-inv-'));
    try {
      copyFileSync(fixture('same-project/npm-v3/package-lock.json'), join(dir, 'package-lock.json'));
      writeFileSync(join(dir, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\nimporters: [unclosed\n");
      const r = await loadInventory(dir);
      assert.equal(r.inventory.components.length, 11);
      assert.match(r.ignored[0]!.reason, /could not be read either: pnpm-lock\.yaml:\d+: pnpm-lock\.yaml is not valid YAML/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('a workspace member scanned alone: the note points at the lockfile above it', async () => {
  const r = await loadInventory(fixture('workspaces/npm/packages/app'), { resolveRange: async () => '4.4.3' });
  assert.equal(r.chosen.extractor, 'package-json');
  assert.match(r.inventory.sources[0]!.note!, /a lockfile exists above this folder \(\.\.\/\.\.\/package-lock\.json\)/);
});
