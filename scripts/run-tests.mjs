#!/usr/bin/env node
// Runs every *.test.ts under test/ and src/ with Node's own test runner (TypeScript through tsx).
// `--live` runs only the opt-in suite under test/live/, which may reach real registries.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const live = process.argv.includes('--live');
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));

function walk(dir, out) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (name === 'node_modules' || name === 'fixtures' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = [...walk('test', []), ...walk('src', [])]
  .filter((f) => (live ? f.startsWith(join('test', 'live')) : !f.startsWith(join('test', 'live'))))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env: { ...process.env, VIGIL_TEST: '1' },
});
process.exit(r.status ?? 1);
