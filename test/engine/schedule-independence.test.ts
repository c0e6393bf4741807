/**
 * A scan's result does not depend on the order in which its components finish: with one component
 * in flight or many, the largest package first in the content workers' queue, packages that answer
 * slowly or quickly, the result lists findings, problems and facts in inventory order and is the
 * same. Components here differ in size and in how long their registry takes to answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScanResult } from '../../src/core/result.js';
import { scan, type ScanDeps } from '../../src/engine/scan.js';
import { readDirectory } from '../../src/sources/archive/index.js';
import type { PackageFiles } from '../../src/sources/archive/types.js';
import { filesOf, inventoryOf, manifestOf, numberedComponents, packumentOf } from '../helpers/factories.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { CONTENT_FIXTURES } from '../content/helpers.js';

const COUNT = 48;
/** Releases that carry findings, spread over the inventory. */
const EVIL: Record<string, string> = { 'pkg-3': 'install-env-exfil', 'pkg-20': 'install-env-exfil', 'pkg-41': 'install-env-exfil' };
const delay = (i: number) => new Promise((r) => setTimeout(r, (i * 7) % 13));

function deps(): ScanDeps {
  const components = numberedComponents(COUNT);
  return {
    store: new MemoryStore(),
    npm: {
      registryUrl: () => 'http://127.0.0.1/',
      getPackument: async (name) => {
        await delay(Number(name.slice(4)));
        return packumentOf(manifestOf(name, '1.0.0'));
      },
      getTarball: async (name, version) => {
        await delay(Number(name.slice(4)) + 5);
        return { bytes: Buffer.from(`${name}@${version}`), integrity: 'sha512-x', fromCache: false };
      },
    },
    readPackage: async (bytes, origin): Promise<PackageFiles> => {
      const [name, version] = bytes.toString().split('@') as [string, string];
      const fixture = EVIL[name];
      if (fixture) return readDirectory(CONTENT_FIXTURES + fixture, { origin });
      // Sizes that do not follow inventory order: the content queue reorders them.
      const i = Number(name.slice(4));
      const files = filesOf({
        'package.json': JSON.stringify({ name, version }),
        'index.js': `module.exports = ${JSON.stringify(name)};\n` + `// ${'x'.repeat(((i * 37) % 11) * 4000)}\n`,
      });
      return { ...files, origin };
    },
    loadInventory: async () => ({ inventory: inventoryOf(...components) }),
  };
}

/** The result without what legitimately differs between two runs (timestamps). */
function comparable(r: ScanResult): unknown {
  const { startedAt: _s, finishedAt: _f, ...rest } = r as ScanResult & { startedAt?: string; finishedAt?: string };
  return JSON.parse(JSON.stringify(rest));
}

test(`one component at a time or ${COUNT} at once: the same result`, async () => {
  const one = await scan({ target: '/project', offline: false, history: false, concurrency: 1 }, deps());
  const many = await scan({ target: '/project', offline: false, history: false, concurrency: 16 }, deps());
  const subjects = many.findings.map((f) => f.subject);
  for (const name of Object.keys(EVIL)) assert.ok(subjects.includes(`pkg:npm/${name}@1.0.0`), `${name} has findings`);
  assert.equal(Object.keys(many.facts['content'] ?? {}).length, COUNT);
  assert.deepEqual(comparable(many), comparable(one));
  // Inventory order, not completion order.
  assert.deepEqual(
    Object.keys(many.facts['content'] ?? {}),
    Object.keys(one.facts['content'] ?? {}).sort((a, b) => Number(a.split(/[-@]/)[1]) - Number(b.split(/[-@]/)[1])),
  );
});
