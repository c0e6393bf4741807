import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { brotliDecompressSync, gzipSync } from 'node:zlib';
import { packumentPath, tarballPath, startRegistryServer } from '../helpers/registry-server.js';
import { isVigilError } from '../../src/core/errors.js';
import { IntegrityError, RegistryHttpError } from '../../src/sources/npm/http-errors.js';
import { configFor, FIXTURES, rig } from './helpers.js';
import { readPackumentCache } from '../../src/sources/npm/packument-cache.js';

const ISEXE_TGZ = readFileSync(join(FIXTURES, 'full-metadata', 'tarballs', 'isexe-2.0.0.tgz'));
const ISEXE_SRI = `sha512-${createHash('sha512').update(ISEXE_TGZ).digest('base64')}`;

describe('packuments', () => {
  test('fetched once, then served from the store with zero requests (also by a new client)', async () => {
    const r = await rig();
    const p = await r.client().getPackument('isexe');
    assert.equal(p.versions['2.0.0']?.dist.tarball, `${r.reg.url}isexe/-/isexe-2.0.0.tgz`);
    assert.equal(p.registry, r.reg.url);
    assert.equal(r.reg.requests[0]?.headers.accept, 'application/json', 'full packument, not corgi');
    r.reg.reset();
    const c2 = r.client();
    const again = await c2.getPackument('isexe');
    assert.equal(again.distTags.latest, '2.0.0');
    assert.equal(r.reg.count(), 0);
    assert.deepEqual(c2.stats().packuments, { fetched: 0, fromCache: 1, revalidated: 0, stale: 0 });
    await r.close();
  });

  test('concurrent calls for one name make one request', async () => {
    const r = await rig();
    const c = r.client();
    await Promise.all([c.getPackument('isexe'), c.getPackument('isexe'), c.getPackument('isexe')]);
    assert.equal(r.reg.count(packumentPath('isexe')), 1);
    await r.close();
  });

  test('scoped names are requested escaped and parsed', async () => {
    const r = await rig();
    const p = await r.client().getPackument('@types/normalize-package-data');
    assert.equal(p.name, '@types/normalize-package-data');
    assert.equal(r.reg.count('/@types/normalize-package-data'), 1);
    await r.close();
  });

  test('stale cache is revalidated with If-None-Match; 304 reuses the body', async () => {
    const r = await rig();
    await r.client().getPackument('isexe');
    const etag = r.store.getCache('packument', `${r.reg.url}|isexe`)?.etag;
    assert.ok(etag);
    r.reg.reset();
    const c = r.client({ packumentMaxAgeMs: 0 });
    const p = await c.getPackument('isexe');
    assert.equal(p.distTags.latest, '2.0.0');
    assert.equal(r.reg.count(), 1);
    assert.equal(r.reg.requests[0]?.headers['if-none-match'], etag);
    assert.equal(c.stats().packuments.revalidated, 1);
    assert.equal(c.stats().http.notModified, 1);
    await r.close();
  });

  test('registry down after the retries: an expired cached copy is used and reported', async () => {
    const r = await rig();
    await r.client().getPackument('isexe');
    r.reg.misbehave(packumentPath('isexe'), { kind: 'status', status: 503 });
    const c = r.client({ packumentMaxAgeMs: 0 });
    const p = await c.getPackument('isexe');
    assert.equal(p.name, 'isexe');
    assert.equal(c.stats().packuments.stale, 1);
    const ev = r.events.find((e) => e.type === 'problem');
    assert.ok(ev && ev.type === 'problem' && ev.problem.code === 'E_REGISTRY_HTTP' && /used the copy cached at/.test(ev.problem.message));
    // A 404 is an answer, not an outage: no stale fallback.
    r.reg.misbehave(packumentPath('isexe'), { kind: 'status', status: 404 });
    await assert.rejects(
      r.client({ packumentMaxAgeMs: 0 }).getPackument('isexe'),
      (e: unknown) => e instanceof RegistryHttpError && e.status === 404,
    );
    await r.close();
  });

  test('404 fails at once, without retries, naming the package', async () => {
    const r = await rig();
    const c = r.client();
    await assert.rejects(
      c.getPackument('no-such-package'),
      (e: unknown) =>
        e instanceof RegistryHttpError && e.status === 404 && e.subject === 'no-such-package' && e.message.includes('no-such-package'),
    );
    assert.equal(r.reg.count(packumentPath('no-such-package')), 1);
    assert.equal(c.stats().http.retries, 0);
    await r.close();
  });

  test('500 then ok: retried and succeeds', async () => {
    const r = await rig();
    r.reg.misbehave(packumentPath('isexe'), { kind: 'status', status: 500, times: 1 });
    const c = r.client();
    const p = await c.getPackument('isexe');
    assert.equal(p.name, 'isexe');
    assert.equal(r.reg.count(packumentPath('isexe')), 2);
    assert.equal(c.stats().http.retries, 1);
    await r.close();
  });

  test('500 forever: gives up after the retry budget with E_REGISTRY_HTTP', async () => {
    const r = await rig();
    r.reg.misbehave(packumentPath('isexe'), { kind: 'status', status: 503 });
    await assert.rejects(
      r.client().getPackument('isexe'),
      (e: unknown) => e instanceof RegistryHttpError && e.status === 503 && /after 3 attempts/.test(e.message),
    );
    assert.equal(r.reg.count(packumentPath('isexe')), 3);
    await r.close();
  });

  test('429 honours Retry-After', async () => {
    const r = await rig();
    r.reg.misbehave(packumentPath('isexe'), { kind: 'retry-after', seconds: 1 });
    const c = r.client({ http: { retries: 1, backoff: { baseMs: 1, maxMs: 1500 } } });
    await c.getPackument('isexe');
    assert.equal(r.reg.count(packumentPath('isexe')), 2);
    assert.ok(
      r.events.some((e) => e.type === 'info' && / in 1000 ms: .*HTTP 429/.test(e.message)),
      JSON.stringify(r.events),
    );
    await r.close();
  });

  test('HTML body: E_REGISTRY_BODY naming the package, not cached', async () => {
    const r = await rig();
    r.reg.misbehave(packumentPath('isexe'), { kind: 'html' });
    await assert.rejects(
      r.client().getPackument('isexe'),
      (e: unknown) => isVigilError(e, 'E_REGISTRY_BODY') && e.subject === 'isexe' && /HTML/.test(e.message),
    );
    assert.equal(r.store.getCache('packument', `${r.reg.url}|isexe`), undefined);
    assert.equal(r.reg.count(), 1, 'a bad body is not retried');
    await r.close();
  });

  test('invalid JSON: E_REGISTRY_BODY naming the package', async () => {
    const r = await rig();
    r.reg.misbehave(packumentPath('isexe'), { kind: 'invalid-json' });
    await assert.rejects(
      r.client().getPackument('isexe'),
      (e: unknown) => isVigilError(e, 'E_REGISTRY_BODY') && e.message.includes('isexe') && /JSON/.test(e.message),
    );
    await r.close();
  });

  test('slow drip body: E_REGISTRY_TIMEOUT after the stall timeout, retried within budget', async () => {
    const r = await rig();
    r.reg.misbehave(packumentPath('isexe'), { kind: 'slow-drip', intervalMs: 2000 });
    const c = r.client({ http: { retries: 1, backoff: { baseMs: 1, maxMs: 5 }, timeouts: { stallMs: 200 } } });
    await assert.rejects(
      c.getPackument('isexe'),
      (e: unknown) =>
        isVigilError(e, 'E_REGISTRY_TIMEOUT') && e.subject === 'isexe' && /stalled/.test(e.message) && e.message.includes(r.reg.url),
    );
    assert.equal(r.reg.count(packumentPath('isexe')), 2);
    await r.close();
  });

  test('connection refused: E_NETWORK naming the URL', async () => {
    const reg = await startRegistryServer();
    const url = reg.url;
    await reg.close();
    const r = await rig();
    const c = r.client({ config: configFor(url), http: { retries: 0 } });
    await assert.rejects(c.getPackument('isexe'), (e: unknown) => isVigilError(e, 'E_NETWORK') && e.message.includes(url));
    await r.close();
  });

  test('an invalid package name never reaches the network', async () => {
    const r = await rig();
    await assert.rejects(r.client().getPackument('../../etc/passwd'), (e: unknown) => isVigilError(e, 'E_UNSUPPORTED'));
    assert.equal(r.reg.count(), 0);
    await r.close();
  });
});

