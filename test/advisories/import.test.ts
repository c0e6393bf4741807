import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { readOsvPath } from '../../src/sources/osv/read.js';
import { importAdvisories } from '../../src/sources/osv/import.js';
import { loadStoredAdvisories } from '../../src/sources/osv/store.js';
import { AdvisoryDb } from '../../src/sources/osv/db.js';
import { openStore } from '../../src/store/open.js';
import { isVigilError } from '../../src/core/errors.js';
import { npmComponent } from '../../src/core/purl.js';
import { MemoryStore } from '../helpers/memory-store.js';

const FX = 'test/fixtures/advisories';
const ZIP = `${FX}/zip-with-malformed-entry/npm-all.zip`;

describe('OSV import', () => {
  test('zip dump: good records read, malformed entries named (file and entry), the rest goes on', async () => {
    const out = await readOsvPath(ZIP);
    assert.deepEqual(out.advisories.map((a) => a.id).sort(), [
      'GHSA-test-good-0001',
      'GHSA-test-withdrawn',
      'MAL-2099-0002',
      'PYSEC-2099-1',
    ]);
    assert.equal(out.skipped, 2);
    const truncated = out.problems.find((p) => p.message.startsWith('GHSA-test-truncated.json: not valid JSON'));
    assert.ok(truncated, JSON.stringify(out.problems));
    assert.equal(truncated.file, ZIP);
    assert.ok(out.problems.some((p) => p.message === 'no-id.json: OSV record has no "id"'));
    assert.deepEqual(out.unsupportedEcosystems, { PyPI: 1 });
    const good = out.advisories.find((a) => a.id === 'GHSA-test-good-0001')!;
    assert.equal(good.origin, `${ZIP}!GHSA-test-good-0001.json`);
    assert.equal(out.advisories.find((a) => a.id === 'MAL-2099-0002')!.malicious, true);
  });

  test('folder: walks nested folders, reads arrays of records, reports the broken file', async () => {
    const out = await readOsvPath(`${FX}/folder-of-records`);
    assert.deepEqual(out.advisories.map((a) => a.id).sort(), ['CVE-2099-0001', 'GHSA-test-arr-1', 'GHSA-test-arr-2']);
    assert.equal(out.skipped, 1);
    assert.match(out.problems[0]!.file!, /nested\/not-json\.json$/);
  });

  test('update into the store: counts imported / withdrawn / skipped; withdrawn is stored but never matched', async () => {
    const store = new MemoryStore();
    const r = await importAdvisories(store, ZIP);
    assert.deepEqual(r.stats, { imported: 4, withdrawn: 1, skipped: 2, unsupportedEcosystems: { PyPI: 1 } });
    assert.equal(r.stored, 4);
    const db = new AdvisoryDb(loadStoredAdvisories(store));
    const hits = db.match(npmComponent('left-pad-test', '1.0.1')).map((m) => m.advisory.id);
    assert.deepEqual(hits, ['GHSA-test-good-0001'], 'withdrawn record (introduced 0) must not match');
    assert.equal(db.match(npmComponent('left-pad-test', '1.0.2')).length, 0);
  });

  test('aliases merge across sources: CVE / GHSA / DLA become one group', async () => {
    const store = new MemoryStore();
    await importAdvisories(store, ZIP);
    await importAdvisories(store, `${FX}/folder-of-records`);
    const db = new AdvisoryDb(loadStoredAdvisories(store));
    const g = db.group('DLA-9999-1');
    assert.ok(g);
    assert.equal(g.id, 'CVE-2099-0001');
    assert.deepEqual(g.ids, ['CVE-2099-0001', 'DLA-9999-1', 'GHSA-test-good-0001']);
    assert.deepEqual(g.advisories.map((a) => a.id).sort(), ['CVE-2099-0001', 'GHSA-test-good-0001']);
    assert.equal(db.group('GHSA-test-good-0001'), g);
  });

  test('import is atomic: a source that cannot be read leaves the stored set untouched', async () => {
    const store = openStore({ path: ':memory:' });
    try {
      await importAdvisories(store, `${FX}/folder-of-records`);
      const before = loadStoredAdvisories(store)
        .map((a) => a.id)
        .sort();
      await assert.rejects(
        importAdvisories(store, ZIP, { zipLimits: { maxEntries: 3, maxEntryBytes: 1 << 20, maxTotalBytes: 1 << 30 } }),
        (e) => isVigilError(e, 'E_ARCHIVE_LIMIT') && /7 entries \(limit 3\)/.test(e.message),
      );
      await assert.rejects(importAdvisories(store, `${FX}/does-not-exist`), (e) => isVigilError(e, 'E_INPUT_NOT_FOUND'));
      store.putCache('packument', 'left-pad', { body: Buffer.from('{}'), fetchedAt: 'x' });
      assert.deepEqual(
        loadStoredAdvisories(store)
          .map((a) => a.id)
          .sort(),
        before,
      );
      assert.ok(store.getCache('packument', 'left-pad'), 'other cache kinds untouched');
    } finally {
      store.close();
    }
  });

  test('a newer copy of a record replaces the older one; an older copy does not', async () => {
    const store = new MemoryStore();
    await importAdvisories(store, `${FX}/folder-of-records`);
    const later = await readOsvPath(`${FX}/folder-of-records/CVE-2099-0001.json`);
    const a = later.advisories[0]!;
    const { saveAdvisories } = await import('../../src/sources/osv/store.js');
    saveAdvisories(store, [{ ...a, modified: '2030-01-01T00:00:00Z', summary: 'newer' }], 'x', {
      imported: 1,
      withdrawn: 0,
      skipped: 0,
      unsupportedEcosystems: {},
    });
    saveAdvisories(store, [{ ...a, modified: '2000-01-01T00:00:00Z', summary: 'older' }], 'y', {
      imported: 1,
      withdrawn: 0,
      skipped: 0,
      unsupportedEcosystems: {},
    });
    assert.equal(loadStoredAdvisories(store).find((x) => x.id === 'CVE-2099-0001')!.summary, 'newer');
  });

  test('an imported record replaces the built-in one with the same id, whatever its modified date', async () => {
    const store = new MemoryStore();
    const { saveAdvisories } = await import('../../src/sources/osv/store.js');
    const { loadAdvisoryDb } = await import('../../src/sources/osv/load.js');
    const { parseOsvRecord } = await import('../../src/sources/osv/parse.js');
    const rec = parseOsvRecord(
      {
        id: 'GHSA-mh6f-8j2x-4483',
        modified: '2019-01-01T00:00:00Z',
        summary: 'imported copy',
        affected: [{ package: { ecosystem: 'npm', name: 'event-stream' }, versions: ['3.3.6'] }],
      },
      { file: 'x.json' },
    ).advisory!;
    saveAdvisories(store, [rec], 'x.json', { imported: 1, withdrawn: 0, skipped: 0, unsupportedEcosystems: {} });
    const db = loadAdvisoryDb(store);
    assert.equal(db.byId.get('GHSA-mh6f-8j2x-4483')!.summary, 'imported copy');
    assert.equal(
      db
        .match(npmComponent('flatmap-stream', '0.1.1'))
        .map((m) => m.advisory.id)
        .join(),
      'MAL-2025-20690',
    );
  });

  test('--from URL downloads from a local server (zip) and reports HTTP errors', async () => {
    const body = readFileSync(ZIP);
    const server = createServer((req, res) => {
      if (req.url === '/osv/npm/all.zip') {
        res.writeHead(200, { 'content-type': 'application/zip', 'content-length': body.length });
        res.end(body);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const store = new MemoryStore();
      const r = await importAdvisories(store, `${base}/osv/npm/all.zip`);
      assert.equal(r.stats.imported, 4);
      assert.equal(r.stats.skipped, 2);
      assert.ok(
        r.problems.some((p) => p.file === `${base}/osv/npm/all.zip`),
        'problems name the URL, not the temp file',
      );
      await assert.rejects(
        importAdvisories(store, `${base}/missing.zip`),
        (e) => isVigilError(e, 'E_REGISTRY_HTTP') && /HTTP 404/.test(e.message),
      );
    } finally {
      server.close();
    }
  });
});
