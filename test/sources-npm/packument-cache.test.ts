/**
 * Stored packuments are brotli with a window no larger than the body: brotli's default 22-bit window
 * cost an 8 MiB encoder buffer for every packument written, however small (see packument-cache.ts).
 * The window a stream was written with is in its header (RFC 7932, 9.1), read here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliCompressSync } from 'node:zlib';
import type { CacheEntry } from '../../src/store/types.js';
import { readPackumentCache, windowBits, writePackumentCache } from '../../src/sources/npm/packument-cache.js';

/** WBITS of a brotli stream, from its first bits (least significant first). */
function streamWindowBits(b: Buffer): number {
  const bits = b[0]! | (b[1]! << 8);
  if ((bits & 1) === 0) return 16;
  const n = (bits >> 1) & 7;
  if (n !== 0) return 17 + n;
  const m = (bits >> 4) & 7;
  assert.notEqual(m, 1, 'large-window brotli is not RFC 7932');
  return m === 0 ? 17 : 8 + m;
}

/** A packument of about `bytes` bytes: versions with manifests much like a registry's. */
function packumentOf(bytes: number): Buffer {
  const versions: Record<string, unknown> = {};
  for (let i = 0; JSON.stringify(versions).length < bytes; i++) {
    versions[`1.${i}.0`] = {
      name: 'demo',
      version: `1.${i}.0`,
      dependencies: { [`dep-${i % 17}`]: `^${i % 5}.0.0` },
      dist: {
        integrity: `sha512-${Buffer.from(String(i * 7919)).toString('base64')}`,
        tarball: `http://registry.invalid/demo/-/demo-1.${i}.0.tgz`,
      },
    };
  }
  return Buffer.from(JSON.stringify({ name: 'demo', versions }));
}

function memoryStore() {
  const entries = new Map<string, CacheEntry>();
  return {
    putCache: (kind: string, key: string, e: CacheEntry) => void entries.set(`${kind}|${key}`, e),
    getCache: (kind: string, key: string) => entries.get(`${kind}|${key}`),
  };
}

test('a packument is stored with the smallest window that holds it (18 bits at least, brotli quality 1), and reads back the same', () => {
  const store = memoryStore();
  for (const size of [3_000, 100_000, 1_500_000]) {
    const body = packumentOf(size);
    writePackumentCache(store, `k${size}`, { body, fetchedAt: '2026-12-04T00:00:00.000Z' });
    const stored = store.getCache('packument', `k${size}`)!;
    const wbits = streamWindowBits(stored.body);
    assert.equal(wbits, Math.max(18, windowBits(body.length)), `${body.length} bytes`);
    assert.ok(2 ** wbits >= body.length, `${body.length} bytes in a ${wbits}-bit window`);
    assert.ok(wbits < 22, 'smaller than the default window');
    assert.deepEqual(readPackumentCache(store, `k${size}`)?.body, body);
  }
});

test('the window stays within what brotli accepts, for empty and huge bodies', () => {
  assert.equal(windowBits(0), 10);
  assert.equal(windowBits(1), 10);
  assert.equal(windowBits(1 << 20), 20);
  assert.equal(windowBits((1 << 20) + 1), 21);
  assert.equal(windowBits(512 * 1024 * 1024), 24);
});

test('entries written with the default window still read', () => {
  const store = memoryStore();
  const body = packumentOf(50_000);
  const old = brotliCompressSync(body);
  assert.equal(streamWindowBits(old), 22, 'the header reader sees the default window');
  store.putCache('packument', 'old', { body: old, fetchedAt: '2026-01-01T00:00:00.000Z', meta: { encoding: 'br' } });
  assert.deepEqual(readPackumentCache(store, 'old')?.body, body);
});