describe('offline', () => {
  test('a miss is E_OFFLINE_MISS; what was fetched before is served with zero requests', async () => {
    const r = await rig();
    const off = r.client({ offline: true });
    await assert.rejects(off.getPackument('isexe'), (e: unknown) => isVigilError(e, 'E_OFFLINE_MISS') && e.subject === 'isexe');
    await assert.rejects(
      off.getTarball('isexe', '2.0.0', { integrity: ISEXE_SRI }),
      (e: unknown) => isVigilError(e, 'E_OFFLINE_MISS') && e.subject === 'isexe@2.0.0',
    );
    assert.equal(off.stats().offlineMisses, 2);
    assert.equal(r.reg.count(), 0);
    const on = r.client({ keepTarballs: true });
    await on.getPackument('isexe');
    await on.getTarball('isexe', '2.0.0', { integrity: ISEXE_SRI });
    r.reg.reset();
    const off2 = r.client({ offline: true, packumentMaxAgeMs: 0 });
    assert.equal((await off2.getPackument('isexe')).name, 'isexe');
    assert.ok((await off2.getTarball('isexe', '2.0.0', { integrity: ISEXE_SRI })).bytes.equals(ISEXE_TGZ));
    assert.equal(r.reg.count(), 0);
    await r.close();
  });
});

