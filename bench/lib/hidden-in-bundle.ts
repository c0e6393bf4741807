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
import { build, buildSync } from 'esbuild';
import type { PackageFiles } from '../../src/sources/archive/types.js';
import { ROOT } from './corpus.js';

export const HIDDEN_IN_BUNDLE = join(ROOT, 'test', 'fixtures', 'hidden-in-bundle');

/**
 * Ordinary libraries around the payload, before it and after it. `libraries`: about 1.2 MiB minified,
 * network and archive code among them. `lean`: two parsers, about 270 KiB, with no decoding
 * or code-loading token of their own (a bundle that gives no reason to read it closely but the payload).
 */
const HOSTS = {
  libraries: {
    before: ['undici', 'yaml', 'pg', 'semver'],
    after: ['acorn-loose', 'meriyah', 'tar-stream', 'yauzl', 'piscina', 'npm-package-arg'],
  },
  lean: { before: ['meriyah'], after: ['acorn-loose'] },
} as const;
export type HiddenHost = keyof typeof HOSTS;

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

/**
 * The minified bundle: the host libraries, with `payloadDir/payload.js` in the middle when given.
 * `esm`: an ES module, as esbuild emits for a package published as ESM; its code loads Node's
 * built-ins through a loader shim esbuild adds (`var de = ((x) => typeof require …)`, minified),
 * not through a call of `require`.
 */
export function hiddenBundle(payloadDir?: string, format: 'cjs' | 'esm' = 'cjs', host: HiddenHost = 'libraries'): string {
  const req = (m: string): string => `require(${JSON.stringify(m)})`;
  const { before, after } = HOSTS[host];
  const mods = [...before.map(req), ...(payloadDir ? [req('./payload.js')] : []), ...after.map(req)];
  const exported = format === 'esm' ? 'export default' : 'module.exports =';
  const out = buildSync({
    stdin: { contents: `${exported} [${mods.join(', ')}];\n`, resolveDir: payloadDir ?? ROOT, loader: 'js' },
    nodePaths: [join(ROOT, 'node_modules')],
    bundle: true,
    minify: true,
    platform: 'node',
    format,
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

/**
 * A corpus sample's JavaScript files bundled, in path order, in the middle of the lean host as an
 * ES module (the way a compromised dependency ends up inside a vendored bundle); modules the sample
 * names from npm stay imports. Undefined when the sample has no JavaScript file (its payload is a
 * shell script or a manifest entry). Nothing is executed: esbuild only reads the files.
 */
export async function corpusBundle(sampleDir: string): Promise<string | undefined> {
  const files = readdirSync(sampleDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(c|m)?js$/.test(f) && !f.includes('node_modules') && statSync(join(sampleDir, f)).isFile())
    .sort();
  if (files.length === 0) return undefined;
  const { before, after } = HOSTS.lean;
  const hostLibs = new Set<string>([...before, ...after]);
  const mods = [...before, ...files.map((f) => `./${f}`), ...after].map((m) => `require(${JSON.stringify(m)})`);
  const out = await build({
    stdin: { contents: `export default [${mods.join(', ')}];\n`, resolveDir: sampleDir, loader: 'js' },
    nodePaths: [join(ROOT, 'node_modules')],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'sample-imports-stay-imports',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (a) => (hostLibs.has(a.path) ? undefined : { path: a.path, external: true }));
        },
      },
    ],
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
