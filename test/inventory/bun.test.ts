/**
 * bun.lock (JSONC, written by Bun 1.2.23 for the same-project manifests) and the binary bun.lockb
 * (written by the same Bun with `saveTextLockfile = false`), which is refused with the command
 * that writes the text form — never replaced by versions guessed from package.json.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isVigilError } from '../../src/core/errors.js';
import { bunLockExtractor } from '../../src/inventory/bun-lock.js';
import { detectFile } from '../../src/inventory/detect.js';
import { EXTRACTORS, loadInventory } from '../../src/inventory/registry.js';
import { comp, extractFixture, fixture } from './helpers.js';

const LOCK = 'same-project/bun/bun.lock';
const extractText = (text: string) => bunLockExtractor.extract({ path: '/x/bun.lock', displayPath: 'bun.lock', text }, {});

describe('bun.lock', () => {
  test('components with lines and integrity; a copy nested under its parent ("supports-color/has-flag") is its own edge', async () => {
    const inv = await extractFixture(bunLockExtractor, LOCK);
    assert.equal(inv.sources[0]!.format, 'bun.lock v1');
    const debug = comp(inv, 'pkg:npm/debug@4.4.3');
    assert.equal(debug.locations[0]!.line, 28);
    assert.match(debug.integrity!, /^sha512-RGwwWnwQ/);
    assert.ok(inv.edges.some((e) => e.from === 'root:same-project' && e.to === debug.purl && e.spec === '^4.3.4' && e.kind === 'prod'));
    assert.ok(inv.edges.some((e) => e.from === 'pkg:npm/supports-color@7.2.0' && e.to === 'pkg:npm/has-flag@4.0.0'));
    assert.ok(inv.edges.some((e) => e.from === 'root:same-project' && e.to === 'pkg:npm/has-flag@3.0.0'));
    assert.equal(comp(inv, 'pkg:npm/has-flag@4.0.0').paths?.[0], 'node_modules/supports-color/node_modules/has-flag');
    assert.equal(comp(inv, 'pkg:npm/semver@7.8.6').dev, true);
    assert.equal(comp(inv, 'pkg:npm/is-number@7.0.0').optional, true);
    assert.deepEqual(inv.problems, []);
  });

  test('JSONC: comments and trailing commas are read', async () => {
    const text = readFileSync(fixture(LOCK), 'utf8').replace('"packages": {', '// resolved by bun\n  "packages": { /* all of them */');
    const inv = await extractText(text);
    assert.equal(inv.components.length, 11);
  });

  test('truncated: E_LOCKFILE_PARSE naming the line; an unknown lockfileVersion is named', async () => {
    const text = readFileSync(fixture(LOCK), 'utf8');
    await assert.rejects(
      async () => extractText(text.slice(0, text.indexOf('"ms": ['))),
      (e: unknown) => isVigilError(e, 'E_LOCKFILE_PARSE') && e.file === 'bun.lock' && typeof e.line === 'number' && e.line > 30,
    );
    await assert.rejects(
      async () => extractText(text.replace('"lockfileVersion": 1', '"lockfileVersion": 7')),
      /unsupported bun\.lock lockfileVersion 7/,
    );
  });

  test('hostile entries: a non-array entry and a dependency missing from packages are problems, not crashes', async () => {
    const text = readFileSync(fixture(LOCK), 'utf8').replace(/"ms": \[[^\]]*\],/, '"ms": { "oops": true },');
    const inv = await extractText(text);
    assert.ok(inv.problems.some((p) => /bun\.lock package "ms" is not a/.test(p.message) && p.line === 34));
    assert.ok(inv.problems.some((p) => /"ms" \(\^2\.1\.3\) is not in the lockfile's packages/.test(p.message)));
  });

  test('a renamed bun.lock is recognised by content, not taken for a package-lock.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-bun-'));
    try {
      const copy = join(dir, 'lock-from-ci.json');
      copyFileSync(fixture(LOCK), copy);
      assert.equal(detectFile(copy, EXTRACTORS)?.id, 'bun-lock');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a directory with bun.lock and package.json: bun.lock is used, not a range guess', async () => {
    const loaded = await loadInventory(fixture('same-project/bun'));
    assert.equal(loaded.chosen.extractor, 'bun-lock');
    assert.equal(loaded.inventory.components.length, 11);
  });
});

describe('bun.lockb (binary)', () => {
  test('refused with the command that writes bun.lock; package.json beside it is not used instead', async () => {
    await assert.rejects(
      loadInventory(fixture('bun-binary')),
      (e: unknown) =>
        isVigilError(e, 'E_UNSUPPORTED') &&
        e.file === 'bun.lockb' &&
        /binary lockfile/.test(e.message) &&
        /bun install --save-text-lockfile/.test(e.hint ?? ''),
    );
  });
});
