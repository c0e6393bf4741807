/**
 * dist/vendor/npm-resolution.js, written by `npm run build` (scripts/bundle-vendor.mjs), is one file
 * holding npm's resolution libraries, and it decides exactly as the packages do. Run after a build
 * (npm test builds first); without a build there is nothing to check and the test says so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import semver from 'semver';
import npa from 'npm-package-arg';
import pickManifest from 'npm-pick-manifest';
import { checkPlatform } from 'npm-install-checks';

/** Field by field (the bundle's classes are its own copies, with their own prototypes). */
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

const bundle = join(import.meta.dirname, '..', '..', 'dist', 'vendor', 'npm-resolution.js');

const packument = {
  name: 'left-pad',
  'dist-tags': { latest: '1.3.0', next: '2.0.0-rc.1' },
  versions: Object.fromEntries(
    ['1.0.0', '1.1.0', '1.2.0', '1.3.0', '2.0.0-rc.1'].map((v) => [v, { name: 'left-pad', version: v, engines: { node: '>=10' } }]),
  ),
};

test('the built vendor module is one bundle that loads none of the packages it holds', { skip: !existsSync(bundle) && 'not built' }, () => {
  const text = readFileSync(bundle, 'utf8');
  for (const pkg of ['semver', 'npm-package-arg', 'npm-pick-manifest', 'npm-install-checks', 'hosted-git-info'])
    assert.doesNotMatch(text, new RegExp(`(require\\(|from )["']${pkg}["'/]`), `${pkg} is bundled, not loaded`);
});

test('the built vendor module decides as the packages do', { skip: !existsSync(bundle) && 'not built' }, async () => {
  const v = (await import(pathToFileURL(bundle).href)) as typeof import('../../src/vendor/npm-resolution.js');
  for (const [version, range] of [
    ['1.2.3', '^1.0.0'],
    ['2.0.0-rc.1', '^2.0.0-0'],
    ['1.2.3', '>=2 || <1.2'],
  ] as const)
    assert.equal(v.semver.satisfies(version, range), semver.satisfies(version, range), `${version} in ${range}`);
  for (const spec of ['left-pad@^1', '@scope/x@latest', 'github:a/b', 'file:../x', 'x@npm:y@1'])
    assert.deepEqual(plain(v.npa(spec, '/tmp')), plain(npa(spec, '/tmp')), spec);
  for (const wanted of ['*', '^1.1.0', 'next', '1.2.0'])
    assert.deepEqual(
      v.pickManifest(packument, wanted, { nodeVersion: 'v20.0.0' }),
      pickManifest(packument, wanted, { nodeVersion: 'v20.0.0' }),
    );
  const linuxOnly = { os: ['linux'], cpu: ['x64'] };
  for (const env of [
    { os: 'linux', cpu: 'x64', libc: 'glibc' },
    { os: 'darwin', cpu: 'arm64', libc: 'none' },
  ]) {
    const outcome = (f: typeof checkPlatform) => {
      try {
        f(linuxOnly, false, env);
        return 'ok';
      } catch (e) {
        return (e as { code?: string }).code;
      }
    };
    assert.equal(outcome(v.checkPlatform), outcome(checkPlatform), env.os);
  }
});
