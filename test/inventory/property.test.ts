/**
 * Property-based: no input crashes an extractor. Whatever the bytes, each extractor either returns
 * an Inventory or throws a VigilError (with a file). Inputs: random text, mutated real fixtures,
 * and random JSON/YAML-shaped documents that reach deep into the extraction logic.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { VigilError } from '../../src/core/errors.js';
import type { Inventory } from '../../src/core/types.js';
import { EXTRACTORS } from '../../src/inventory/registry.js';
import type { Extractor } from '../../src/inventory/types.js';
import { fixture } from './helpers.js';

const SEEDS: Record<string, string> = {
  'npm-shrinkwrap': 'same-project/npm-shrinkwrap/npm-shrinkwrap.json',
  'package-lock': 'workspaces/npm/package-lock.json',
  'pnpm-lock': 'peers-alias/pnpm-v9/pnpm-lock.yaml',
  'yarn-berry': 'peers-alias/yarn-berry/yarn.lock',
  'yarn-classic': 'peers-alias/yarn-classic/yarn.lock',
  cyclonedx: 'sbom/mixed-ecosystems-1.6/bom.cdx.json',
  spdx: 'sbom/spdx-dangling/app.spdx.json',
  'package-json': 'bare-package-json/package.json',
  'bun-lock': 'same-project/bun/bun.lock',
  'bun-lockb': 'bun-binary/bun.lockb',
};

/** A path with no neighbours, so extractors do not read other files. */
const path = (ex: Extractor): string => `/nonexistent-vigil-dir/${ex.fileNames[0]!.replace('*', 'x')}`;

async function holds(ex: Extractor, text: string): Promise<boolean> {
  let inv: Inventory;
  try {
    inv = await ex.extract(
      { path: path(ex), displayPath: 'input', text },
      { resolveRange: async (_n, r) => (r.length % 2 ? '1.0.0' : undefined) },
    );
  } catch (e) {
    if (e instanceof VigilError) return typeof e.file === 'string';
    throw e;
  }
  assert.ok(Array.isArray(inv.components) && Array.isArray(inv.edges) && Array.isArray(inv.roots) && Array.isArray(inv.problems));
  for (const c of inv.components) assert.equal(typeof c.purl, 'string');
  return true;
}

const mutation = (seed: string) =>
  fc.oneof(
    fc.nat({ max: seed.length }).map((n) => seed.slice(0, n)),
    fc.tuple(fc.nat({ max: seed.length }), fc.nat({ max: 200 })).map(([at, len]) => seed.slice(0, at) + seed.slice(at + len)),
    fc.tuple(fc.nat({ max: seed.length }), fc.string({ maxLength: 20 })).map(([at, s]) => seed.slice(0, at) + s + seed.slice(at)),
    fc
      .tuple(fc.nat({ max: seed.length }), fc.constantFrom('{', '}', '"', ':', '\n', '  ', '- ', '&a', '*a', '(', '@', 'null', '[]'))
      .map(([at, s]) => seed.slice(0, at) + s + seed.slice(at)),
  );

