import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, PAGE_CACHE_KIB } from '../../src/store/open.js';
import { defaultStorePath } from '../../src/store/paths.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { isVigilError } from '../../src/core/errors.js';

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

// Behaviour common to every backend is in the Store contract (contract.ts); these are SQLite's own.
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

  test('the connection caches at most PAGE_CACHE_KIB of pages, not the 16 MB better-sqlite3 builds in', () => {
    const dir = tmp();
    const path = join(dir, 'vigil.db');
    const plain = new Database(':memory:');
    assert.equal(plain.pragma('cache_size', { simple: true }), -16000, 'the build default this overrides');
    plain.close();
    const s = openStore({ path });
    const db = (s as unknown as { db: Database.Database }).db;
    assert.equal(db.pragma('cache_size', { simple: true }), -PAGE_CACHE_KIB);
    assert.ok(PAGE_CACHE_KIB <= 4096);
    s.close();
    rmSync(dir, { recursive: true, force: true });
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
});
