/** Platform filtering of optional dependencies: npm's os/cpu/libc rules, subtrees, the report line. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { packageLockExtractor } from '../../src/inventory/package-lock.js';
import { installsOn, parsePlatformList, skipForeignPlatforms } from '../../src/engine/platform.js';
import { isVigilError } from '../../src/core/errors.js';
import { newResult } from '../../src/core/result-builder.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { extractFixture } from '../inventory/helpers.js';

const load = () => extractFixture(packageLockExtractor, 'platform-binaries/package-lock.json');
const skippedNames = (r: ReturnType<typeof skipForeignPlatforms>) =>
  r.skipped.map((s) => s.purl.replace('pkg:npm/', '').replace('%40', '@')).sort();

describe('platform filtering', () => {
  test("the lockfile's os/cpu/libc lists are read into the inventory", async () => {
    const inv = await load();
    const c = inv.components.find((x) => x.name === '@bundler/linux-x64')!;
    assert.deepEqual(c.platform, { os: ['linux'], cpu: ['x64'], libc: ['glibc'] });
    assert.equal(inv.components.find((x) => x.name === 'bundler')!.platform, undefined);
  });

  test('linux-x64-glibc keeps its own binary and skips the others, with the subtree only a skipped package needs', async () => {
    const inv = await load();
    const r = skipForeignPlatforms(inv, parsePlatformList('linux-x64-glibc'));
    assert.deepEqual(r.targets, ['linux-x64-glibc']);
    assert.deepEqual(skippedNames(r), [
      '@bundler/darwin-arm64@1.0.0',
      '@bundler/linux-arm64@1.0.0',
      '@bundler/linux-x64-musl@1.0.0',
      '@bundler/win32-x64@1.0.0',
      'bindings-helper@1.0.0',
      'watcher@2.0.0',
    ]);
    const byName = new Map(inv.components.map((c) => [c.name, c]));
    assert.match(
      byName.get('@bundler/linux-x64-musl')!.notAnalyzed!,
      /^platform: optional dependency for os linux, cpu x64, libc musl; not installed on linux-x64-glibc/,
    );
    assert.match(byName.get('bindings-helper')!.notAnalyzed!, /only needed by pkg:npm\/watcher@2\.0\.0/);
    for (const kept of ['@bundler/linux-x64', 'bundler', 'shared-util', 'daemon'])
      assert.equal(byName.get(kept)!.notAnalyzed, undefined, kept);
  });

  test('several targets keep the union; a required package with a foreign os is never skipped', async () => {
    const inv = await load();
    const r = skipForeignPlatforms(inv, parsePlatformList('darwin-arm64, win32-x64'));
    assert.deepEqual(skippedNames(r), ['@bundler/linux-arm64@1.0.0', '@bundler/linux-x64-musl@1.0.0', '@bundler/linux-x64@1.0.0']);
    assert.equal(inv.components.find((c) => c.name === 'daemon')!.notAnalyzed, undefined, 'os !win32 but not optional');
  });

  test('--all-platforms skips nothing; linux without a libc accepts both libcs', async () => {
    const inv = await load();
    assert.deepEqual(skipForeignPlatforms(inv, 'all'), { targets: 'all', skipped: [] });
    assert.ok(inv.components.every((c) => !c.notAnalyzed));
    assert.ok(installsOn({ os: ['linux'], libc: ['musl'] }, { os: 'linux', cpu: 'x64' }));
    assert.ok(!installsOn({ os: ['linux'], libc: ['musl'] }, { os: 'linux', cpu: 'x64', libc: 'glibc' }));
    assert.ok(!installsOn({ libc: ['glibc'] }, { os: 'darwin', cpu: 'arm64' }), 'libc lists fail off Linux, as in npm');
    assert.ok(installsOn({ os: ['!win32'] }, { os: 'darwin', cpu: 'arm64' }));
    assert.ok(!installsOn({ os: ['!win32'] }, { os: 'win32', cpu: 'x64' }));
  });

  test('a malformed --platform is a usage error naming the item', () => {
    for (const bad of ['linux', 'linux-x64-uclibc', '', 'linux-x64-glibc-extra']) {
      assert.throws(
        () => parsePlatformList(bad),
        (e: unknown) => isVigilError(e, 'E_USAGE'),
        bad,
      );
    }
  });

  test('terminal and markdown reports say what was left out and how to include it', async () => {
    const inv = await load();
    const result = newResult('scan', 'x', 'k');
    result.inventory = inv;
    result.platform = skipForeignPlatforms(inv, parsePlatformList('linux-x64-glibc'));
    // Markdown breaks `@` mentions with a zero-width space.
    for (const text of [renderTerminal(result, { color: false, width: 100 }), renderMarkdown(result).replace(/\u200b/g, '')]) {
      assert.match(
        text,
        /linux-x64-glibc; 6 optional package\(s\) for other platforms not analysed \(.*@bundler\/darwin-arm64@1\.0\.0.*\); --platform or --all-platforms/,
      );
    }
  });
});
