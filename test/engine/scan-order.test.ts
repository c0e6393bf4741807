/**
 * A scan starts a project's direct dependencies first (src/engine/scan-order.ts): usually the
 * largest analyses, they keep the content worker busy while the many small packages are fetched.
 * The result still lists everything in inventory order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { directFirst } from '../../src/engine/scan-order.js';
import { scan, type ScanDeps } from '../../src/engine/scan.js';
import type { Inventory } from '../../src/core/types.js';
import { comp, filesOf, manifestOf, packumentOf } from '../helpers/factories.js';
import { MemoryStore } from '../helpers/memory-store.js';

/** a → b → c … a chain of libraries, then two packages the project depends on directly, listed last (as a lockfile sorts them). */
function project(): Inventory {
  const libs = ['lib-a', 'lib-b', 'lib-c', 'lib-d', 'lib-e', 'lib-f'].map((n) => comp(n, '1.0.0', { integrity: `sha512-${n}` }));
  const direct = ['zz-framework', 'zz-toolchain'].map((n) => comp(n, '1.0.0', { integrity: `sha512-${n}` }));
  return {
    sources: [{ file: 'package-lock.json', format: 'package-lock.json v3' }],
    roots: [{ id: 'root:app', name: 'app', path: '.' }],
    components: [...libs, ...direct],
    edges: [
      ...direct.map((c) => ({ from: 'root:app', to: c.purl, kind: 'prod' as const })),
      ...libs.map((c, i) => ({ from: i === 0 ? direct[0]!.purl : libs[i - 1]!.purl, to: c.purl, kind: 'prod' as const })),
    ],
    problems: [],
  };
}

test('directFirst: the components a root depends on, then the rest, each in inventory order', () => {
  const inv = project();
  assert.deepEqual(
    directFirst(inv.components, inv).map((i) => inv.components[i]!.name),
    ['zz-framework', 'zz-toolchain', 'lib-a', 'lib-b', 'lib-c', 'lib-d', 'lib-e', 'lib-f'],
  );
  // Without roots (an SBOM that names none), inventory order.
  assert.deepEqual(directFirst(inv.components, { edges: [] }), [0, 1, 2, 3, 4, 5, 6, 7]);
});

test('a scan fetches the direct dependencies first and reports every component in inventory order', async () => {
  const inv = project();
  const asked: string[] = [];
  const deps: ScanDeps = {
    store: new MemoryStore(),
    npm: {
      registryUrl: () => 'http://127.0.0.1/',
      getPackument: async (name) => {
        asked.push(name);
        return packumentOf(manifestOf(name, '1.0.0'));
      },
      getTarball: async (name, version) => ({ bytes: Buffer.from(`${name}@${version}`), integrity: 'sha512-x', fromCache: false }),
    },
    readPackage: async (bytes, origin) => {
      const [name, version] = bytes.toString().split('@') as [string, string];
      return { ...filesOf({ 'package.json': JSON.stringify({ name, version }), 'index.js': 'module.exports = 1;\n' }), origin };
    },
    loadInventory: async () => ({ inventory: inv }),
  };
  // One request at a time: four components in flight (scan.ts COMPONENTS_PER_REQUEST).
  const r = await scan({ target: '/project', offline: false, history: false, concurrency: 1 }, deps);
  assert.deepEqual(asked.slice(0, 2), ['zz-framework', 'zz-toolchain']);
  assert.equal(asked.length, 8);
  assert.deepEqual(
    Object.keys(r.facts['content'] ?? {}),
    inv.components.map((c) => c.purl),
    'facts in inventory order',
  );
});
