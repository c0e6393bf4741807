import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { yarnBerryExtractor } from '../../src/inventory/yarn-berry.js';
import { yarnClassicExtractor } from '../../src/inventory/yarn-classic.js';
import { comp, edgeSet, extractFixture, purls } from './helpers.js';

describe('yarn.lock classic (v1)', () => {
  test('components with resolved/integrity, lines, roots and kinds from package.json', async () => {
    const inv = await extractFixture(yarnClassicExtractor, 'same-project/yarn-classic/yarn.lock');
    assert.equal(inv.sources[0]!.format, 'yarn.lock v1 (classic)');
    assert.equal(inv.components.length, 11);
    const debug = comp(inv, 'pkg:npm/debug@4.4.3');
    assert.deepEqual(debug.locations, [{ file: 'yarn.lock', line: 32 }]);
    assert.match(debug.integrity!, /^sha512-RGwwWnwQ/);
    assert.match(debug.resolved!, /debug-4\.4\.3\.tgz#/);
    assert.equal(comp(inv, 'pkg:npm/semver@7.8.6').dev, true);
    assert.equal(comp(inv, 'pkg:npm/is-number@7.0.0').optional, true);
    assert.ok(inv.edges.some((e) => e.from === 'root:same-project' && e.to === debug.purl && e.kind === 'prod' && e.spec === '^4.3.4'));
  });

  test('workspaces: roots from the workspace manifests, workspace links skipped', async () => {
    const inv = await extractFixture(yarnClassicExtractor, 'workspaces/yarn-classic/yarn.lock');
    assert.deepEqual(
      inv.roots.map((r) => r.id),
      ['root:ws-root', 'root:@ws/app', 'root:@ws/lib'],
    );
    assert.ok(edgeSet(inv).includes('root:@ws/app -> pkg:npm/is-number@7.0.0 [dev]'));
    assert.deepEqual(inv.problems, []);
  });

  test('npm: aliases resolve to the real package', async () => {
    const inv = await extractFixture(yarnClassicExtractor, 'peers-alias/yarn-classic/yarn.lock');
    assert.ok(purls(inv).includes('pkg:npm/ms@2.1.3'));
    assert.ok(!purls(inv).some((p) => p.includes('my-ms')));
  });
});

describe('yarn.lock Berry (v2+)', () => {
  test('reads __metadata, resolution and workspace roots; dev kinds from the manifest', async () => {
    const inv = await extractFixture(yarnBerryExtractor, 'same-project/yarn-berry/yarn.lock');
    assert.equal(inv.sources[0]!.format, 'yarn.lock (Yarn Berry, lockfile v10)');
    assert.deepEqual(
      inv.roots.map((r) => r.id),
      ['root:same-project'],
    );
    assert.equal(inv.components.length, 11);
    assert.equal(comp(inv, 'pkg:npm/semver@7.8.6').dev, true);
    assert.equal(comp(inv, 'pkg:npm/is-number@7.0.0').optional, true);
    const chalk = comp(inv, 'pkg:npm/chalk@4.1.2');
    assert.equal(chalk.locations[0]!.line, 17);
    assert.match(String(chalk.meta?.checksum), /^10c0\//);
    assert.ok(inv.edges.some((e) => e.from === chalk.purl && e.to === 'pkg:npm/supports-color@7.2.0' && e.spec === '^7.1.0'));
  });

  test('patch: entries fold into the component they patch; npm: aliases use the real name', async () => {
    const inv = await extractFixture(yarnBerryExtractor, 'peers-alias/yarn-berry/yarn.lock');
    const resolve = inv.components.filter((c) => c.name === 'resolve');
    assert.equal(resolve.length, 1);
    assert.match(String(resolve[0]!.meta?.patch), /^patch:resolve@npm%3A1\.22\.\d+#optional!builtin<compat\/resolve>/);
    assert.ok(purls(inv).includes('pkg:npm/ms@2.1.3'));
    assert.ok(inv.edges.some((e) => e.to === 'pkg:npm/ms@2.1.3' && e.spec === 'npm:ms@^2.0.0'));
    // react-dom's peer on react resolves to the one react in the lockfile
    assert.ok(inv.edges.some((e) => e.from === 'pkg:npm/react-dom@18.3.1' && e.to === 'pkg:npm/react@18.3.1' && e.kind === 'peer'));
  });

  test('workspaces: workspace: entries are roots, workspace deps are not components', async () => {
    const inv = await extractFixture(yarnBerryExtractor, 'workspaces/yarn-berry/yarn.lock');
    assert.deepEqual(
      inv.roots.map((r) => [r.id, r.path]),
      [
        ['root:ws-root', '.'],
        ['root:@ws/app', 'packages/app'],
        ['root:@ws/lib', 'packages/lib'],
      ],
    );
    assert.ok(!purls(inv).some((p) => p.includes('ws')));
    assert.ok(edgeSet(inv).includes('root:@ws/app -> pkg:npm/is-number@7.0.0 [dev]'));
  });
});

test('Berry: catalog: ranges from .yarnrc.yml, root resolutions, and link: deps keyed with a locator', async () => {
  const inv = await extractFixture(yarnBerryExtractor, 'yarn-berry-catalogs/yarn.lock');
  assert.deepEqual(inv.problems, []);
  assert.deepEqual(edgeSet(inv), [
    'pkg:npm/debug@4.4.3 -> pkg:npm/ms@2.1.3 [prod]',
    'root:catalog-app -> pkg:npm/debug@4.4.3 [prod]',
    'root:catalog-app -> pkg:npm/ms@2.1.3 [prod]',
    'root:catalog-app -> pkg:npm/semver@7.8.6 [dev]',
    'root:catalog-app -> pkg:npm/tool@0.0.0-use.local [prod]',
  ]);
  assert.equal(comp(inv, 'pkg:npm/tool@0.0.0-use.local').resolved, 'link:./tools/tool::locator=catalog-app%40workspace%3A.');
  assert.equal(comp(inv, 'pkg:npm/semver@7.8.6').dev, true);
});

test('Berry catalog and resolution ranges', async () => {
  const { candidateRanges } = await import('../../src/inventory/yarn-berry-ranges.js');
  const ctx = {
    catalogs: new Map<string, Record<string, string>>([
      ['', { ms: '^2.1.0' }],
      ['dev', { semver: '^7' }],
    ]),
    resolutions: { debug: '4.4.3', 'a/@s/x': '1.0.0', '@s/core': '2.0.0', 'lru@^10.0.1': 'patch:lru@npm:10.4.3#./p.patch' },
  };
  assert.deepEqual(candidateRanges(ctx, 'lru', 'npm:^10.0.1'), ['npm:^10.0.1', 'patch:lru@npm:10.4.3#./p.patch']);
  assert.deepEqual(candidateRanges(ctx, 'ms', 'catalog:'), ['catalog:', '^2.1.0']);
  assert.deepEqual(candidateRanges(ctx, 'semver', 'catalog:dev'), ['catalog:dev', '^7']);
  assert.deepEqual(candidateRanges(ctx, 'debug', 'npm:^4'), ['npm:^4', '4.4.3']);
  assert.deepEqual(candidateRanges(ctx, '@s/x', '^1'), ['^1', '1.0.0']);
  assert.deepEqual(candidateRanges(ctx, 'core', '^1'), ['^1']); // "@s/core" is a scoped name, not parent/core
});

test('yarn classic: file: folders and git sources are kept with their source as resolved', async () => {
  const text = [
    '# yarn lockfile v1',
    '',
    '',
    '"local@file:../local":',
    '  version "0.2.0"',
    '',
    '"remote@git+https://example.test/remote.git#abc123":',
    '  version "1.1.0"',
    '  resolved "git+https://example.test/remote.git#abc123def"',
    '',
  ].join('\n');
  const inv = await yarnClassicExtractor.extract({ path: '/nonexistent-vigil/yarn.lock', displayPath: 'yarn.lock', text }, {});
  assert.equal(comp(inv, 'pkg:npm/local@0.2.0').resolved, 'file:../local');
  assert.equal(comp(inv, 'pkg:npm/remote@1.1.0').resolved, 'git+https://example.test/remote.git#abc123def');
  assert.deepEqual(comp(inv, 'pkg:npm/remote@1.1.0').locations, [{ file: 'yarn.lock', line: 7 }]);
  assert.deepEqual(inv.problems, []);
  // no package.json beside it: entries nothing depends on are the root's direct deps, and the note says so
  assert.equal(inv.edges.filter((e) => e.from === 'root:.').length, 2);
  assert.match(inv.sources[0]!.note!, /no package\.json beside yarn\.lock/);
});
