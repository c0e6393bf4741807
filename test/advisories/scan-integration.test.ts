import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { scan } from '../../src/engine/scan.js';
import { packageLockExtractor } from '../../src/inventory/package-lock.js';
import { advisoriesAnalyzer } from '../../src/analyzers/advisories/index.js';
import { allRenderers } from '../../src/report/index.js';
import { MemoryStore } from '../helpers/memory-store.js';

const LOCK = 'test/fixtures/advisories/event-stream-project/package-lock.json';

test('vigil scan pipeline with the advisories analyzer: critical findings, facts, every renderer', async () => {
  const inventory = await packageLockExtractor.extract(
    { path: LOCK, displayPath: 'package-lock.json', text: readFileSync(LOCK, 'utf8') },
    {},
  );
  const deps = {
    store: new MemoryStore(),
    npm: {
      registryUrl: (n: string) => `http://127.0.0.1:9/${n}`,
      getPackument: () => Promise.reject(new Error('not used')),
      getTarball: () => Promise.reject(new Error('not used')),
    },
    readPackage: () => Promise.reject(new Error('not used')),
    loadInventory: async () => ({ inventory }),
  };
  const r = await scan({ target: LOCK, offline: true, analyzers: [advisoriesAnalyzer], history: false }, deps);
  assert.deepEqual(r.problems, []);
  assert.equal(r.summary.findings.critical, 3, 'event-stream once, flatmap-stream twice (two independent records)');
  assert.deepEqual([...new Set(r.findings.map((f) => f.rule))], ['advisory/malicious']);
  const facts = r.facts['advisories'] as Record<string, unknown>;
  assert.equal(facts['advisories'], 9);
  assert.ok(Array.isArray(facts['pkg:npm/event-stream@3.3.6']));
  for (const [fmt, render] of await allRenderers()) {
    // The CycloneDX output is the inventory as an SBOM; it does not carry findings.
    if (fmt === 'cyclonedx') continue;
    assert.ok(render(r, { terminal: { color: false, width: 100 } }).includes('GHSA-mh6f-8j2x-4483'), fmt);
  }
});
