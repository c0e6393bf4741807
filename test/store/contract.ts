/**
 * The Store contract: one suite, run against every backend (contract-sqlite.test.ts,
 * contract-postgres.test.ts). A backend passes a fresh location (a file path or a connection string)
 * and a way to run raw SQL there, which the suite uses only to damage rows or fake a newer schema.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.js';
import { isVigilError } from '../../src/core/errors.js';
import { newResult } from '../../src/core/result-builder.js';
import type { Store, StoreMaintenance } from '../../src/store/types.js';

export interface ContractBackend {
  name: string;
  /** Set when the backend cannot run here: the suite is skipped with this message. */
  skip?: string;
  setup?(): Promise<void>;
  teardown?(): Promise<void> | void;
  /** A new, empty store location. */
  fresh(): string;
  /** Raw SQL against a location (statements common to SQLite and PostgreSQL only). */
  exec(location: string, sql: string): void;
}

const HERE = import.meta.dirname;

/** Runs a child that opens LOCATION and does one of the contract's writer scripts; resolves with its stdout. */
function child(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(HERE, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}: ${err}`))));
  });
}

export function storeContract(b: ContractBackend): void {
  describe(`Store contract: ${b.name}`, { skip: b.skip ?? false }, () => {
    before(async () => b.setup?.());
    after(async () => b.teardown?.());
    const open = (loc = b.fresh()): Store & StoreMaintenance => openStore({ path: loc });

    test('cache round trip keeps body bytes, etag, last-modified and meta; upsert replaces; kinds are namespaces', () => {
      const s = open();
      assert.equal(s.getCache('packument', 'r|x'), undefined);
      s.putCache('packument', 'r|x', {
        body: Buffer.from([0, 1, 255]),
        fetchedAt: '2024-01-01T00:00:00.000Z',
        etag: '"e1"',
        lastModified: 'Mon',
        meta: { a: 1 },
      });
      const e = s.getCache('packument', 'r|x');
      assert.ok(e && Buffer.isBuffer(e.body));
      assert.deepEqual([...e.body], [0, 1, 255]);
      assert.equal(e.etag, '"e1"');
      assert.equal(e.lastModified, 'Mon');
      assert.deepEqual(e.meta, { a: 1 });
      s.putCache('packument', 'r|x', { body: Buffer.from('new'), fetchedAt: '2024-01-02T00:00:00.000Z' });
      const e2 = s.getCache('packument', 'r|x');
      assert.equal(e2?.body.toString(), 'new');
      assert.equal(e2?.etag, undefined);
      assert.equal(e2?.meta, undefined);
      assert.equal(s.getCache('tarball', 'r|x'), undefined);
      s.close();
    });

    test('analysis memo round trip; secrets are masked before they are stored', () => {
      const s = open();
      s.putAnalysis('k', { findings: [1, 2], nested: { s: 'é' } });
      assert.deepEqual(s.getAnalysis('k'), { findings: [1, 2], nested: { s: 'é' } });
      assert.equal(s.getAnalysis('missing'), undefined);
      s.putAnalysis('leak', { url: 'https://alice:hunter2secret@registry.example.invalid/x' });
      assert.doesNotMatch(JSON.stringify(s.getAnalysis('leak')), /hunter2secret/);
      s.putCache('c', 'leak', { body: Buffer.from('x'), fetchedAt: 'now', meta: { u: 'https://bob:s3cretpass@h.invalid/' } });
      assert.doesNotMatch(JSON.stringify(s.getCache('c', 'leak')?.meta), /s3cretpass/);
      s.close();
    });

    test('scans: ids grow, lastScan is the newest of its target, latestScans has one per target, keep trims', () => {
      const s = open();
      const r1 = newResult('scan', '/p', 'T');
      const id1 = s.saveScan(r1);
      const id2 = s.saveScan({ ...r1, command: 'scan-2' });
      assert.ok(id2 > id1);
      assert.equal(s.lastScan('T')?.id, id2);
      assert.equal(s.lastScan('T')?.result.command, 'scan-2');
      assert.equal(s.lastScan('other'), undefined);
      s.saveScan(newResult('scan', '/q', 'U'));
      assert.deepEqual(
        s.latestScans?.().map((x) => [x.targetKey, x.result.command]),
        [
          ['T', 'scan-2'],
          ['U', 'scan'],
        ],
      );
      s.saveScan({ ...r1, command: 'scan-3' }, { keep: 2 });
      assert.equal(s.stats().scans.rows, 3, 'T keeps its 2 newest, U its one');
      s.close();
    });

    test('scan history newest first, scans by id, cache entries of one kind in key order', () => {
      const s = open();
      const ids = ['a', 'b', 'c'].map((c) => s.saveScan({ ...newResult('scan', '/p', 'T'), command: c }));
      assert.deepEqual(
        s.scanHistory('T', 2).map((x) => x.result.command),
        ['c', 'b'],
      );
      assert.equal(s.scanById(ids[0]!)?.result.command, 'a');
      assert.equal(s.scanById(999_999), undefined);
      s.putCache('alert', 'b', { body: Buffer.from('2'), fetchedAt: 'now' });
      s.putCache('alert', 'a', { body: Buffer.from('1'), fetchedAt: 'now' });
      s.putCache('other', 'z', { body: Buffer.from('x'), fetchedAt: 'now' });
      assert.deepEqual(
        s.cacheEntries('alert').map((e) => [e.key, e.entry.body.toString()]),
        [
          ['a', '1'],
          ['b', '2'],
        ],
      );
      s.close();
    });

    test('a scan saved twice under one job key is stored once (a retried job adds no duplicate)', () => {
      const s = open();
      const r = newResult('scan', '/p', 'T');
      const a = s.saveScan(r, { jobKey: 'scan:/p' });
      const again = s.saveScan({ ...r, command: 'retry' }, { jobKey: 'scan:/p' });
      assert.equal(again, a);
      assert.equal(s.stats().scans.rows, 1);
      assert.equal(s.lastScan('T')?.result.command, 'scan');
      s.close();
    });

    test('transaction is all or nothing; a nested failure rolls back only its part', () => {
      const s = open();
      assert.throws(() =>
        s.transaction(() => {
          s.putCache('t', 'a', { body: Buffer.from('1'), fetchedAt: 'now' });
          throw new Error('boom');
        }),
      );
      assert.equal(s.getCache('t', 'a'), undefined);
      s.transaction(() => {
        s.putCache('t', 'outer', { body: Buffer.from('1'), fetchedAt: 'now' });
        assert.throws(() =>
          s.transaction(() => {
            s.putCache('t', 'inner', { body: Buffer.from('2'), fetchedAt: 'now' });
            throw new Error('inner boom');
          }),
        );
      });
      assert.ok(s.getCache('t', 'outer'));
      assert.equal(s.getCache('t', 'inner'), undefined);
      s.close();
    });

    test('stats count rows per part; prune drops what is old and over the bounds', () => {
      const s = open();
      s.putCache('tarball', 'old', { body: Buffer.alloc(100), fetchedAt: '2020-01-01T00:00:00.000Z' });
      s.putCache('tarball', 'new1', { body: Buffer.alloc(100), fetchedAt: '2030-01-01T00:00:00.000Z' });
      s.putCache('tarball', 'new2', { body: Buffer.alloc(100), fetchedAt: '2030-01-02T00:00:00.000Z' });
      s.putCache('packument', 'p', { body: Buffer.alloc(10), fetchedAt: '2030-01-01T00:00:00.000Z' });
      s.putAnalysis('a', { x: 1 });
      const st = s.stats();
      assert.deepEqual(st.cache.tarball, { rows: 3, bytes: 300 });
      assert.deepEqual(st.cache.packument, { rows: 1, bytes: 10 });
      assert.equal(st.analysis.rows, 1);
      assert.ok(st.fileBytes > 0);
      const rep = s.prune({ before: '2025-01-01T00:00:00.000Z', maxTarballBytes: 150 });
      assert.equal(rep.cacheRows, 2, 'the old tarball by date, then the older of the two new ones by size');
      assert.ok(s.getCache('tarball', 'new2'));
      assert.equal(s.getCache('tarball', 'new1'), undefined);
      assert.ok(s.getCache('packument', 'p'));
      s.close();
    });

    test('a damaged row is a miss, reported once as a problem naming the store', () => {
      const loc = b.fresh();
      const s = open(loc);
      s.putAnalysis('k', { ok: true });
      b.exec(loc, "UPDATE analysis SET value = '{not json'");
      assert.equal(s.getAnalysis('k'), undefined);
      const probs = s.problems?.() ?? [];
      assert.equal(probs.length, 1);
      assert.match(probs[0]!.message, /1 unreadable row in table analysis/);
      assert.equal(probs[0]!.file, s.path);
      assert.deepEqual(s.problems?.(), []);
      s.close();
    });

    test('the last scan digest: components and fingerprints of the newest scan; a lost or damaged digest is derived from the result', () => {
      const loc = b.fresh();
      const s = open(loc);
      assert.equal(s.lastScanDigest('T'), undefined);
      const r = newResult('scan', '/p', 'T');
      r.inventory.components.push({ ecosystem: 'npm', name: 'a', version: '1.0.0', purl: 'pkg:npm/a@1.0.0', locations: [] } as never);
      r.findings.push({ rule: 'x/y', severity: 'low', confidence: 'high', subject: 'pkg:npm/a@1.0.0', title: 't', evidence: [] } as never);
      r.findings[0]!.fingerprint = 'fp-1';
      s.saveScan({ ...r, command: 'old' });
      const id = s.saveScan(r);
      const want = {
        id,
        targetKey: 'T',
        components: [['pkg:npm/a@1.0.0', 'a', '1.0.0']],
        findings: [{ fingerprint: 'fp-1', suppressed: false }],
      };
      const got = s.lastScanDigest('T')!;
      assert.deepEqual({ id: got.id, targetKey: got.targetKey, components: got.components, findings: got.findings }, want);
      b.exec(loc, 'UPDATE scans SET digest = NULL');
      const derived = s.lastScanDigest('T')!;
      assert.deepEqual({ id: derived.id, targetKey: derived.targetKey, components: derived.components, findings: derived.findings }, want);
      assert.deepEqual(s.problems?.(), [], 'an older row without a digest is not damage');
      // A digest that does not read as one (here: a whole result in its place) is damage, and still served.
      b.exec(loc, 'UPDATE scans SET digest = result');
      const again = s.lastScanDigest('T')!;
      assert.deepEqual({ id: again.id, targetKey: again.targetKey, components: again.components, findings: again.findings }, want);
      assert.match(s.problems?.()[0]?.message ?? '', /1 unreadable row in table scans/);
      s.close();
    });

    test('migrations run once; a store from a newer vigil is refused, not downgraded', () => {
      const loc = b.fresh();
      open(loc).close();
      open(loc).close();
      b.exec(loc, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')");
      assert.throws(
        () => open(loc),
        (e: unknown) => isVigilError(e, 'E_STORE') && /newer/.test(e.message),
      );
    });

    test('concurrent writers in separate processes: same keys give one row each, a shared job key one scan', async () => {
      const loc = b.fresh();
      open(loc).close(); // migrate once up front, as `vigil worker` does before it starts its processes
      const outs = await Promise.all([1, 2, 3].map((w) => child('contract-writer.ts', [loc, String(w)])));
      assert.deepEqual(
        outs.map((o) => o.trim()),
        ['done', 'done', 'done'],
      );
      const s = open(loc);
      const st = s.stats();
      assert.equal(st.cache.packument?.rows, 40);
      assert.equal(st.analysis.rows, 40);
      assert.equal(st.scans.rows, 1);
      for (let i = 0; i < 40; i++) {
        const e = s.getCache('packument', `p${i}`);
        assert.ok(e && /^w[123]:p\d+$/.test(e.body.toString()), `row p${i} is one writer's whole value`);
        assert.equal(e.body.toString().slice(3), `p${i}`);
      }
      s.close();
    });

    test('a writer killed mid-transaction leaves the store consistent and writable', async () => {
      const loc = b.fresh();
      open(loc).close();
      const p = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'kill-writer.ts'), loc], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        p.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        p.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
      });
      const exited = new Promise((r) => p.on('exit', r));
      p.kill('SIGKILL');
      await exited;
      const s = open(loc);
      let pairs = 0;
      for (let n = 0; ; n++) {
        const a = s.getCache('test', `a/${n}`);
        if (!a) break;
        const bb = s.getCache('test', `b/${n}`);
        assert.ok(bb && a.body.equals(bb.body), `pair ${n} is half-written`);
        assert.deepEqual(s.getAnalysis(`memo/${n}`), { n });
        pairs++;
      }
      assert.ok(pairs >= 20, `expected at least 20 committed pairs, got ${pairs}`);
      s.putCache('test', 'after', { body: Buffer.from('ok'), fetchedAt: 'now' });
      assert.equal(s.getCache('test', 'after')?.body.toString(), 'ok');
      s.close();
    });
  });
}
