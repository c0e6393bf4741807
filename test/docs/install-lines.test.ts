/**
 * The install lines in README.md and docs/*.md work from this repository as it stands: vigil is not
 * on the registry (the npm name `vigil` is an unrelated program), so no doc may tell a reader to
 * `npx vigil` / `npm install vigil`; the tarball they install is the one `npm pack` writes, and that
 * tarball carries everything the CLI loads at run time (dist, bin, data, the built web client).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/run-cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };
const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f)),
];
const text = (f: string) => readFileSync(join(ROOT, f), 'utf8');

test('no doc runs the unrelated `vigil` package from the registry', () => {
  for (const f of DOCS) {
    const bad = text(f)
      .split('\n')
      .filter((l) => /\b(npx(\s+--yes|\s+-y)?|npm\s+(install|i|exec)(\s+-g)?|yarn\s+dlx|pnpm\s+dlx)\s+vigil(?![-\w])/.test(l));
    assert.deepEqual(bad, [], `${f} installs or runs the registry's "vigil", which is not this project`);
  }
});

test('every tarball install line names the file `npm pack` writes; the published name is stated', () => {
  const tarball = `${pkg.name}-${pkg.version}.tgz`;
  let lines = 0;
  for (const f of DOCS) {
    for (const m of text(f).matchAll(/npm install -g (\S+\.tgz)/g)) {
      lines++;
      assert.ok(m[1]!.endsWith(`/${tarball}`), `${f}: ${m[1]} is not ${tarball}`);
    }
  }
  assert.ok(lines >= 2, 'README and the CI example both install the packed tarball');
  assert.equal(pkg.name, 'vigil-supplychain');
  assert.deepEqual(Object.keys(pkg.bin), ['vigil']);
  assert.match(text('README.md'), /published as \*\*`vigil-supplychain`\*\* — it is \*\*not published\s+yet\*\*/);
});

test('the packed tarball carries the built CLI, its data and the web client (npm pack --dry-run)', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, npm_config_loglevel: 'silent' },
  });
  const files = new Set((JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path));
  for (const need of [
    'bin/vigil.js',
    'dist/cli/main.js',
    'web/dist/report.js',
    'web/dist/report.css',
    'data/m4-catalogue/catalogue.json',
  ]) {
    assert.ok(files.has(need), `${need} missing from the package`);
  }
  assert.ok(![...files].some((p) => p.startsWith('test/') || p.startsWith('src/')), 'no sources or tests in the package');
});
