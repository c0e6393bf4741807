#!/usr/bin/env node
// Build step (after tsc and bundle-vendor): bundles the CLI built in dist/ into dist/bundle/ with
// esbuild — main.js plus shared chunks, each command (and the engine behind it) a chunk loaded on
// demand. bin/vigil.js runs `vigil guard` from it: a guarded install is short, and resolving and
// linking ~80 separate modules was a fifth of what guard added to it. Packages in node_modules stay
// imports (better-sqlite3 is native; nothing is vendored into git); worker threads load their
// modules from dist/ (src/core/package-root.ts), so the bundle only runs on the main thread.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'dist', 'cli', 'main.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunk-[hash]',
  legalComments: 'eof',
  logLevel: 'warning',
});