describe('tarballs', () => {
  test('verified against the lockfile integrity, cached (--keep-tarballs), then served warm with zero requests', async () => {
    const r = await rig();
    const t = await r.client({ keepTarballs: true }).getTarball('isexe', '2.0.0', { integrity: ISEXE_SRI });
    assert.ok(t.bytes.equals(ISEXE_TGZ));
    assert.equal(t.fromCache, false);
    assert.equal(t.integrity, ISEXE_SRI);
    assert.equal(t.verifiedAgainst, 'lockfile');
    assert.equal(t.url, `${r.reg.url}isexe/-/isexe-2.0.0.tgz`, 'URL derived when the lockfile has no resolved');
    assert.equal(r.reg.count(packumentPath('isexe')), 0, 'no packument needed when the lockfile has integrity');
    r.reg.reset();
    const warm = await r.client().getTarball('isexe', '2.0.0', { integrity: ISEXE_SRI });
    assert.equal(warm.fromCache, true);
    assert.ok(warm.bytes.equals(ISEXE_TGZ));
    assert.equal(r.reg.count(), 0);
    await r.close();
  });

  test('by default a verified tarball is not kept in the store; packuments are kept brotli-compressed', async () => {
    const r = await rig();
    const c = r.client();
    const t = await c.getTarball('isexe', '2.0.0', { integrity: ISEXE_SRI });
    assert.ok(t.bytes.equals(ISEXE_TGZ));
    assert.equal(r.store.getCache('tarball', ISEXE_SRI), undefined);
    await c.getPackument('isexe');
    const raw = r.store.getCache('packument', `${r.reg.url}|isexe`)!;
    assert.equal(raw.meta?.encoding, 'br');
    const json = brotliDecompressSync(raw.body);
    assert.equal((JSON.parse(json.toString('utf8')) as { name: string }).name, 'isexe');
    assert.ok(raw.body.length < json.length, `stored ${raw.body.length} bytes for ${json.length} of JSON`);
    r.reg.reset();
    const again = await r.client().getPackument('isexe');
    assert.equal(again.distTags.latest, '2.0.0', 'a new client reads the compressed entry');
    assert.equal(r.reg.count(), 0);
    await r.close();
  });

  test('packument entries an earlier vigil wrote (gzip, or uncompressed) still read; a damaged or unknown-coded one is fetched again', async () => {
    const r = await rig();
    await r.client().getPackument('isexe');
    const key = `${r.reg.url}|isexe`;
    const stored = r.store.getCache('packument', key)!;
    const json = brotliDecompressSync(stored.body);
    const { encoding: _e, ...meta } = stored.meta!;
    for (const [label, entry, fetches] of [
      ['gzip', { ...stored, body: gzipSync(json), meta: { ...meta, encoding: 'gzip' } }, 0],
      ['uncompressed', { ...stored, body: json, meta }, 0],
      ['damaged brotli', { ...stored, body: stored.body.subarray(0, 5) }, 1],
      ['unknown coding', { ...stored, meta: { ...meta, encoding: 'lzma' } }, 1],
    ] as const) {
      r.store.putCache('packument', key, entry);
      r.reg.reset();
      const p = await r.client().getPackument('isexe');
      assert.equal(p.distTags.latest, '2.0.0', label);
      assert.equal(r.reg.count(), fetches, `${label}: requests to the registry`);
    }
    await r.close();
  });

  test('a cached packument that inflates past the bound is treated as damaged, not read', async () => {
    const r = await rig();
    await r.client().getPackument('isexe');
    const key = `${r.reg.url}|isexe`;
    const size = brotliDecompressSync(r.store.getCache('packument', key)!.body).length;
    assert.ok(readPackumentCache(r.store, key, size), 'within the bound');
    assert.equal(readPackumentCache(r.store, key, size - 1), undefined);
    await r.close();
  });

  test('without lockfile integrity, the packument sha1 shasum is the fallback', async () => {
    const r = await rig();
    const t = await r.client().getTarball('is-typedarray', '1.0.0');
    assert.equal(t.verifiedAgainst, 'packument');
    assert.match(t.integrity, /^sha1-/);
    await r.close();
  });

  test('scoped tarball from the scope registry, with the resolved URL when given', async () => {
    const r = await rig();
    const t = await r.client().getTarball('@types/normalize-package-data', '2.4.0');
    assert.equal(t.url, `${r.reg.url}@types/normalize-package-data/-/normalize-package-data-2.4.0.tgz`);
    const viaResolved = await r.client().getTarball('isexe', '2.0.0', { resolved: `${r.reg.url}isexe/-/isexe-2.0.0.tgz` });
    assert.equal(viaResolved.verifiedAgainst, 'packument');
    await r.close();
  });

  test('integrity mismatch: E_INTEGRITY with both digests, and the bytes are never cached', async () => {
    const r = await rig();
    r.reg.misbehave(tarballPath('isexe', '2.0.0'), { kind: 'wrong-bytes' });
    const c = r.client();
    await assert.rejects(
      c.getTarball('isexe', '2.0.0', { integrity: ISEXE_SRI }),
      (e: unknown) =>
        e instanceof IntegrityError &&
        e.expected === ISEXE_SRI &&
        e.actual.startsWith('sha512-') &&
        e.actual !== ISEXE_SRI &&
        e.subject === 'isexe@2.0.0',
    );
    assert.equal(r.store.getCache('tarball', ISEXE_SRI), undefined);
    assert.equal(c.stats().http.retries, 0, 'a mismatch is not retried');
    // The packument's sha1 path gives the same verdict.
    await assert.rejects(
      c.getTarball('isexe', '2.0.0'),
      (e: unknown) => e instanceof IntegrityError && e.expected.startsWith('sha1-') && e.expectedFrom === 'packument',
    );
    await r.close();
  });

  test('a tarball that is not gzip: bytes match but are refused and not cached', async () => {
    const r = await rig();
    const junk = Buffer.from('not a gzip stream at all');
    const sri = `sha512-${createHash('sha512').update(junk).digest('base64')}`;
    r.reg.addTarball('isexe', '9.9.9', junk);
    await assert.rejects(
      r.client().getTarball('isexe', '9.9.9', { integrity: sri }),
      (e: unknown) => isVigilError(e, 'E_ARCHIVE') && e.subject === 'isexe@9.9.9' && /gzip/.test(e.message),
    );
    assert.equal(r.store.getCache('tarball', sri), undefined);
    r.reg.misbehave(tarballPath('isexe', '2.0.0'), { kind: 'not-gzip' });
    await assert.rejects(r.client().getTarball('isexe', '2.0.0', { integrity: ISEXE_SRI }), (e: unknown) => isVigilError(e, 'E_INTEGRITY'));
    await r.close();
  });

  test('a version missing from the packument is a clear error', async () => {
    const r = await rig();
    await assert.rejects(
      r.client().getTarball('isexe', '7.7.7'),
      (e: unknown) => isVigilError(e, 'E_REGISTRY_BODY') && e.subject === 'isexe@7.7.7',
    );
    await r.close();
  });
});

