import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { npmShrinkwrapExtractor, packageLockExtractor } from '../../src/inventory/package-lock.js';
import { comp, edgeSet, extractFixture, purls } from './helpers.js';

describe('package-lock.json', () => {
  test('v3: components, flags, edges with specs and entry lines', async () => {
    const inv = await extractFixture(packageLockExtractor, 'same-project/npm-v3/package-lock.json');
    assert.equal(inv.sources[0]!.format, 'package-lock.json v3');
    assert.deepEqual(inv.roots, [{ id: 'root:same-project', name: 'same-project', path: '.', version: '1.0.0' }]);
    assert.equal(inv.components.length, 11);
    assert.deepEqual(inv.problems, []);
    const chalk = comp(inv, 'pkg:npm/chalk@4.1.2');
    assert.deepEqual(chalk.locations, [{ file: 'package-lock.json', line: 37 }]);
    assert.match(chalk.integrity!, /^sha512-oKnbhFyRIXpUuez8/);
    assert.equal(chalk.resolved, 'http://127.0.0.1:4873/chalk/-/chalk-4.1.2.tgz');
    assert.equal(comp(inv, 'pkg:npm/semver@7.8.6').dev, true);
    assert.equal(comp(inv, 'pkg:npm/is-number@7.0.0').optional, true);
    assert.equal(comp(inv, 'pkg:npm/ms@2.1.3').dev, false);
    // nested install path resolved to the nested copy
    const hf4 = comp(inv, 'pkg:npm/has-flag@4.0.0');
    assert.deepEqual(hf4.paths, ['node_modules/supports-color/node_modules/has-flag']);
    assert.ok(inv.edges.some((e) => e.from === 'pkg:npm/supports-color@7.2.0' && e.to === hf4.purl && e.spec === '^4.0.0'));
    assert.ok(inv.edges.some((e) => e.from === 'root:same-project' && e.to === 'pkg:npm/has-flag@3.0.0' && e.kind === 'prod'));
    assert.ok(
      inv.edges.some((e) => e.from === 'root:same-project' && e.to === 'pkg:npm/semver@7.8.6' && e.kind === 'dev' && e.spec === '^7.6.0'),
    );
  });

  test('v1, v2, v3 and npm-shrinkwrap.json of one project give the same inventory', async () => {
    const v3 = await extractFixture(packageLockExtractor, 'same-project/npm-v3/package-lock.json');
    const v2 = await extractFixture(packageLockExtractor, 'same-project/npm-v2/package-lock.json');
    const v1 = await extractFixture(packageLockExtractor, 'same-project/npm-v1/package-lock.json');
    const sw = await extractFixture(npmShrinkwrapExtractor, 'same-project/npm-shrinkwrap/npm-shrinkwrap.json');
    assert.equal(v1.sources[0]!.format, 'package-lock.json v1');
    assert.equal(v2.sources[0]!.format, 'package-lock.json v2');
    assert.equal(sw.sources[0]!.format, 'npm-shrinkwrap.json v3');
    for (const other of [v2, v1, sw]) {
      assert.deepEqual(purls(other), purls(v3));
      assert.deepEqual(edgeSet(other), edgeSet(v3));
      assert.deepEqual(
        other.components.map((c) => [c.purl, c.dev, c.optional]),
        v3.components.map((c) => [c.purl, c.dev, c.optional]),
      );
    }
    assert.equal(comp(v1, 'pkg:npm/chalk@4.1.2').locations[0]!.line, 15);
  });

  test('workspaces: each workspace is a root with its own direct deps; links are not components', async () => {
    const inv = await extractFixture(packageLockExtractor, 'workspaces/npm/package-lock.json');
    assert.deepEqual(
      inv.roots.map((r) => [r.id, r.path]),
      [
        ['root:ws-root', '.'],
        ['root:@ws/app', 'packages/app'],
        ['root:@ws/lib', 'packages/lib'],
      ],
    );
    assert.deepEqual(purls(inv), ['pkg:npm/debug@4.4.3', 'pkg:npm/is-number@7.0.0', 'pkg:npm/ms@2.1.3', 'pkg:npm/semver@7.8.6']);
    assert.deepEqual(edgeSet(inv), [
      'pkg:npm/debug@4.4.3 -> pkg:npm/ms@2.1.3 [prod]',
      'root:@ws/app -> pkg:npm/debug@4.4.3 [prod]',
      'root:@ws/app -> pkg:npm/is-number@7.0.0 [dev]',
      'root:@ws/lib -> pkg:npm/ms@2.1.3 [prod]',
      'root:ws-root -> pkg:npm/semver@7.8.6 [dev]',
    ]);
    assert.equal(comp(inv, 'pkg:npm/is-number@7.0.0').dev, true);
  });

  test('non-registry dependencies keep their source in resolved; aliases use the real name', async () => {
    const inv = await extractFixture(packageLockExtractor, 'non-registry/package-lock.json');
    assert.equal(
      comp(inv, 'pkg:npm/from-git@1.2.0').resolved,
      'git+ssh://git@github.com/example/from-git.git#0123456789abcdef0123456789abcdef01234567',
    );
    assert.equal(comp(inv, 'pkg:npm/from-tarball@2.0.0').resolved, 'http://127.0.0.1:8080/from-tarball-2.0.0.tgz');
    assert.equal(comp(inv, 'pkg:npm/local-lib@0.3.0').resolved, 'file:../local-lib');
    const ms = comp(inv, 'pkg:npm/ms@2.1.3');
    assert.equal(ms.name, 'ms');
    assert.ok(inv.edges.some((e) => e.from === 'root:non-registry-app' && e.to === ms.purl && e.spec === 'npm:ms@2.1.3'));
    assert.ok(inv.edges.some((e) => e.from === 'root:non-registry-app' && e.to === 'pkg:npm/local-lib@0.3.0'));
    // a bundled dependency has no resolved URL by design: no problem for it
    assert.deepEqual(comp(inv, 'pkg:npm/bundled-dep@3.1.0').meta, { inBundle: true });
    assert.deepEqual(inv.problems, []);
  });

  test('entries without version or resolved are problems naming file, line and entry; the rest is read', async () => {
    const inv = await extractFixture(packageLockExtractor, 'malformed/missing-version/package-lock.json');
    assert.equal(inv.components.length, 10);
    assert.ok(!purls(inv).some((p) => p.startsWith('pkg:npm/ms@')));
    const noVersion = inv.problems.find((p) => p.subject === 'node_modules/ms' && /no "version"/.test(p.message));
    assert.ok(noVersion, JSON.stringify(inv.problems));
    assert.equal(noVersion.file, 'package-lock.json');
    assert.equal(noVersion.line, 106);
    const noResolved = inv.problems.find((p) => p.subject === 'node_modules/color-name');
    assert.match(noResolved!.message, /no "resolved"/);
    assert.equal(noResolved!.line, 65);
    assert.ok(!inv.edges.some((e) => e.to.startsWith('pkg:npm/ms@')));
    assert.equal(inv.problems.length, 2);
    assert.equal(comp(inv, 'pkg:npm/color-name@1.1.4').resolved, undefined);
  });
});

test('duplicate JSON keys are problems with their line; the last value is used', async () => {
  const text =
    '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": { "name": "d" },\n    "node_modules/a": { "version": "1.0.0", "resolved": "http://127.0.0.1/a.tgz" },\n    "node_modules/a": { "version": "2.0.0", "resolved": "http://127.0.0.1/a.tgz" }\n  }\n}\n';
  const inv = await packageLockExtractor.extract(
    { path: '/nonexistent-vigil/package-lock.json', displayPath: 'package-lock.json', text },
    {},
  );
  assert.deepEqual(purls(inv), ['pkg:npm/a@2.0.0']);
  assert.deepEqual(
    inv.problems.map((p) => [p.line, p.message]),
    [[6, 'duplicate key "node_modules/a"; the last one is used']],
  );
});
