/**
 * A rescan compares with the previous scan of the same target through its stored digest (components
 * and finding fingerprints), never by reading the whole previous result back: for a thousand packages
 * that result is tens of megabytes once parsed, and it made a warm scan peak higher than a cold one.
 * The changes it reports must stay exactly what they were, also for rows stored before digests existed.
 */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ComponentAnalyzer } from '../../src/analyzers/types.js';
import type { InventoryComponent } from '../../src/core/types.js';
import { scan, type ScanDeps } from '../../src/engine/scan.js';
import { openStore } from '../../src/store/open.js';
import type { Store, StoreMaintenance } from '../../src/store/types.js';
import { comp, findingOf, inventoryOf } from '../helpers/factories.js';

/** One finding per component whose name starts with `bad-`, so the finding set follows the inventory. */
const flagsBad: ComponentAnalyzer = {
  kind: 'component',
  id: 'test-bad-name',
  version: '1',
  code: [],
  needs: {},
  rules: [],
  appliesTo: () => true,
  analyze: (ctx) => ({
    findings: ctx.component.name.startsWith('bad-') ? [findingOf('test/bad-name', ctx.component.purl)] : [],
  }),
};

/** The store as the scan sees it, with the whole-result readers turned into failures. */
function digestOnly(store: Store & StoreMaintenance): Store {
  const refuse = () => {
    throw new Error('the scan read a whole stored result');
  };
  return Object.assign(Object.create(store) as Store, { lastScan: refuse, scanById: refuse, scanHistory: refuse });
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function storePath(): string {
  const d = mkdtempSync(join(tmpdir(), 'vigil-digest-'));
  dirs.push(d);
  return join(d, 'vigil.db');
}

function depsOf(store: Store, components: InventoryComponent[]): ScanDeps {
  return {
    store,
    npm: {
      registryUrl: () => 'http://127.0.0.1/',
      getPackument: () => Promise.reject(new Error('offline')),
      getTarball: () => Promise.reject(new Error('offline')),
    },
    readPackage: () => Promise.reject(new Error('offline')),
    loadInventory: async () => ({ inventory: inventoryOf(...components) }),
  };
}

const before = [comp('a', '1.0.0'), comp('b', '1.0.0'), comp('bad-gone', '1.0.0'), comp('bad-stays', '1.0.0'), comp('gone', '2.0.0')];
const after = [comp('a', '1.0.0'), comp('b', '1.1.0'), comp('bad-stays', '1.0.0'), comp('bad-new', '0.1.0'), comp('fresh', '0.1.0')];
const opts = { target: '/project', offline: true, analyzers: [flagsBad] };
const fp = (r: { findings: { subject: string; fingerprint?: string }[] }, name: string) =>
  r.findings.find((f) => f.subject.includes(`/${name}@`))!.fingerprint!;

async function rescan(path: string, dropDigests: boolean) {
  const store = openStore({ path });
  const first = await scan(opts, depsOf(store, before));
  store.close();
  if (dropDigests) {
    // A row written before digests existed.
    const db = new Database(path);
    db.prepare('UPDATE scans SET digest = NULL').run();
    db.close();
  }
  const again = openStore({ path });
  try {
    const second = await scan(opts, depsOf(dropDigests ? again : digestOnly(again), after));
    return { first, second, store: again };
  } catch (e) {
    again.close();
    throw e;
  }
}

describe('changes since the previous scan, from its digest', () => {
  for (const dropDigests of [false, true]) {
    test(dropDigests ? 'a row stored before digests: derived from its result, same changes' : 'read from the digest alone', async () => {
      const { first, second, store } = await rescan(storePath(), dropDigests);
      try {
        const ch = second.changes!;
        assert.ok(ch, 'the second scan reports changes');
        assert.equal(ch.previousScanId, store.lastScanDigest(first.target.key)!.id - 1, 'compared with the scan stored just before');
        assert.deepEqual(ch.changedVersions, [{ name: 'b', from: '1.0.0', to: '1.1.0' }]);
        assert.deepEqual(ch.newComponents, [comp('bad-new', '0.1.0').purl, comp('fresh', '0.1.0').purl]);
        assert.deepEqual(ch.removedComponents, [comp('bad-gone', '1.0.0').purl, comp('gone', '2.0.0').purl]);
        assert.deepEqual(ch.newFindings, [fp(second, 'bad-new')]);
        assert.deepEqual(ch.resolvedFindings, [fp(first, 'bad-gone')]);
        assert.equal(fp(first, 'bad-stays'), fp(second, 'bad-stays'), 'an unchanged finding is neither new nor resolved');
      } finally {
        store.close();
      }
    });
  }

  test('--baseline last hides the findings the previous scan had, from its digest', async () => {
    const path = storePath();
    const store = openStore({ path });
    try {
      await scan(opts, depsOf(store, before));
      const r = await scan({ ...opts, baseline: 'last' }, depsOf(digestOnly(store), after));
      assert.deepEqual(
        r.findings.map((f) => f.subject),
        [comp('bad-new', '0.1.0').purl],
      );
      assert.equal(r.baseline?.hidden, 1);
    } finally {
      store.close();
    }
  });

  test('the digest is small: components and fingerprints, not facts or evidence', async () => {
    const path = storePath();
    const store = openStore({ path });
    try {
      const r = await scan(opts, depsOf(store, before));
      const d = store.lastScanDigest(r.target.key)!;
      assert.deepEqual(
        d.components.map(([, name, version]) => `${name}@${version}`),
        before.map((c) => `${c.name}@${c.version}`),
      );
      assert.deepEqual(Object.keys(d).sort(), ['at', 'components', 'findings', 'finishedAt', 'id', 'targetKey']);
      assert.deepEqual(Object.keys(d.findings[0]!).sort(), ['fingerprint', 'suppressed']);
    } finally {
      store.close();
    }
  });
});
