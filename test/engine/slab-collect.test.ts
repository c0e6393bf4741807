/**
 * Shared slabs are pressure on no heap, so the scanning thread collects after every PACE_BYTES of
 * package content dropped: a dropped slab is then given back rather than kept resident until a
 * collection that may never come. (V8 frees a collected buffer's memory on a helper thread, later
 * on a loaded machine: the test watches the slabs being collected, not the memory count.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as turn, setTimeout as delay } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createDropCollector, PACE_BYTES } from '../../src/engine/slab-collect.js';
import { SharedSlabs } from '../../src/sources/archive/shared-slabs.js';
import { runComponent } from '../../src/engine/component-runner.js';
import { releaseDiffAnalyzer } from '../../src/analyzers/release-diff/analyzer.js';
import { readArchive } from '../../src/sources/archive/read-archive.js';
import { packTarball } from '../helpers/publish.js';
import { comp, inventoryOf, manifestOf, packumentOf, servicesOf } from '../helpers/factories.js';
import { MemoryStore } from '../helpers/memory-store.js';

test('one collection per pace of bytes dropped, on a later turn, however many drops passed the mark in one turn', async () => {
  let runs = 0;
  const c = createDropCollector(100, () => runs++);
  c.dropped(60);
  c.dropped(39);
  c.dropped(Number.NaN);
  c.dropped(-10);
  await turn();
  assert.equal(runs, 0, 'below the pace');
  c.dropped(1);
  c.dropped(500);
  assert.equal(runs, 0, 'not in the turn that dropped them');
  await turn();
  assert.equal(runs, 1, 'once for both');
  assert.equal(c.collections, 1);
  c.dropped(99);
  await turn();
  assert.equal(runs, 1, 'counting starts again after a collection');
  c.dropped(1);
  await turn();
  assert.equal(runs, 2);
  c.close();
});

/** A full collection of this thread, as V8 runs on its own. */
function v8Collects(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** The turns a `gc` performance entry takes to reach its observer. */
async function observed(): Promise<void> {
  for (let i = 0; i < 5; i++) await turn();
  await delay(20);
}

test('a full collection V8 runs on its own starts the count again; after close() it no longer does', async () => {
  let runs = 0;
  const c = createDropCollector(100, () => runs++);
  c.dropped(60);
  v8Collects();
  await observed();
  c.dropped(60);
  await turn();
  assert.equal(runs, 0, 'what was dropped before the collection is not counted again');
  c.dropped(40);
  await turn();
  assert.equal(runs, 1, 'what was dropped after it is');
  c.close();
  c.dropped(60);
  v8Collects();
  await observed();
  c.dropped(60);
  await turn();
  assert.equal(runs, 2, 'closed: its own pace only');
});

test('room asked for: a collection when ROOM_BYTES or more were dropped since the last, none otherwise', async () => {
  let runs = 0;
  const c = createDropCollector(100, () => runs++, 30);
  c.dropped(20);
  c.makeRoom();
  await turn();
  assert.equal(runs, 0, 'too little dropped to be worth a collection');
  c.dropped(10);
  c.makeRoom();
  c.makeRoom();
  assert.equal(runs, 0, 'not in the turn that asked');
  await turn();
  assert.equal(runs, 1, 'once');
  c.makeRoom();
  await turn();
  assert.equal(runs, 1, 'nothing dropped since');
  c.close();
});

/** Places `bytes` of files in slabs and drops them all; returns the slabs' memory, each slab registered in `gone`. */
function placeAndDrop(bytes: number, gone: FinalizationRegistry<number>): number {
  const slabs = new SharedSlabs();
  const file = Buffer.alloc(8 * 1024 * 1024, 1);
  const seen = new Set<ArrayBufferLike>();
  for (let placed = 0; placed < bytes; placed += file.length) seen.add(slabs.place([file], file.length).buffer);
  let total = 0;
  for (const slab of seen) {
    gone.register(slab, slab.byteLength);
    total += slab.byteLength;
  }
  return total;
}

test('the default collector collects dropped slabs (and V8 then frees their memory)', async () => {
  const collector = createDropCollector();
  let collected = 0;
  const gone = new FinalizationRegistry<number>((n) => (collected += n));
  const took = placeAndDrop(PACE_BYTES, gone);
  assert.ok(took >= PACE_BYTES);
  // Dropped: nothing refers to the slabs any more, and nothing else asks V8 to collect.
  collector.dropped(PACE_BYTES);
  for (let i = 0; i < 20 && collected < took; i++) await turn();
  collector.close();
  assert.equal(collector.collections, 1);
  assert.equal(collected, took, `${(collected / 2 ** 20).toFixed(0)} MiB of ${(took / 2 ** 20).toFixed(0)} MiB of slabs collected`);
});

test('a component reports the inflated tar of each release it reads (this one and the previous) as dropped', async () => {
  const body = (v: string) => ({ 'index.js': `module.exports = ${JSON.stringify(v)};\n`.repeat(2000) });
  const tgz = {
    '1.0.0': await packTarball({ name: 'lib', version: '1.0.0' }, body('a')),
    '1.0.1': await packTarball({ name: 'lib', version: '1.0.1' }, body('b')),
  };
  const tars: number[] = [];
  const dropped: number[] = [];
  const c = comp('lib', '1.0.1', { integrity: 'sha512-x' });
  const m = (v: string) => manifestOf('lib', v);
  await runComponent(c, [releaseDiffAnalyzer], {
    npm: {
      registryUrl: () => 'http://127.0.0.1/',
      getPackument: async () => packumentOf(m('1.0.1'), { versions: { '1.0.0': m('1.0.0'), '1.0.1': m('1.0.1') } }),
      getTarball: async (_n, v) => ({ bytes: tgz[v as keyof typeof tgz], integrity: 'sha512-x', fromCache: false }),
    },
    readPackage: async (bytes, origin) => {
      const files = await readArchive(bytes, { strip: 'npm', ...(origin ? { origin } : {}) });
      tars.push(files.inflatedBytes ?? 0);
      return files;
    },
    store: new MemoryStore(),
    inventory: inventoryOf(c),
    offline: false,
    services: servicesOf(),
    deep: true,
    dropped: (bytes) => dropped.push(bytes),
  });
  assert.equal(tars.length, 2, 'both releases read');
  assert.ok(
    tars.every((n) => n > 40_000),
    `inflated tars of ${tars.join(', ')} bytes`,
  );
  assert.deepEqual(dropped, tars);
});
