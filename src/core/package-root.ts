/**
 * Where vigil's own files are, found once from the running code: the package root (the first folder
 * up that holds package.json) and the code root (src/ running from source, dist/ when built). A
 * module's own URL says no more than which file it was loaded from — and the bundled CLI
 * (dist/bundle/, scripts/bundle-cli.mjs) puts many modules in one file — so data folders and worker
 * scripts are located from here, never relative to the module asking.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(import.meta.url);

function packageRoot(from: string): string {
  for (let d = from; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (dirname(d) === d) throw new Error(`vigil: no package.json above ${from}: the installation is incomplete`);
  }
}

export const PACKAGE_ROOT = packageRoot(dirname(here));
/** True under tsx (tests, development): modules are .ts files under src/. */
export const FROM_SOURCE = here.endsWith('.ts');
/** src/ from source, dist/ when built (the bundle included: it is built from dist/). */
export const CODE_ROOT = join(PACKAGE_ROOT, FROM_SOURCE ? 'src' : 'dist');

/** A folder or file under data/. */
export const dataPath = (...parts: string[]): string => join(PACKAGE_ROOT, 'data', ...parts);

/** The file URL of one of vigil's modules by its path under src/ without extension (`analyzers/content/pool-worker`): what a worker thread loads. */
export const moduleUrl = (path: string): URL => pathToFileURL(join(CODE_ROOT, `${path}${FROM_SOURCE ? '.ts' : '.js'}`));
