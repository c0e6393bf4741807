#!/usr/bin/env node
// Build step (after tsc): replaces dist/vendor/npm-resolution.js — tsc's re-export of npm's
// resolution libraries — with one bundled ES module of them (see src/vendor/npm-resolution.ts).
// The declaration file tsc wrote stays: the bundle exports the same names.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [join(root, 'src', 'vendor', 'npm-resolution.ts')],
  outfile: join(root, 'dist', 'vendor', 'npm-resolution.js'),
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The CommonJS code calls require() for node: built-ins; an ES module has none of its own.
  banner: { js: "import { createRequire as __vigilRequire } from 'node:module';\nconst require = __vigilRequire(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
});
// tsc's source map described the re-exports, not this file.
rmSync(join(root, 'dist', 'vendor', 'npm-resolution.js.map'), { force: true });