describe('scoped registry and auth', () => {
  test('the scope registry gets its token; the default registry never sees it', async () => {
    const main = await rig();
    const scoped = await startRegistryServer({ fixtures: join(FIXTURES, 'full-metadata') });
    const prefix = scoped.url.replace(/^http:/, '');
    const config = configFor(main.reg.url, {
      scopes: { '@types': { value: scoped.url, source: 'test' } },
      auth: [{ prefix, token: 'scoped-secret', source: 'test' }],
    });
    const c = main.client({ config });
    await c.getPackument('@types/normalize-package-data');
    await c.getTarball('@types/normalize-package-data', '2.4.0');
    await c.getPackument('isexe');
    await c.getTarball('isexe', '2.0.0');
    assert.equal(scoped.count(), 2);
    assert.ok(scoped.requests.every((q) => q.headers.authorization === 'Bearer scoped-secret'));
    assert.equal(main.reg.count(), 2);
    assert.ok(main.reg.requests.every((q) => q.headers.authorization === undefined));
    await scoped.close();
    await main.close();
  });
});

describe('redirects', () => {
  test('a registry redirect to a host that is not configured is refused before it is requested', async () => {
    const main = await rig();
    const other = await startRegistryServer({ fixtures: join(FIXTURES, 'full-metadata') });
    main.reg.misbehave(tarballPath('isexe', '2.0.0'), { kind: 'redirect', location: `${other.url}isexe/-/isexe-2.0.0.tgz` });
    await assert.rejects(main.client().getTarball('isexe', '2.0.0', { integrity: ISEXE_SRI }), (e: unknown) =>
      isVigilError(e, 'E_UNSUPPORTED'),
    );
    assert.equal(other.count(), 0);
    await other.close();
    await main.close();
  });

  test('a token for the registry does not follow a redirect to another configured registry', async () => {
    const main = await rig();
    const other = await startRegistryServer({ fixtures: join(FIXTURES, 'full-metadata') });
    main.reg.misbehave(tarballPath('isexe', '2.0.0'), { kind: 'redirect', location: `${other.url}isexe/-/isexe-2.0.0.tgz` });
    const config = configFor(main.reg.url, {
      scopes: { '@other': { value: other.url, source: 'test' } },
      auth: [{ prefix: main.reg.url.replace(/^http:/, ''), token: 'main-secret', source: 'test' }],
    });
    const t = await main.client({ config }).getTarball('isexe', '2.0.0', { integrity: ISEXE_SRI });
    assert.ok(t.bytes.equals(ISEXE_TGZ));
    assert.equal(main.reg.requests[0]?.headers.authorization, 'Bearer main-secret');
    assert.equal(other.count(), 1);
    assert.equal(other.requests[0]?.headers.authorization, undefined);
    await other.close();
    await main.close();
  });
});
