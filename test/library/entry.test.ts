/** The package's `main`/`types` point at a real library entry that exposes the pipeline functions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as vigil from '../../src/index.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

test('src/index.ts exports the library API; package.json main/types name its build output', () => {
  for (const fn of [
    'scan',
    'inspect',
    'diffNpm',
    'historyScan',
    'discuss',
    'verifyArtifact',
    'guard',
    'watch',
    'checkAudits',
    'loadInventory',
    'loadRenderer',
    'ruleCatalogue',
    'redact',
  ]) {
    assert.equal(typeof (vigil as Record<string, unknown>)[fn], 'function', fn);
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; types: string };
  assert.equal(pkg.main, 'dist/index.js');
  assert.equal(pkg.types, 'dist/index.d.ts');
  assert.ok(existsSync(join(ROOT, 'src', 'index.ts')));
});
