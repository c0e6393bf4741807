/**
 * Payloads hidden in a large minified bundle (test/fixtures/hidden-in-bundle/<case>/payload.js):
 * each payload is bundled by esbuild, minified, together with ordinary libraries from vigil's own
 * node_modules, as one CommonJS bundle of more than 1 MiB with the payload module in the middle
 * (the way a compromised dependency ends up inside a vendored bundle), and served as
 * `dist/index.min.js`, the `main` of a package. The control is the same bundle without a payload.
 * Nothing is executed: the bundle is only read by the content analyzer.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { PackageFiles } from '../../src/sources/archive/types.js';
import { ROOT } from './corpus.js';

export const HIDDEN_IN_BUNDLE = join(ROOT, 'test', 'fixtures', 'hidden-in-bundle');

/** Ordinary libraries around the payload: before it, then after it (about 1.2 MiB minified). */
const BEFORE = ['undici', 'yaml', 'pg', 'semver'];
const AFTER = ['acorn-loose', 'meriyah', 'tar-stream', 'yauzl', 'piscina', 'npm-package-arg'];

export interface HiddenCase {
  name: string;
  /** The technique family, from SOURCE.md (`Family: …`). */
  family: string;
  dir: string;
}

export function hiddenCases(): HiddenCase[] {
  return readdirSync(HIDDEN_IN_BUNDLE)
    .filter((d) => statSync(join(HIDDEN_IN_BUNDLE, d)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(HIDDEN_IN_BUNDLE, name);
      const src = readFileSync(join(dir, 'SOURCE.md'), 'utf8');
      return { name, dir, family: /^Family:\s*(\S+)/m.exec(src)?.[1] ?? 'unknown' };
    });
}

/** The minified bundle: the host libraries, with `payloadDir/payload.js` in the middle when given. */
export function hiddenBundle(payloadDir?: string): string {
  const req = (m: string): string => `require(${JSON.stringify(m)})`;
  const mods = [...BEFORE.map(req), ...(payloadDir ? [req('./payload.js')] : []), ...AFTER.map(req)];
  const out = buildSync({
    stdin: { contents: `module.exports = [${mods.join(', ')}];\n`, resolveDir: payloadDir ?? ROOT, loader: 'js' },
    nodePaths: [join(ROOT, 'node_modules')],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

/** A package whose main is the bundle (the payload case's, or the control's without `payloadDir`). */
export function hiddenPackage(name: string, bundle: string): PackageFiles {
  const manifest = Buffer.from(JSON.stringify({ name, version: '1.0.0', main: 'dist/index.min.js' }, null, 2));
  const code = Buffer.from(bundle);
  const file = (path: string, data: Buffer) => ({ path, size: data.length, mode: 0o644, data });
  return {
    origin: `${name}@1.0.0`,
    files: [file('package.json', manifest), file('dist/index.min.js', code)],
    skipped: [],
    totalSize: manifest.length + code.length,
  };
}
