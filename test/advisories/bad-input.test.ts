import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOsvPath } from '../../src/sources/osv/read.js';
import { importAdvisories } from '../../src/sources/osv/import.js';
import { loadAdvisoryDb } from '../../src/sources/osv/load.js';
import { isVigilError } from '../../src/core/errors.js';
import { npmComponent } from '../../src/core/purl.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { npmEntry, osv } from './helpers.js';
import { overlappingZip, quotedOverlapZip } from '../hostile/bombs.js';

const ZIP = 'test/fixtures/advisories/zip-with-malformed-entry/npm-all.zip';
let dir: string;

describe('bad advisory input', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-adv-bad-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('an oversized zip entry is skipped with a problem naming it; the other entries are read', async () => {
    const out = await readOsvPath(ZIP, { zipLimits: { maxEntries: 100, maxEntryBytes: 300, maxTotalBytes: 1 << 20 } });
    assert.ok(
      out.problems.some((p) => p.code === 'E_ARCHIVE' && /^GHSA-test-good-0001\.json: entry is 341 bytes \(limit 300\)$/.test(p.message)),
      JSON.stringify(out.problems),
    );
    assert.ok(out.advisories.some((a) => a.id === 'MAL-2099-0002'));
    assert.ok(!out.advisories.some((a) => a.id === 'GHSA-test-good-0001'));
  });

  for (const [shape, make, reason] of [
    ['central-directory records share one stream', () => overlappingZip(2000, 1 << 20, '.json'), /"f1\.json" reuses bytes of "f0\.json"/],
    [
      'local headers move their data onto one stream ("quoted")',
      () => quotedOverlapZip(20, 1 << 20, '.json'),
      /"q0\.json" reuses bytes of/,
    ],
  ] as const) {
    test(`an OSV zip whose ${shape} is refused as a zip bomb before that data is inflated`, async () => {
      const f = join(dir, 'bomb.zip');
      writeFileSync(f, make());
      const store = new MemoryStore();
      await assert.rejects(importAdvisories(store, f), (e: unknown) => {
        assert.ok(isVigilError(e, 'E_ARCHIVE_LIMIT'), String(e));
        assert.match(e.message, /bomb\.zip: zip entries overlap or share data/);
        assert.match(e.message, reason);
        return true;
      });
      assert.equal(store.cache.size, 0);
    });
  }

  test('a total-size cap aborts the whole import (nothing half-stored)', async () => {
    const store = new MemoryStore();
    await assert.rejects(
      importAdvisories(store, ZIP, { zipLimits: { maxEntries: 100, maxEntryBytes: 1 << 20, maxTotalBytes: 600 } }),
      (e) => isVigilError(e, 'E_ARCHIVE_LIMIT'),
    );
    assert.equal(store.cache.size, 0);
  });

  test('a file that is not a zip but named .zip is a clear archive error', async () => {
    const f = join(dir, 'broken.zip');
    writeFileSync(f, 'PK\x03\x04 definitely not a zip');
    await assert.rejects(readOsvPath(f), (e) => isVigilError(e, 'E_ARCHIVE') && e.message.includes('broken.zip: not a readable zip file'));
  });

  test('a later withdrawn copy of a stored advisory stops it matching', async () => {
    const store = new MemoryStore();
    const live = osv('GHSA-w-1', [npmEntry('wd-pkg', [{ introduced: '0' }])], { modified: '2024-01-01T00:00:00Z' });
    const f1 = join(dir, 'live.json');
    writeFileSync(f1, JSON.stringify(live));
    await importAdvisories(store, f1);
    assert.equal(loadAdvisoryDb(store).match(npmComponent('wd-pkg', '1.0.0')).length, 1);
    const f2 = join(dir, 'withdrawn.json');
    writeFileSync(f2, JSON.stringify({ ...live, modified: '2024-06-01T00:00:00Z', withdrawn: '2024-06-01T00:00:00Z' }));
    const r = await importAdvisories(store, f2);
    assert.equal(r.stats.withdrawn, 1);
    assert.equal(loadAdvisoryDb(store).match(npmComponent('wd-pkg', '1.0.0')).length, 0);
  });

  test('records of the wrong shape: problems name file and id, the valid ones in the same file survive', async () => {
    const f = join(dir, 'mixed.json');
    writeFileSync(
      f,
      JSON.stringify([
        { id: 'X-1', affected: 'nope' },
        { id: 'X-2', affected: [{ package: { ecosystem: 'npm' }, versions: ['1.0.0'] }] },
        {
          id: 'X-3',
          affected: [{ package: { ecosystem: 'npm', name: 'ok-pkg' }, ranges: [{ type: 'SEMVER', events: [{ fixed: '1.0.0' }] }] }],
        },
        osv('X-4', [npmEntry('ok-pkg', [{ introduced: '0' }, { fixed: '2.0.0' }])]),
        'just a string',
      ]),
    );
    const out = await readOsvPath(f);
    assert.deepEqual(
      out.advisories.map((a) => a.id),
      ['X-1', 'X-4'],
    );
    const msgs = out.problems.map((p) => `${p.file === f ? 'F' : '?'} ${p.message}`);
    assert.ok(msgs.includes('F X-1: "affected" is not an array'), msgs.join('\n'));
    assert.ok(msgs.includes('F X-2: affected[0]: package has no name or purl'), msgs.join('\n'));
    assert.ok(
      msgs.some((m) => m.startsWith('F X-3: affected[0].ranges[0]: range has no "introduced" event')),
      msgs.join('\n'),
    );
    assert.ok(msgs.includes('F not an OSV record (expected a JSON object)'), msgs.join('\n'));
  });
});
