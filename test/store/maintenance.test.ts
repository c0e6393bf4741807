/** A store that stays small: compressed scans, bounded history, pruning, vacuum, `vigil cache`. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/open.js';
import { cutoffFrom } from '../../src/store/duration.js';
import { newResult } from '../../src/core/result-builder.js';
import { isVigilError } from '../../src/core/errors.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-store-size-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function scanOf(target: string, marker: string) {
  const r = newResult('scan', target, target);
  r.finishedAt = new Date().toISOString();
  r.problems.push({ code: 'E_TEST', message: marker });
  return r;
}

describe('scan history in the store', () => {
  test('keeps only the newest N scans of a target; other targets untouched; results round-trip', () => {
    const s = openStore({ path: join(dir, 'keep.db') });
    for (let i = 1; i <= 4; i++) s.saveScan(scanOf('a', `a${i}`), { keep: 2 });
    s.saveScan(scanOf('b', 'b1'), { keep: 2 });
    assert.equal(s.lastScan('a')!.result.problems[0]!.message, 'a4');
    assert.equal(s.lastScan('b')!.result.problems[0]!.message, 'b1');
    assert.deepEqual({ rows: s.stats().scans.rows, targets: s.stats().scans.targets }, { rows: 3, targets: 2 });
    s.close();
  });

  test('scan results are stored compressed; rows written as JSON text by older versions still read', () => {
    const path = join(dir, 'compat.db');
    const s = openStore({ path });
    s.saveScan(scanOf('t', 'new'));
    s.close();
    const db = new Database(path);
    const row = db.prepare('SELECT result FROM scans').get() as { result: unknown };
    assert.ok(Buffer.isBuffer(row.result) && row.result[0] === 0x1f && row.result[1] === 0x8b, 'gzip bytes');
    db.prepare('INSERT INTO scans (target_key, at, result) VALUES (?, ?, ?)').run(
      't',
      '2026-01-01T00:00:00Z',
      JSON.stringify(scanOf('t', 'old-text-row')),
    );
    db.close();
    const again = openStore({ path });
    assert.equal(again.lastScan('t')!.result.problems[0]!.message, 'old-text-row');
    again.close();
  });
});

describe('prune and vacuum', () => {
  test('--older-than drops old cache rows, analysis results and scans; the file shrinks', () => {
    const path = join(dir, 'prune.db');
    const s = openStore({ path });
    s.putCache('packument', 'old', { body: randomBytes(3 << 20), fetchedAt: '2020-01-01T00:00:00.000Z' });
    s.putCache('packument', 'new', { body: Buffer.from('{}'), fetchedAt: '2099-01-01T00:00:00.000Z' });
    s.putAnalysis('k', { x: 1 });
    const before = s.stats();
    assert.deepEqual(before.cache.packument, { rows: 2, bytes: (3 << 20) + 2 });
    const r = s.prune({ before: '2021-01-01T00:00:00.000Z' });
    assert.deepEqual({ cache: r.cacheRows, analysis: r.analysisRows, scans: r.scans }, { cache: 1, analysis: 0, scans: 0 });
    assert.ok(r.bytesAfter < r.bytesBefore - (2 << 20), `${r.bytesBefore} → ${r.bytesAfter}`);
    assert.equal(s.getCache('packument', 'old'), undefined);
    assert.ok(s.getCache('packument', 'new'));
    assert.deepEqual(s.getAnalysis('k'), { x: 1 });
    s.close();
  });

  test('a tarball size bound keeps the most recently fetched ones', () => {
    const s = openStore({ path: join(dir, 'lru.db') });
    for (const [k, day] of [
      ['t1', '01'],
      ['t2', '02'],
      ['t3', '03'],
    ] as const)
      s.putCache('tarball', k, { body: Buffer.alloc(100, 1), fetchedAt: `2026-01-${day}T00:00:00.000Z` });
    const r = s.prune({ maxTarballBytes: 250 });
    assert.equal(r.cacheRows, 1);
    assert.equal(s.getCache('tarball', 't1'), undefined, 'the least recently fetched goes first');
    assert.ok(s.getCache('tarball', 't2') && s.getCache('tarball', 't3'));
    s.close();
  });

  test('durations and dates parse; anything else is a usage error', () => {
    const now = new Date('2026-03-01T00:00:00.000Z');
    assert.equal(cutoffFrom('30d', now), '2026-01-30T00:00:00.000Z');
    assert.equal(cutoffFrom('12h', now), '2026-02-28T12:00:00.000Z');
    assert.equal(cutoffFrom('2026-01-31', now), '2026-01-31T00:00:00.000Z');
    for (const bad of ['30', 'yesterday', '3y', ''])
      assert.throws(
        () => cutoffFrom(bad, now),
        (e: unknown) => isVigilError(e, 'E_USAGE'),
        bad,
      );
    assert.throws(() => cutoffFrom('soon', now, '--since'), /--since: "soon"/);
  });
});

describe('vigil cache', () => {
  const cli = (args: string[]) => runCliInProcess(args, { cwd: dir });

  test('stats lists each part; prune reports what went; a bad subcommand is a usage error', async () => {
    const path = join(dir, 'cli.db');
    const s = openStore({ path });
    s.putCache('packument', 'x', { body: Buffer.alloc(1000), fetchedAt: '2020-01-01T00:00:00.000Z' });
    s.saveScan(scanOf('p', 'one'));
    s.close();
    const stats = await cli(['cache', 'stats', '--store', path]);
    assert.equal(stats.code, 0, stats.err);
    assert.match(stats.out, /cache: packument\s+1 rows/);
    assert.match(stats.out, /scan results \(1 projects\)\s+1 rows/);
    const prune = await cli(['cache', 'prune', '--older-than', '30d', '--store', path]);
    assert.equal(prune.code, 0, prune.err);
    assert.match(prune.out, /^pruned 1 cache entries, 0 analysis results, 0 scans;/);
    assert.equal((await cli(['cache', 'shrink', '--store', path])).code, 2);
    assert.equal((await cli(['cache', 'prune', '--older-than', 'soon', '--store', path])).code, 2);
  });
});
