/**
 * Reading npm's HTTP cache (cacache) for packuments, read only: which entries npm may answer from,
 * and their bodies checked against their integrity. The real npm writing a cache that this reads is
 * covered end to end in test/e2e/guard.test.ts ("npm's cached copy of a packument").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cachedPackuments,
  CORGI_ACCEPT,
  FULL_ACCEPT,
  matchesIntegrity,
  npmCacheDir,
  readCachedBody,
} from '../../src/app/guard/npm-cache.js';
import { ResolveGap } from '../../src/app/guard/npm-resolve.js';

const URL_ = 'http://127.0.0.1:9/left-pad';
const KEY = `make-fetch-happen:request-cache:${URL_}`;

function cacheWith(): {
  dir: string;
  store: (body: string, reqHeaders: Record<string, string>, extra?: object) => string;
  line: (raw: string) => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-npm-cache-'));
  const h = createHash('sha256').update(KEY).digest('hex');
  const bucket = join(dir, '_cacache', 'index-v5', h.slice(0, 2), h.slice(2, 4), h.slice(4));
  mkdirSync(join(bucket, '..'), { recursive: true });
  const line = (raw: string) => appendFileSync(bucket, `\n${raw}`);
  const store = (body: string, reqHeaders: Record<string, string>, extra: object = {}) => {
    const digest = createHash('sha512').update(body).digest();
    const hex = digest.toString('hex');
    const file = join(dir, '_cacache', 'content-v2', 'sha512', hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, body);
    const integrity = `sha512-${digest.toString('base64')}`;
    const json = JSON.stringify({
      key: KEY,
      integrity,
      time: 1,
      size: body.length,
      metadata: { url: URL_, reqHeaders, options: { compress: true } },
      ...extra,
    });
    line(`${createHash('sha1').update(json).digest('hex')}\t${json}`);
    return integrity;
  };
  return { dir, store, line };
}

test('the newest entry for each set of request headers, its body checked against its integrity', () => {
  const c = cacheWith();
  try {
    assert.deepEqual(cachedPackuments(c.dir, 'http://127.0.0.1:9/other'), [], 'no bucket: nothing cached');
    const old = c.store('{"v":1}', { accept: FULL_ACCEPT });
    const corgi = c.store('{"v":"corgi"}', { accept: CORGI_ACCEPT });
    const full = c.store('{"v":2}', { accept: FULL_ACCEPT });
    // A line whose hash does not match its JSON is ignored, as cacache ignores it.
    c.line(`${'0'.repeat(40)}\t${JSON.stringify({ key: KEY, integrity: old, metadata: { reqHeaders: { accept: FULL_ACCEPT } } })}`);
    c.line('not a cacache line');
    assert.deepEqual(cachedPackuments(c.dir, URL_), [
      { integrity: full, accept: FULL_ACCEPT },
      { integrity: corgi, accept: CORGI_ACCEPT },
    ]);
    assert.equal(readCachedBody(c.dir, full)?.toString(), '{"v":2}');
    assert.ok(matchesIntegrity(Buffer.from('{"v":2}'), full));
    assert.ok(!matchesIntegrity(Buffer.from('{"v":3}'), full));
    // Content gone or altered: npm would not answer from it either.
    const gone = `sha512-${createHash('sha512').update('never stored').digest('base64')}`;
    assert.equal(readCachedBody(c.dir, gone), undefined);
    const hex = Buffer.from(full.slice(7), 'base64').toString('hex');
    writeFileSync(join(c.dir, '_cacache', 'content-v2', 'sha512', hex.slice(0, 2), hex.slice(2, 4), hex.slice(4)), '{"v":"evil"}');
    assert.equal(readCachedBody(c.dir, full), undefined);
  } finally {
    rmSync(c.dir, { recursive: true, force: true });
  }
});

test('a cached redirect or error answer is a gap (npm would follow it to a document not read here)', () => {
  const c = cacheWith();
  try {
    c.store('{}', { accept: FULL_ACCEPT }, { integrity: null, metadata: { url: URL_, reqHeaders: { accept: FULL_ACCEPT }, status: 301 } });
    assert.throws(() => cachedPackuments(c.dir, URL_), ResolveGap);
  } finally {
    rmSync(c.dir, { recursive: true, force: true });
  }
});

test("npm's cache folder: the setting (~ is home, relative from the project), else ~/.npm", () => {
  const env = { HOME: '/home/u' };
  assert.equal(npmCacheDir(undefined, env, '/p'), process.platform === 'win32' ? npmCacheDir(undefined, env, '/p') : '/home/u/.npm');
  assert.equal(npmCacheDir('~/c', env, '/p'), join('/home/u', 'c'));
  assert.equal(npmCacheDir('rel/c', env, '/p'), join('/p', 'rel', 'c'));
  assert.equal(npmCacheDir('/abs', env, '/p'), '/abs');
});
