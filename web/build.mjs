#!/usr/bin/env node
// Bundles the report client (web/src, Chart.js included) into web/dist/report.js and report.css,
// which src/report/html.ts inlines into each report. Run by `npm run build`.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
mkdirSync(join(here, 'dist'), { recursive: true });
await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  outfile: join(here, 'dist', 'report.js'),
  bundle: true,
  format: 'iife',
  globalName: 'vigilWeb',
  minify: true,
  target: 'es2020',
  legalComments: 'eof',
  logLevel: 'warning',
});
copyFileSync(join(here, 'src', 'report.css'), join(here, 'dist', 'report.css'));
