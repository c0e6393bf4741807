/**
 * docs/rules.md is generated (`npm run docs:rules`): it must equal `vigil rules --format markdown`
 * of the built CLI, so the published rule catalogue never drifts from the rules vigil applies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

test('docs/rules.md equals `vigil rules --format markdown` (regenerate with npm run docs:rules)', () => {
  const generated = execFileSync(process.execPath, [join(ROOT, 'bin', 'vigil.js'), 'rules', '--format', 'markdown'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.match(generated, /^# /m, 'the catalogue is not empty');
  const committed = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
  if (committed !== generated) {
    const a = committed.split('\n');
    const b = generated.split('\n');
    const i = a.findIndex((line, n) => line !== b[n]);
    assert.fail(
      `docs/rules.md differs from the generated catalogue at line ${i + 1}:\n  committed: ${a[i]}\n  generated: ${b[i]}\nrun: npm run build && npm run docs:rules`,
    );
  }
});
