/**
 * Issue 3 item 7: one project described by its package-lock.json, yarn.lock (classic and Berry) and
 * pnpm-lock.yaml (6 and 9) gives the same components (purls), the same edges and the same flags.
 * The lockfiles are real, written by npm 11, yarn 1.22, Yarn 4, pnpm 8, pnpm 9 and Bun 1.2.23 (bun.lock,
 * `bun install --lockfile-only`) for these manifests.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { npmShrinkwrapExtractor, packageLockExtractor } from '../../src/inventory/package-lock.js';
import { pnpmLockExtractor } from '../../src/inventory/pnpm-lock.js';
import type { Inventory } from '../../src/core/types.js';
import type { Extractor } from '../../src/inventory/types.js';
import { yarnBerryExtractor } from '../../src/inventory/yarn-berry.js';
import { yarnClassicExtractor } from '../../src/inventory/yarn-classic.js';
import { bunLockExtractor } from '../../src/inventory/bun-lock.js';
import { edgeSet, extractFixture, purls } from './helpers.js';

const VARIANTS: [string, Extractor, string][] = [
  ['npm', packageLockExtractor, 'package-lock.json'],
  ['npm-v3', packageLockExtractor, 'package-lock.json'],
  ['npm-v2', packageLockExtractor, 'package-lock.json'],
  ['npm-v1', packageLockExtractor, 'package-lock.json'],
  ['npm-shrinkwrap', npmShrinkwrapExtractor, 'npm-shrinkwrap.json'],
  ['yarn-classic', yarnClassicExtractor, 'yarn.lock'],
  ['yarn-berry', yarnBerryExtractor, 'yarn.lock'],
  ['pnpm-v9', pnpmLockExtractor, 'pnpm-lock.yaml'],
  ['pnpm-v6', pnpmLockExtractor, 'pnpm-lock.yaml'],
  ['bun', bunLockExtractor, 'bun.lock'],
];

const PROJECTS: Record<string, { variants: string[]; minComponents: number }> = {
  'same-project': {
    variants: ['npm-v3', 'npm-v2', 'npm-v1', 'npm-shrinkwrap', 'yarn-classic', 'yarn-berry', 'pnpm-v9', 'pnpm-v6', 'bun'],
    minComponents: 11,
  },
  express: { variants: ['npm', 'yarn-classic', 'yarn-berry', 'pnpm-v9', 'bun'], minComponents: 60 },
  'peers-alias': { variants: ['npm', 'yarn-classic', 'yarn-berry', 'pnpm-v9', 'bun'], minComponents: 10 },
  workspaces: { variants: ['npm', 'yarn-classic', 'yarn-berry', 'pnpm-v9', 'pnpm-v6', 'bun'], minComponents: 4 },
};

for (const [project, { variants, minComponents }] of Object.entries(PROJECTS)) {
  describe(`${project}: every lockfile format gives the same inventory`, () => {
    test(variants.join(', '), async () => {
      const results = [];
      for (const v of variants) {
        const [, ex, file] = VARIANTS.find(([id]) => id === v)!;
        results.push({ v, inv: await extractFixture(ex, `${project}/${v}/${file}`) });
      }
      const [ref, ...rest] = results;
      assert.ok(ref!.inv.components.length >= minComponents, `${ref!.v}: ${ref!.inv.components.length} components`);
      assert.deepEqual(ref!.inv.problems, []);
      for (const r of rest) {
        assert.deepEqual(r.inv.problems, [], `${r.v} problems`);
        assert.deepEqual(purls(r.inv), purls(ref!.inv), `${r.v} vs ${ref!.v}: components`);
        // yarn.lock v1 does not record peer dependencies at all (a format limit, stated in its source note).
        const noPeers = (xs: string[]) => (r.v === 'yarn-classic' ? xs.filter((x) => !x.endsWith('[peer]')) : xs);
        assert.deepEqual(edgeSet(r.inv), noPeers(edgeSet(ref!.inv)), `${r.v} vs ${ref!.v}: edges`);
        assert.deepEqual(
          r.inv.roots.map((x) => [x.id, x.path]),
          ref!.inv.roots.map((x) => [x.id, x.path]),
          `${r.v} roots`,
        );
        const flags = (inv: Inventory) => inv.components.map((c) => `${c.purl} dev=${c.dev} optional=${c.optional}`);
        assert.deepEqual(flags(r.inv), flags(ref!.inv), `${r.v} flags`);
      }
    });
  });
}