const deps = fc.dictionary(
  fc.constantFrom('a', '@s/b', 'c', '', '__proto__', 'constructor'),
  fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('^1.0.0', 'npm:a@1', 'link:../x', '1.0.0(c@1.0.0)', 'workspace:*')),
);
const entry = fc.record(
  {
    version: fc.oneof(fc.constantFrom('1.0.0', 'git+https://h/x.git#abc', 'npm:a@1.0.0', ''), fc.integer()),
    resolved: fc.oneof(fc.string({ maxLength: 10 }), fc.constant(null)),
    name: fc.constantFrom('a', '@s/b', 'c'),
    link: fc.boolean(),
    dev: fc.boolean(),
    dependencies: fc.oneof(deps, fc.constant(null), fc.string()),
    requires: deps,
    resolution: fc.oneof(
      fc.constantFrom('a@npm:1.0.0', 'a@workspace:.', 'b@patch:b@npm%3A1.0.0#x'),
      fc.record({ integrity: fc.string(), tarball: fc.string() }),
    ),
    purl: fc.constantFrom('pkg:npm/a@1', 'pkg:deb/debian/x@1', 'nope', 'pkg:npm/%40s/b'),
    'bom-ref': fc.constantFrom('r1', 'r2', 'r3'),
    SPDXID: fc.constantFrom('S1', 'S2'),
  },
  { requiredKeys: [] },
);
// bun.lock: packages are arrays keyed by node_modules-like paths; workspaces is an object.
const bunEntry = fc.oneof(
  fc.tuple(
    fc.constantFrom('a@1.0.0', '@s/b@2.0.0', 'a@workspace:packages/x', 'c@github:u/r#abc', 'd@link:../d', 'bad', '', '@'),
    fc.string({ maxLength: 5 }),
    fc.oneof(
      fc.record(
        { dependencies: deps, optionalDependencies: deps, peerDependencies: deps, optionalPeers: fc.array(fc.constantFrom('a', 'c')) },
        { requiredKeys: [] },
      ),
      fc.constant(null),
    ),
    fc.string({ maxLength: 8 }),
  ),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 4 }),
);
const bunPackages = fc.dictionary(fc.constantFrom('a', 'a/c', '@s/b', '@s/b/a', 'x/', '@s', '__proto__'), bunEntry);
const bunWorkspaces = fc.dictionary(
  fc.constantFrom('', 'packages/x', '__proto__'),
  fc.record({ name: fc.constantFrom('x', '@s/b', ''), dependencies: deps, devDependencies: deps }, { requiredKeys: [] }),
);
const keyed = fc.dictionary(
  fc.constantFrom(
    '',
    'node_modules/a',
    'node_modules/a/node_modules/c',
    'packages/x',
    'a@1.0.0',
    '/a@1.0.0(c@1.0.0)',
    'a@npm:^1.0.0',
    'a@^1',
  ),
  entry,
);
const doc = fc.record(
  {
    lockfileVersion: fc.constantFrom(0, 1, 2, 3, '6.0', '9.0', 99, 'x'),
    packages: fc.oneof(keyed, fc.array(entry), bunPackages),
    dependencies: keyed,
    importers: fc.dictionary(
      fc.constantFrom('.', 'packages/x', '../up'),
      fc.record({
        dependencies: fc.dictionary(
          fc.constantFrom('a', 'c'),
          fc.record({ specifier: fc.string(), version: fc.constantFrom('1.0.0', 'link:../x', '1.0.0(c@1.0.0)') }),
        ),
      }),
    ),
    snapshots: keyed,
    __metadata: fc.record({ version: fc.constantFrom(4, 8, '10', 1) }),
    bomFormat: fc.constant('CycloneDX'),
    specVersion: fc.constantFrom('1.4', '1.6', '9'),
    spdxVersion: fc.constantFrom('SPDX-2.3', 'SPDX-3'),
    components: fc.array(entry),
    dependencies2: fc.array(
      fc.record({ ref: fc.constantFrom('r1', 'r2', 'r9'), dependsOn: fc.array(fc.constantFrom('r1', 'r2', 'r9', 1)) }),
    ),
    relationships: fc.array(
      fc.record({
        spdxElementId: fc.constantFrom('S1', 'S2', 'SPDXRef-DOCUMENT'),
        relationshipType: fc.constantFrom('DEPENDS_ON', 'DESCRIBES', 'DEV_DEPENDENCY_OF'),
        relatedSpdxElement: fc.constantFrom('S1', 'S2', 'S9'),
      }),
    ),
    workspaces: fc.oneof(fc.array(fc.constantFrom('packages/*', '**', '../*')), bunWorkspaces),
    devDependencies: deps,
  },
  { requiredKeys: [] },
);

describe('no input crashes an extractor', () => {
  for (const ex of EXTRACTORS.filter((e) => e.id !== 'dpkg-status')) {
    const seed = readFileSync(fixture(SEEDS[ex.id]!), 'utf8');
    test(`${ex.id}: random text`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 300 }), (s) => holds(ex, s)),
        { numRuns: 100 },
      );
    });
    test(`${ex.id}: mutated real input`, async () => {
      await fc.assert(
        fc.asyncProperty(mutation(seed), (s) => holds(ex, s)),
        { numRuns: 150 },
      );
    });
    test(`${ex.id}: random documents of the right shape`, async () => {
      const asText = ex.id.startsWith('yarn') || ex.id === 'pnpm-lock' ? (d: unknown) => stringify(d) : (d: unknown) => JSON.stringify(d);
      await fc.assert(
        fc.asyncProperty(doc, (d) => holds(ex, asText(d))),
        { numRuns: 100 },
      );
    });
  }
});
