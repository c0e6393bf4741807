/**
 * dist/vendor/*.js, written by `npm run build` (scripts/bundle-vendor.mjs), bundle npm's resolution
 * libraries, and decide exactly as the packages do; semver.js and platform-checks.js load only their
 * part. Run after a build (npm test builds first); without a build there is nothing to check and the
 * test says so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import semver from 'semver';
import npa from 'npm-package-arg';
import pickManifest from 'npm-pick-manifest';
import { checkPlatform } from 'npm-install-checks';

/** Field by field (the bundle's classes are its own copies, with their own prototypes). */
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

const vendor = join(import.meta.dirname, '..', '..', 'dist', 'vendor');
const bundle = join(vendor, 'npm-resolution.js');

/** A built module and the chunks it imports, transitively. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/from "(\.\/[^"]+)"/g)) closure(join(dirname(file), m[1]!), seen);
  return seen;
}
/** The packages whose code a built module and its chunks hold (esbuild's `// node_modules/NAME/…` markers). */
const packagesIn = (file: string) =>
  new Set(
    [...closure(file)].flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]!),
    ),
  );

const packument = {
  name: 'left-pad',
  'dist-tags': { latest: '1.3.0', next: '2.0.0-rc.1' },
  versions: Object.fromEntries(
    ['1.0.0', '1.1.0', '1.2.0', '1.3.0', '2.0.0-rc.1'].map((v) => [v, { name: 'left-pad', version: v, engines: { node: '>=10' } }]),
  ),
};

test('the built vendor modules are bundles that load none of the packages they hold', { skip: !existsSync(bundle) && 'not built' }, () => {
  for (const file of closure(bundle)) {
    const text = readFileSync(file, 'utf8');
    for (const pkg of ['semver', 'npm-package-arg', 'npm-pick-manifest', 'npm-install-checks', 'hosted-git-info'])
      assert.doesNotMatch(text, new RegExp(`(require\\(|from )["']${pkg}["'/]`), `${pkg} is bundled, not loaded (${file})`);
  }
  assert.ok(packagesIn(bundle).has('npm-pick-manifest'));
  // A warm `npm install` loads only these: semver for the lockfile check, npm-install-checks (which needs semver) for platforms.
  assert.deepEqual([...packagesIn(join(vendor, 'semver.js'))].sort(), ['semver']);
  assert.deepEqual([...packagesIn(join(vendor, 'platform-checks.js'))].sort(), ['npm-install-checks', 'semver']);
});

test('the built vendor module decides as the packages do', { skip: !existsSync(bundle) && 'not built' }, async () => {
  const v = (await import(pathToFileURL(bundle).href)) as typeof import('../../src/vendor/npm-resolution.js');
  const parts = {
    ...((await import(pathToFileURL(join(vendor, 'semver.js')).href)) as typeof import('../../src/vendor/semver.js')),
    ...((await import(pathToFileURL(join(vendor, 'platform-checks.js')).href)) as typeof import('../../src/vendor/platform-checks.js')),
  };
  assert.equal(parts.semver, v.semver, 'one copy of semver, shared by the vendor modules');
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
    assert.equal(outcome(parts.checkPlatform), outcome(checkPlatform), env.os);
  }
});
