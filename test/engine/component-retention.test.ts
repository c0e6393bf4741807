/**
 * A component's release is not kept alive by what outlives the component: its memo writes wait in
 * the scan's write batch (committed by age or count), and must not hold its files meanwhile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runComponent } from '../../src/engine/component-runner.js';
import { contentAnalyzer } from '../../src/analyzers/content/analyzer.js';
import type { WriteBatch } from '../../src/engine/write-batch.js';
import type { PackageFiles } from '../../src/sources/archive/types.js';
import { comp, filesOf, inventoryOf, manifestOf, packumentOf, servicesOf } from '../helpers/factories.js';
import { MemoryStore } from '../helpers/memory-store.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

test('memo writes waiting in the batch do not keep the release files alive', async () => {
  const c = comp('retained', '1.0.0', { integrity: 'sha512-x' });
  const m = manifestOf('retained', '1.0.0');
  const waiting: (() => void)[] = [];
  const batch: WriteBatch = { add: (w) => waiting.push(w), flush: () => {} };
  let seen: WeakRef<PackageFiles> | undefined;
  const store = new MemoryStore();
  // Run in a function of its own so that no frame of this test refers to the files afterwards.
  await (async () => {
    const run = await runComponent(c, [contentAnalyzer], {
      npm: {
        registryUrl: () => 'http://127.0.0.1/',
        getPackument: async () => packumentOf(m),
        getTarball: async () => ({ bytes: Buffer.alloc(1), fromCache: false, integrity: 'sha512-x' }),
      },
      readPackage: async (_bytes, origin) => {
        const files = { ...filesOf({ 'package.json': '{"name":"retained"}', 'index.js': 'module.exports = 1;\n'.repeat(1000) }), origin };
        seen = new WeakRef(files);
        return files;
      },
      store,
      inventory: inventoryOf(c),
      offline: false,
      services: servicesOf(),
      writes: batch,
    });
    assert.equal(run.problems.length, 0, JSON.stringify(run.problems));
  })();
  assert.ok(seen, 'the release was read');
  assert.equal(waiting.length, 1, 'one write waits in the batch');
  for (let i = 0; i < 3 && seen.deref(); i++) {
    await new Promise((r) => setImmediate(r));
    gc();
  }
  assert.equal(seen.deref(), undefined, 'the files were collected while the write still waits');
  // The write still does its job once the batch commits.
  assert.equal(store.analysis.size, 0);
  waiting[0]!();
  assert.ok(store.analysis.size > 0, 'the memo entry was written');
});
