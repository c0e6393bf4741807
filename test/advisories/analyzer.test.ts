import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { packageLockExtractor } from '../../src/inventory/package-lock.js';
import { advisoriesAnalyzer, createAdvisoriesAnalyzer } from '../../src/analyzers/advisories/analyzer.js';
import { ADVISORY_RULES } from '../../src/analyzers/advisories/rules.js';
import { findAffected } from '../../src/analyzers/advisories/affected.js';
import { AdvisoryDb } from '../../src/sources/osv/db.js';
import { loadAdvisoryDb } from '../../src/sources/osv/load.js';
import { importAdvisories } from '../../src/sources/osv/import.js';
import type { Inventory } from '../../src/core/types.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { comp, inventoryOf, servicesOf } from '../helpers/factories.js';
import { npmEntry, osv, parsed } from './helpers.js';

const LOCK = 'test/fixtures/advisories/event-stream-project/package-lock.json';
async function eventStreamInventory(): Promise<Inventory> {
  return packageLockExtractor.extract({ path: LOCK, displayPath: 'package-lock.json', text: readFileSync(LOCK, 'utf8') }, {});
}

describe('advisories analyzer', () => {
  test('every rule has a complete catalogue entry', () => {
    assert.deepEqual(
      ADVISORY_RULES.map((r) => r.id),
      ['advisory/malicious', 'advisory/vulnerable'],
    );
    for (const r of ADVISORY_RULES)
      for (const k of ['title', 'meaning', 'why', 'example', 'suppress'] as const) assert.ok(r[k].length > 20, `${r.id}.${k}`);
  });

  test('event-stream 3.3.6 in a lockfile: critical malicious finding with ids, path and references', async () => {
    const inv = await eventStreamInventory();
    const out = await advisoriesAnalyzer.analyze({ inventory: inv, offline: true, services: servicesOf() });
    const es = out.findings.filter((f) => f.subject === 'pkg:npm/event-stream@3.3.6');
    assert.equal(es.length, 1);
    const f = es[0]!;
    assert.equal(f.rule, 'advisory/malicious');
    assert.equal(f.severity, 'critical');
    assert.match(f.title, /^event-stream@3\.3\.6: GHSA-mh6f-8j2x-4483 \(malicious release\)/);
    assert.deepEqual(f.evidence.find((e) => e.kind === 'path')!.path, ['shop', 'event-stream@3.3.6']);
    const adv = f.evidence.find((e) => e.kind === 'advisory')!;
    assert.equal(adv.label, 'GHSA-mh6f-8j2x-4483');
    assert.equal(adv.value, '>=3.3.6 <4.0.0 || =3.3.6');
    assert.match(f.explanation, /https:\/\/github\.com\/dominictarr\/event-stream\/issues\/116/);
    assert.match(f.remediation!, /Move to 4\.0\.0 or later/);
    assert.deepEqual(
      f.evidence.find((e) => e.kind === 'file'),
      { kind: 'file', label: 'declared in', file: 'package-lock.json', line: 15 },
    );
    // flatmap-stream: two independent groups (GitHub's record and the OSSF MAL record), each critical.
    const fm = out.findings
      .filter((x) => x.subject === 'pkg:npm/flatmap-stream@0.1.1')
      .map((x) => x.title.split(' ')[1])
      .sort();
    assert.deepEqual(fm, ['GHSA-mh6f-8j2x-4483', 'MAL-2025-20690']);
    assert.deepEqual(
      out.findings.find((x) => x.subject === 'pkg:npm/flatmap-stream@0.1.1')!.evidence.find((e) => e.kind === 'path')!.path,
      ['shop', 'event-stream@3.3.6', 'flatmap-stream@0.1.1'],
    );
    assert.equal(
      out.findings.some((x) => x.subject.includes('through')),
      false,
    );
  });

  test('affected: event-stream gets the nearest safe versions and an npm overrides snippet', async () => {
    const inv = await eventStreamInventory();
    const db = loadAdvisoryDb();
    const old = inventoryOf(comp('event-stream', '3.3.4'));
    const o = findAffected(db, db.group('GHSA-mh6f-8j2x-4483')!, [
      { label: 'shop', inventory: inv },
      { label: 'legacy', inventory: old },
    ]);
    const row = o.table.rows.find((r) => r.package === 'event-stream')!;
    assert.equal(row.safeDowngrade, '3.3.4', 'seen in the fleet');
    assert.equal(row.safeUpgrade, '4.0.0', 'first fixed version');
    assert.equal(row.recommended, '3.3.4', 'the declared range ^3.3.4 accepts 3.3.4, not 4.0.0');
    assert.equal(row.fix, '{"overrides":{"event-stream":"3.3.4"}}');
    assert.equal(row.fixes!.yarn, '{"resolutions":{"event-stream":"3.3.4"}}');
    assert.equal(row.fixes!.pnpm, '{"pnpm":{"overrides":{"event-stream":"3.3.4"}}}');
    const fm = o.table.rows.find((r) => r.package === 'flatmap-stream')!;
    assert.equal(fm.fix, undefined);
    assert.match(fm.note!, /every version is affected/);
    assert.equal(o.findings.length, 2);
    assert.ok(o.findings.every((f) => f.severity === 'critical' && f.title.startsWith('shop: ')));
  });

  test('stored advisories are used; an AdvisoryDb given to the analyzer wins over the store service', async () => {
    const store = new MemoryStore();
    await importAdvisories(store, 'test/fixtures/advisories/zip-with-malformed-entry/npm-all.zip');
    const inv = inventoryOf(comp('evil-test', '1.0.0'), comp('left-pad-test', '1.0.1'));
    const out = await createAdvisoriesAnalyzer(store).analyze({ inventory: inv, offline: true, services: servicesOf() });
    assert.deepEqual(out.findings.map((f) => `${f.rule} ${f.subject}`).sort(), [
      'advisory/malicious pkg:npm/evil-test@1.0.0',
      'advisory/vulnerable pkg:npm/left-pad-test@1.0.1',
    ]);
    const custom = new AdvisoryDb([parsed(osv('CUSTOM-1', [npmEntry('left-pad-test', [{ introduced: '0' }])]))]);
    const given = await createAdvisoriesAnalyzer(custom).analyze({
      inventory: inv,
      offline: true,
      services: servicesOf({ store }),
    });
    assert.deepEqual(
      given.findings.map((f) => f.title.split(' ')[1]),
      ['CUSTOM-1'],
    );
    const viaStoreService = await advisoriesAnalyzer.analyze({ inventory: inv, offline: true, services: servicesOf({ store }) });
    assert.equal(viaStoreService.findings.length, 2, 'the default instance reads the store service of the run');
    const builtInOnly = await advisoriesAnalyzer.analyze({ inventory: inv, offline: true, services: servicesOf() });
    assert.equal(builtInOnly.findings.length, 0, 'without a store, only the built-in set');
  });

  test('a clean inventory gives no findings', async () => {
    const out = await advisoriesAnalyzer.analyze({
      inventory: inventoryOf(comp('event-stream', '4.0.1'), comp('rc', '1.2.8')),
      offline: true,
      services: servicesOf(),
    });
    assert.deepEqual(out.findings, []);
  });
});
