#!/usr/bin/env node
// Bundles the web client (web/src, Chart.js included) into web/dist/report.js (which
// src/report/html.ts inlines into each report), web/dist/dashboard.js (served by `vigil serve`) and report.css. Run by `npm run build`.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
mkdirSync(join(here, 'dist'), { recursive: true });
// Two bundles of the one client: the report (inlined into report.html) and the dashboard (`vigil serve`).
for (const [entry, out] of [
  ['main.ts', 'report.js'],
  ['dashboard.ts', 'dashboard.js'],
]) {
  await build({
    entryPoints: [join(here, 'src', entry)],
    outfile: join(here, 'dist', out),
    bundle: true,
    format: 'iife',
    globalName: 'vigilWeb',
    minify: true,
    target: 'es2020',
    legalComments: 'eof',
    logLevel: 'warning',
  });
}
copyFileSync(join(here, 'src', 'report.css'), join(here, 'dist', 'report.css'));
