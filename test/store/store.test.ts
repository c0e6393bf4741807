import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/open.js';
import { defaultStorePath } from '../../src/store/paths.js';
import { MIGRATIONS, latestVersion } from '../../src/store/migrations.js';
import { isVigilError } from '../../src/core/errors.js';
import { newResult } from '../../src/core/result-builder.js';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'vigil-store-'));
}

describe('store paths', () => {
  test('XDG_CACHE_HOME wins on linux', () => {
    assert.equal(defaultStorePath({ env: { XDG_CACHE_HOME: '/x/c' }, platform: 'linux', home: '/h' }), '/x/c/vigil/vigil.db');
  });
  test('linux falls back to ~/.cache and ignores relative XDG', () => {
    assert.equal(defaultStorePath({ env: { XDG_CACHE_HOME: 'rel' }, platform: 'linux', home: '/h' }), '/h/.cache/vigil/vigil.db');
  });
  test('macOS uses ~/Library/Caches', () => {
    assert.equal(defaultStorePath({ env: {}, platform: 'darwin', home: '/Users/u' }), '/Users/u/Library/Caches/vigil/vigil.db');
  });
  test('Windows uses LOCALAPPDATA', () => {
    const p = defaultStorePath({ env: { LOCALAPPDATA: 'C:\\L' }, platform: 'win32', home: 'C:\\U' });
    assert.ok(p.startsWith('C:\\L') && p.includes('vigil') && p.endsWith('vigil.db'), p);
  });
});

describe('sqlite store', () => {
  test('creates directories, runs migrations once, uses WAL', () => {
    const dir = tmp();
    const path = join(dir, 'nested', 'vigil.db');
    openStore({ path }).close();
    const s = openStore({ path });
    s.close();
    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    assert.deepEqual(
      rows.map((r) => r.version),
      MIGRATIONS.map((m) => m.version),
    );
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('cache round trip keeps body bytes, etag, last-modified and meta; upsert replaces', () => {
    const s = openStore({ path: ':memory:' });
    assert.equal(s.getCache('packument', 'r|x'), undefined);
    s.putCache('packument', 'r|x', {
      body: Buffer.from([0, 1, 255]),
      fetchedAt: '2024-01-01T00:00:00.000Z',
      etag: '"e1"',
      lastModified: 'Mon',
      meta: { a: 1 },
    });
    const e = s.getCache('packument', 'r|x');
    assert.ok(e);
    assert.deepEqual([...e.body], [0, 1, 255]);
    assert.equal(e.etag, '"e1"');
    assert.equal(e.lastModified, 'Mon');
    assert.deepEqual(e.meta, { a: 1 });
    s.putCache('packument', 'r|x', { body: Buffer.from('new'), fetchedAt: '2024-01-02T00:00:00.000Z' });
    const e2 = s.getCache('packument', 'r|x');
    assert.equal(e2?.body.toString(), 'new');
    assert.equal(e2?.etag, undefined);
    assert.equal(s.getCache('tarball', 'r|x'), undefined, 'kinds are separate namespaces');
    s.close();
  });

  test('analysis memo and scans', () => {
    const s = openStore({ path: ':memory:' });
    s.putAnalysis('k', { findings: [1, 2] });
    assert.deepEqual(s.getAnalysis('k'), { findings: [1, 2] });
    assert.equal(s.getAnalysis('missing'), undefined);
    const r1 = newResult('scan', '/p', 'T');
    const id1 = s.saveScan(r1);
    const id2 = s.saveScan({ ...r1, command: 'scan-2' });
    assert.ok(id2 > id1);
    const last = s.lastScan('T');
    assert.equal(last?.id, id2);
    assert.equal(last?.result.command, 'scan-2');
    assert.equal(s.lastScan('other'), undefined);
    s.close();
  });

  test('transaction is all or nothing', () => {
    const s = openStore({ path: ':memory:' });
    assert.throws(() =>
      s.transaction(() => {
        s.putCache('t', 'a', { body: Buffer.from('1'), fetchedAt: 'now' });
        throw new Error('boom');
      }),
    );
    assert.equal(s.getCache('t', 'a'), undefined);
    s.close();
  });

  test('a non-SQLite file at the store path is a clear E_STORE with a hint', () => {
    const dir = tmp();
    const path = join(dir, 'vigil.db');
    writeFileSync(path, 'this is not a database, just some text that is long enough to have a header'.repeat(20));
    assert.throws(
      () => openStore({ path }),
      (e: unknown) => isVigilError(e, 'E_STORE') && e.message.includes(path) && /--store/.test(e.hint ?? ''),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  test('a directory at the store path is E_STORE with a hint', () => {
    const dir = tmp();
    assert.throws(
      () => openStore({ path: dir }),
      (e: unknown) => isVigilError(e, 'E_STORE') && e.message.includes(dir) && /--store/.test(e.hint ?? ''),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  test('a store from a newer vigil is refused, not downgraded', () => {
    const dir = tmp();
    const path = join(dir, 'vigil.db');
    openStore({ path }).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(latestVersion() + 1, 'future', 'x');
    db.close();
    assert.throws(
      () => openStore({ path }),
      (e: unknown) => isVigilError(e, 'E_STORE') && /newer/.test(e.message),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  test('SIGKILL mid-write leaves a consistent, reusable store', async () => {
    const dir = tmp();
    const path = join(dir, 'vigil.db');
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'kill-writer.ts'), path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('ready')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
    });
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;

    const s = openStore({ path });
    const db = new Database(path, { readonly: true });
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    const keys = (db.prepare("SELECT key FROM cache WHERE kind = 'test'").all() as { key: string }[]).map((r) => r.key);
    db.close();
    const as = keys.filter((k) => k.startsWith('a/'));
    assert.ok(as.length >= 20, `expected at least 20 committed pairs, got ${as.length}`);
    for (const a of as) {
      const n = a.slice(2);
      const ea = s.getCache('test', a);
      const eb = s.getCache('test', `b/${n}`);
      assert.ok(eb, `pair ${n} is half-written`);
      assert.ok(ea && ea.body.equals(eb.body));
      assert.ok(ea.body.toString('latin1').startsWith(`${n}:`));
      assert.deepEqual(s.getAnalysis(`memo/${n}`), { n: Number(n) });
    }
    // Still writable after the crash.
    s.putCache('test', 'after', { body: Buffer.from('ok'), fetchedAt: 'now' });
    assert.equal(s.getCache('test', 'after')?.body.toString(), 'ok');
    s.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
