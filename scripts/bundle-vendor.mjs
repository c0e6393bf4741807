#!/usr/bin/env node
// Build step (after tsc): replaces dist/vendor/*.js — tsc's re-exports of npm's resolution
// libraries — with bundled ES modules of them (see src/vendor/). npm-resolution.js and semver.js
// share chunks (one copy of semver). platform-checks.js is built on its own: npm-install-checks
// requires semver at load for its engine checks, which checkPlatform and currentEnv never call, so
// there semver is a stub that throws if anything ever does (a warm `npm install` then loads no semver).
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'vendor');
for (const f of readdirSync(outdir)) if (f.startsWith('chunk-') || f.endsWith('.js.map')) rmSync(join(outdir, f));
const common = {
  outdir,
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The CommonJS code calls require() for node: built-ins; an ES module has none of its own.
  banner: { js: "import { createRequire as __vigilRequire } from 'node:module';\nconst require = __vigilRequire(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
};
const entry = (n) => join(root, 'src', 'vendor', `${n}.ts`);
await build({ ...common, entryPoints: [entry('npm-resolution'), entry('semver')], splitting: true, chunkNames: 'chunk-[hash]' });
const SEMVER_STUB =
  "module.exports = new Proxy({}, { get(_, k) { throw new Error('vigil: semver.' + String(k) + ' is not bundled in vendor/platform-checks.js'); } });";
await build({
  ...common,
  entryPoints: [entry('platform-checks')],
  plugins: [
    {
      name: 'semver-stub',
      setup(b) {
        b.onResolve({ filter: /^semver(\/|$)/ }, () => ({ path: 'semver-stub', namespace: 'semver-stub' }));
        b.onLoad({ filter: /.*/, namespace: 'semver-stub' }, () => ({ contents: SEMVER_STUB, loader: 'js' }));
      },
    },
  ],
});
