/** `vigil scan` with the engine wiring: each locked version is compared with the release before it (needs /tmp/release-diff-engine.patch). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../src/engine/scan.js';
import { readArchive } from '../../src/sources/archive/index.js';
import { contentAnalyzer } from '../../src/analyzers/content/index.js';
import { releaseDiffAnalyzer } from '../../src/analyzers/release-diff/index.js';
import type { ReleaseDelta } from '../../src/analyzers/release-diff/types.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { comp, inventoryOf } from '../helpers/factories.js';
import { serveScenario } from './helpers.js';

test('scan: the locked version is diffed against its predecessor, content facts shared with the content analyzer', async () => {
  const rig = await serveScenario('install-script-patch');
  try {
    const inventory = inventoryOf(comp('tiny-util', '1.2.4'));
    const r = await scan(
      { target: 'package-lock.json', analyzers: [contentAnalyzer, releaseDiffAnalyzer], history: false },
      {
        store: new MemoryStore(),
        npm: rig.npm,
        readPackage: (bytes, origin) => readArchive(bytes, { strip: 'npm', origin }),
        loadInventory: async () => ({ inventory }),
      },
    );
    assert.deepEqual(r.problems, []);
    const d = r.facts['release-diff']?.['pkg:npm/tiny-util@1.2.4'] as ReleaseDelta;
    assert.equal(d.from, '1.2.3');
    assert.deepEqual(d.files?.addedPaths, ['setup.js']);
    assert.ok(r.findings.some((f) => f.rule === 'release-diff/takeover-risk' && (f.severity === 'high' || f.severity === 'critical')));
    assert.ok(d.signals.some((s) => s.rule === 'release-diff/new-capability'));
  } finally {
    await rig.close();
  }
});
