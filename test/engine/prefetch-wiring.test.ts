/**
 * A cold scan stores packuments ahead of their components while most components in flight wait for
 * room in the byte budget (engine/packument-prefetch.ts): each name asked once, only names not yet
 * started; a warm rescan, whose analyses the store serves, asks for none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { scan, type ScanDeps } from '../../src/engine/scan.js';
import type { Inventory } from '../../src/core/types.js';
import { comp, filesOf, manifestOf, packumentOf } from '../helpers/factories.js';
import { MemoryStore } from '../helpers/memory-store.js';

/** Twelve libraries, each (the registry says) 60 MiB unpacked: one fits the byte budget at a time, and the others wait. */
function project(): Inventory {
  const libs = Array.from({ length: 12 }, (_, i) => comp(`lib-${String(i).padStart(2, '0')}`, '1.0.0', { integrity: `sha512-${i}` }));
  return {
    sources: [{ file: 'package-lock.json', format: 'package-lock.json v3' }],
    roots: [{ id: 'root:app', name: 'app', path: '.' }],
    components: libs,
    edges: libs.map((c) => ({ from: 'root:app', to: c.purl, kind: 'prod' as const })),
    problems: [],
  };
}

function depsFor(store: MemoryStore, log: { read: string[]; prefetched: string[] }): ScanDeps {
  const inv = project();
  return {
    store,
    npm: {
      registryUrl: () => 'http://127.0.0.1/',
      getPackument: async (name) => {
        log.read.push(name);
        return packumentOf(manifestOf(name, '1.0.0', { dist: { tarball: 'http://127.0.0.1/x.tgz', unpackedSize: 60 * 1024 * 1024 } }));
      },
      // As the registry client does: a name already read (or being read) is not asked again.
      prefetchPackument: async (name) => {
        if (!log.read.includes(name)) log.prefetched.push(name);
      },
      getTarball: async (name, version) => ({ bytes: Buffer.from(`${name}@${version}`), integrity: 'sha512-x', fromCache: false }),
    },
    readPackage: async (bytes, origin) => {
      await sleep(15);
      const [name, version] = bytes.toString().split('@') as [string, string];
      return { ...filesOf({ 'package.json': JSON.stringify({ name, version }), 'index.js': 'module.exports = 1;\n' }), origin };
    },
    loadInventory: async () => ({ inventory: inv }),
  };
}

test('while components wait for room, the packuments of later ones are prefetched, each once; a warm rescan prefetches none', async () => {
  const store = new MemoryStore();
  const cold = { read: [] as string[], prefetched: [] as string[] };
  await scan({ target: '/project', offline: false, history: false, concurrency: 1 }, depsFor(store, cold));
  assert.ok(cold.prefetched.length > 0, 'some packuments prefetched');
  assert.equal(new Set(cold.prefetched).size, cold.prefetched.length, 'each name once');
  assert.ok(!cold.prefetched.includes('lib-00'), 'not the first component (it started the prefetch by reading its own)');
  assert.ok(cold.prefetched.includes('lib-11'), `ahead to the last component: ${cold.prefetched.join(', ')}`);
  assert.equal(cold.read.length, 12, 'every component still reads its packument (from the store, in the real client)');
  const warm = { read: [] as string[], prefetched: [] as string[] };
  await scan({ target: '/project', offline: false, history: false, concurrency: 1 }, depsFor(store, warm));
  assert.deepEqual(warm.read, [], 'served from the store');
  assert.deepEqual(warm.prefetched, []);
});

test('offline, nothing is prefetched', async () => {
  const log = { read: [] as string[], prefetched: [] as string[] };
  await scan({ target: '/project', offline: true, history: false, concurrency: 1 }, depsFor(new MemoryStore(), log));
  assert.deepEqual(log.prefetched, []);
});
