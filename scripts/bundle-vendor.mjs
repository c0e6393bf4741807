#!/usr/bin/env node
// Build step (after tsc): replaces dist/vendor/*.js — tsc's re-exports of npm's resolution
// libraries — with bundled ES modules of them (see src/vendor/). The three entries share chunks
// (one copy of semver, one of npm-install-checks), so a module that needs only semver or only the
// platform rules loads only those. The declaration files tsc wrote stay: the bundles export the
// same names.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'vendor');
for (const f of readdirSync(outdir)) if (f.startsWith('chunk-') || f.endsWith('.js.map')) rmSync(join(outdir, f));
await build({
  entryPoints: ['npm-resolution', 'semver', 'platform-checks'].map((n) => join(root, 'src', 'vendor', `${n}.ts`)),
  outdir,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The CommonJS code calls require() for node: built-ins; an ES module has none of its own.
  banner: { js: "import { createRequire as __vigilRequire } from 'node:module';\nconst require = __vigilRequire(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
});
