import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePnpmKey, pnpmLockExtractor } from '../../src/inventory/pnpm-lock.js';
import { comp, edgeSet, extractFixture, purls } from './helpers.js';

describe('pnpm-lock.yaml', () => {
  test('keys: v6 slash, v9 plain, scoped, peer suffixes', () => {
    assert.deepEqual(parsePnpmKey('/@babel/core@7.24.0'), { name: '@babel/core', version: '7.24.0' });
    assert.deepEqual(parsePnpmKey('react-dom@18.3.1(react@18.3.1)'), { name: 'react-dom', version: '18.3.1' });
    assert.deepEqual(parsePnpmKey('/@a/b@1.0.0(@c/d@2.0.0)(e@3.0.0)'), { name: '@a/b', version: '1.0.0' });
  });

  test('v9: packages + snapshots, importer specifiers, lines of packages entries', async () => {
    const inv = await extractFixture(pnpmLockExtractor, 'same-project/pnpm-v9/pnpm-lock.yaml');
    assert.equal(inv.sources[0]!.format, 'pnpm-lock.yaml v9.0');
    assert.equal(inv.components.length, 11);
    const debug = comp(inv, 'pkg:npm/debug@4.4.3');
    assert.equal(debug.locations[0]!.line, 46);
    assert.match(debug.integrity!, /^sha512-RGwwWnwQ/);
    assert.ok(inv.edges.some((e) => e.from === 'root:same-project' && e.to === debug.purl && e.spec === '^4.3.4'));
    assert.equal(comp(inv, 'pkg:npm/semver@7.8.6').dev, true);
    assert.equal(comp(inv, 'pkg:npm/is-number@7.0.0').optional, true);
  });

  test('v6 and v9 of the same project agree', async () => {
    const v9 = await extractFixture(pnpmLockExtractor, 'same-project/pnpm-v9/pnpm-lock.yaml');
    const v6 = await extractFixture(pnpmLockExtractor, 'same-project/pnpm-v6/pnpm-lock.yaml');
    assert.equal(v6.sources[0]!.format, 'pnpm-lock.yaml v6.0');
    assert.deepEqual(purls(v6), purls(v9));
    assert.deepEqual(edgeSet(v6), edgeSet(v9));
  });

  test('peer-suffixed snapshots are one component with peer edges; aliases use the real name', async () => {
    const inv = await extractFixture(pnpmLockExtractor, 'peers-alias/pnpm-v9/pnpm-lock.yaml');
    assert.equal(inv.components.filter((c) => c.name === 'react-dom').length, 1);
    assert.ok(inv.edges.some((e) => e.from === 'pkg:npm/react-dom@18.3.1' && e.to === 'pkg:npm/react@18.3.1' && e.kind === 'peer'));
    assert.ok(inv.edges.some((e) => e.from === 'root:peers-alias' && e.to === 'pkg:npm/ms@2.1.3' && e.spec === 'npm:ms@^2.0.0'));
  });

  for (const v of ['pnpm-v9', 'pnpm-v6']) {
    test(`${v} workspaces: importers are roots, link: deps between them are not components`, async () => {
      const inv = await extractFixture(pnpmLockExtractor, `workspaces/${v}/pnpm-lock.yaml`);
      assert.deepEqual(
        inv.roots.map((r) => [r.id, r.path]),
        [
          ['root:ws-root', '.'],
          ['root:@ws/app', 'packages/app'],
          ['root:@ws/lib', 'packages/lib'],
        ],
      );
      assert.deepEqual(purls(inv), ['pkg:npm/debug@4.4.3', 'pkg:npm/is-number@7.0.0', 'pkg:npm/ms@2.1.3', 'pkg:npm/semver@7.8.6']);
      assert.deepEqual(inv.problems, []);
    });
  }
});

test('pnpm 10+ lockfile with an env document first: the project document is read, the note says so', async () => {
  const inv = await extractFixture(pnpmLockExtractor, 'pnpm-env-document/pnpm-lock.yaml');
  const plain = await extractFixture(pnpmLockExtractor, 'same-project/pnpm-v9/pnpm-lock.yaml');
  assert.deepEqual(purls(inv), purls(plain));
  assert.deepEqual(edgeSet(inv), edgeSet(plain));
  assert.match(inv.sources[0]!.note!, /2 YAML documents/);
  assert.equal(comp(inv, 'pkg:npm/debug@4.4.3').locations[0]!.line, 70);
});
