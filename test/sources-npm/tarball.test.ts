import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { distIntegrity, integrityKey, resolveTarballUrl, tarballUrl, verifyIntegrity } from '../../src/sources/npm/tarball.js';
import { IntegrityError } from '../../src/sources/npm/http-errors.js';
import type { RegistryConfig } from '../../src/sources/npm/config.js';
import { isVigilError } from '../../src/core/errors.js';

const bytes = Buffer.from('tarball bytes');
const sha512 = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
const sha1hex = createHash('sha1').update(bytes).digest('hex');
const sha1 = `sha1-${createHash('sha1').update(bytes).digest('base64')}`;
const ctx = { name: 'p', version: '1.0.0', url: 'http://127.0.0.1/p.tgz', expectedFrom: 'lockfile' as const };

const config: RegistryConfig = {
  registry: { value: 'http://127.0.0.1:1/', source: 't' },
  scopes: { '@acme': { value: 'http://127.0.0.1:2/npm/', source: 't' } },
  auth: [],
  proxy: {},
};

describe('tarball urls', () => {
  test('derived from the registry, scoped names keep the scope in the path only', () => {
    assert.equal(tarballUrl('http://127.0.0.1:1/', 'lodash', '4.17.21'), 'http://127.0.0.1:1/lodash/-/lodash-4.17.21.tgz');
    assert.equal(tarballUrl('http://127.0.0.1:1', '@babel/core', '7.0.0-beta.1'), 'http://127.0.0.1:1/@babel/core/-/core-7.0.0-beta.1.tgz');
  });
  test('without resolved, the scope registry is used', () => {
    assert.equal(resolveTarballUrl(config, '@acme/w', '1.0.0'), 'http://127.0.0.1:2/npm/@acme/w/-/w-1.0.0.tgz');
    assert.equal(resolveTarballUrl(config, 'plain', '1.0.0'), 'http://127.0.0.1:1/plain/-/plain-1.0.0.tgz');
  });
  test('a resolved URL is used as is unless replace-registry-host says otherwise', () => {
    const r = 'http://127.0.0.1:9/plain/-/plain-1.0.0.tgz';
    assert.equal(resolveTarballUrl(config, 'plain', '1.0.0', r), r);
    const always = { ...config, replaceRegistryHost: { value: 'always', source: 't' } };
    assert.equal(resolveTarballUrl(always, 'plain', '1.0.0', r), 'http://127.0.0.1:1/plain/-/plain-1.0.0.tgz');
  });
  test('git/file resolved is not a registry tarball', () => {
    assert.throws(
      () => resolveTarballUrl(config, 'x', '1.0.0', 'git+ssh://git@127.0.0.1/x.git#abc'),
      (e: unknown) => isVigilError(e, 'E_UNSUPPORTED'),
    );
  });
});

describe('integrity', () => {
  test('packument dist: integrity preferred, sha1 shasum fallback', () => {
    assert.equal(distIntegrity({ integrity: sha512, shasum: sha1hex }), sha512);
    assert.equal(distIntegrity({ shasum: sha1hex }), sha1);
    assert.equal(distIntegrity({ integrity: 'garbage', shasum: 'short' }), undefined);
  });
  test('matching bytes return the strongest hash', () => {
    assert.equal(verifyIntegrity(bytes, `${sha1} ${sha512}`, ctx), sha512);
    assert.equal(verifyIntegrity(bytes, sha1, ctx), sha1);
    assert.equal(integrityKey(`${sha1} ${sha512}`), sha512);
  });
  test('sha512 is what counts when both are present', () => {
    const wrong512 = `sha512-${createHash('sha512').update('other').digest('base64')}`;
    assert.throws(() => verifyIntegrity(bytes, `${sha1} ${wrong512}`, ctx), IntegrityError);
  });
  test('a mismatch carries both digests in the same algorithm', () => {
    const other = Buffer.from('evil bytes');
    try {
      verifyIntegrity(other, sha1, ctx);
      assert.fail('should throw');
    } catch (e) {
      assert.ok(e instanceof IntegrityError);
      assert.equal(e.code, 'E_INTEGRITY');
      assert.equal(e.expected, sha1);
      assert.equal(e.actual, `sha1-${createHash('sha1').update(other).digest('base64')}`);
      assert.equal(e.actualSha512, `sha512-${createHash('sha512').update(other).digest('base64')}`);
      assert.equal(e.subject, 'p@1.0.0');
      assert.ok(e.message.includes(sha1) && e.message.includes(e.actual));
    }
  });
});
