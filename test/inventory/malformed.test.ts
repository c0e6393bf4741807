/** Malformed inputs: a coded error naming the file and the line, or problems and a partial inventory. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isVigilError, type ErrorCode } from '../../src/core/errors.js';
import { loadInventory } from '../../src/inventory/registry.js';
import { fixture } from './helpers.js';

const FATAL: [string, ErrorCode, string, RegExp, number | undefined][] = [
  ['not-json', 'E_LOCKFILE_PARSE', 'package-lock.json', /not valid JSON/, 1],
  ['truncated', 'E_LOCKFILE_PARSE', 'package-lock.json', /truncated/, 55],
  ['empty', 'E_LOCKFILE_PARSE', 'package-lock.json', /is empty/, 1],
  ['merge-conflict', 'E_LOCKFILE_PARSE', 'package-lock.json', /merge-conflict marker "<<<<<<< HEAD"/, 38],
  ['wrong-version', 'E_LOCKFILE_PARSE', 'package-lock.json', /unsupported lockfileVersion 99/, 4],
  ['pnpm-wrong-version', 'E_LOCKFILE_PARSE', 'pnpm-lock.yaml', /unsupported pnpm lockfileVersion 5\.4/, 1],
  ['yaml-bomb', 'E_LOCKFILE_PARSE', 'pnpm-lock.yaml', /alias/i, 1],
  ['yarn-merge-conflict', 'E_LOCKFILE_PARSE', 'yarn.lock', /merge-conflict marker/, 32],
  ['yarn-garbage', 'E_LOCKFILE_PARSE', 'yarn.lock', /could not be parsed: unexpected character "}"/, 7],
  ['sbom-not-json', 'E_SBOM_PARSE', 'bom.cdx.json', /truncated/, 3],
  ['sbom-wrong-version', 'E_SBOM_PARSE', 'bom.json', /unsupported CycloneDX specVersion "2\.0"/, 4],
];

describe('malformed inputs are coded errors naming file and line', () => {
  for (const [dir, code, file, msg, line] of FATAL) {
    test(dir, async () => {
      await assert.rejects(loadInventory(fixture(`malformed/${dir}`)), (e: unknown) => {
        assert.ok(isVigilError(e, code), `expected ${code}, got ${String(e)}`);
        assert.equal(e.file, file);
        assert.match(e.message, msg);
        assert.equal(e.line, line);
        return true;
      });
    });
  }

  test('duplicate YAML keys are a problem with a line; the rest is read', async () => {
    const r = await loadInventory(fixture('malformed/duplicate-key'));
    assert.equal(r.inventory.components.length, 11);
    const p = r.inventory.problems.find((x) => /duplicate key/.test(x.message));
    assert.ok(p);
    assert.equal(p.line, 109);
  });

  test('a lockfile written with omit-lockfile-registry-resolved (no entry has one): a source note, not problems', async () => {
    const r = await loadInventory(fixture('omitted-resolved'));
    assert.equal(r.inventory.components.length, 11);
    assert.equal(r.inventory.problems.length, 0);
    assert.match(r.inventory.sources[0]!.note!, /omit-lockfile-registry-resolved/);
  });

  test('entries missing "resolved" among entries that have it: one problem each, naming file and line', async () => {
    const r = await loadInventory(fixture('partly-missing-resolved'));
    const probs = r.inventory.problems.filter((p) => /no "resolved" URL/.test(p.message));
    assert.equal(probs.length, 2);
    assert.ok(probs.every((p) => typeof p.line === 'number' && p.file?.endsWith('package-lock.json')));
    assert.equal(r.inventory.sources[0]!.note ?? '', '');
  });

  test('a YAML bomb in a Berry yarn.lock is not expanded (aliases stay references); the entries are read', async () => {
    const r = await loadInventory(fixture('malformed/yarn-berry-bomb'));
    assert.deepEqual(
      r.inventory.components.map((c) => c.purl),
      ['pkg:npm/x@1.0.0'],
    );
    assert.ok(r.inventory.problems.some((p) => /no workspace entry/.test(p.message)));
  });
});
