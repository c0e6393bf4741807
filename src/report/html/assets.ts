/**
 * The web client's script and stylesheet: the report bundle is inlined into each report, the
 * dashboard bundle is served by `vigil serve`. Built form: web/dist/{report,dashboard}.js and report.css (`node web/build.mjs`, run by `npm run build`). In a source
 * checkout where web/src is newer than the build (or there is no build), the script is bundled in
 * memory with esbuild (a dev dependency) so tests and `tsx` runs always see the current client.
 * Read once per process.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { VigilError } from '../../core/errors.js';
import { PACKAGE_ROOT } from '../../core/package-root.js';

export interface WebAssets {
  js: string;
  css: string;
}

const ROOT = PACKAGE_ROOT;
const SRC = join(ROOT, 'web', 'src');
const DIST = join(ROOT, 'web', 'dist');

/** The two bundles of the one client: the report (report.html) and the dashboard (`vigil serve`). */
export type WebEntry = 'report' | 'dashboard';
const ENTRY_SOURCE: Record<WebEntry, string> = { report: 'main.ts', dashboard: 'dashboard.ts' };

const cached = new Map<WebEntry, WebAssets>();

function newestMtime(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) t = Math.max(t, statSync(join(dir, name)).mtimeMs);
  return t;
}

function distIsCurrent(entry: WebEntry): boolean {
  const js = join(DIST, `${entry}.js`);
  const css = join(DIST, 'report.css');
  if (!existsSync(js) || !existsSync(css)) return false;
  if (!existsSync(SRC)) return true;
  return Math.min(statSync(js).mtimeMs, statSync(css).mtimeMs) >= newestMtime(SRC);
}

function bundleFromSource(entry: WebEntry): WebAssets {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  } catch (cause) {
    throw new VigilError('E_INTERNAL', 'the HTML report client is not built (web/dist/report.js is missing)', {
      hint: 'run `npm run build` in the vigil checkout',
      cause,
    });
  }
  const out = esbuild.buildSync({
    entryPoints: [join(SRC, ENTRY_SOURCE[entry])],
    bundle: true,
    format: 'iife',
    globalName: 'vigilWeb',
    minify: true,
    target: 'es2020',
    legalComments: 'eof',
    write: false,
    logLevel: 'silent',
  });
  return { js: out.outputFiles[0]!.text, css: readFileSync(join(SRC, 'report.css'), 'utf8') };
}

export function webAssets(entry: WebEntry = 'report'): WebAssets {
  let hit = cached.get(entry);
  if (!hit) {
    hit = distIsCurrent(entry)
      ? { js: readFileSync(join(DIST, `${entry}.js`), 'utf8'), css: readFileSync(join(DIST, 'report.css'), 'utf8') }
      : bundleFromSource(entry);
    cached.set(entry, hit);
  }
  return hit;
}
