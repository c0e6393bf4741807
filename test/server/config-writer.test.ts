/**
 * Writing a dashboard suppression into vigil.config.json: created when absent, other keys kept, read
 * back by the same parser scans use; a file that is not valid JSON (or whose suppressions are not a
 * list) is refused and left byte-for-byte as it was, with no temporary file left behind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendSuppression, configPathFor } from '../../src/app/dashboard/config-writer.js';
import { readConfig } from '../../src/core/config.js';
import { isVigilError } from '../../src/core/errors.js';
import { applySuppressions, parseSuppressions } from '../../src/engine/suppressions.js';
import { findingOf } from '../helpers/factories.js';

const s = {
  rule: 'npm/install-script',
  subject: 'pkg:npm/esbuild@0.28.2',
  reason: 'builds its binary',
  by: 'bob',
  at: '2026-12-03T10:00:00.000Z',
};

test('a missing config is created; an existing one keeps its keys; scans read the result', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-cfg-'));
  try {
    const path = configPathFor(dir);
    appendSuppression(path, s);
    appendSuppression(path, { ...s, subject: 'pkg:npm/sharp@0.34.5', expires: '2099-01-01' });
    const c = readConfig(path);
    const rules = parseSuppressions(c.suppressions, path);
    assert.equal(rules.length, 2);
    const f = findingOf('npm/install-script', 'pkg:npm/esbuild@0.28.2');
    assert.equal(applySuppressions([f], rules).applied, 1);
    assert.equal(f.suppressed?.reason, 'builds its binary');
    writeFileSync(path, JSON.stringify({ 'fail-on': 'high', suppressions: [] }));
    appendSuppression(path, s);
    assert.equal(readConfig(path).options['fail-on'], 'high');
    assert.equal(configPathFor(join(dir, 'vigil.config.json')), path, 'a file target uses its directory');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a config that is not JSON, or whose suppressions are not a list, is refused and left as it was', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-cfg-'));
  try {
    const path = join(dir, 'vigil.config.json');
    for (const text of ['{ "fail-on": "high", ', '{"suppressions": {"rule": "x"}}', '[1, 2]']) {
      writeFileSync(path, text);
      assert.throws(
        () => appendSuppression(path, s),
        (e) => isVigilError(e, 'E_CONFIG') && e.file === path,
      );
      assert.equal(readFileSync(path, 'utf8'), text);
      assert.deepEqual(readdirSync(dir), ['vigil.config.json']);
    }
    assert.throws(
      () => configPathFor(join(dir, 'gone', 'app')),
      (e) => isVigilError(e, 'E_INPUT_NOT_FOUND'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
