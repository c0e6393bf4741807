/**
 * npm artifact vs source: does the package have a build step that could produce files absent from
 * git, and what an unexplained code file looks like. A minified, encoded or indirectly loaded file
 * that no build step explains is code nobody reviewed (flatmap-stream 0.1.1's `index.min.js` and
 * encrypted `test/data.js`).
 */
import type { PackageFile } from '../../sources/archive/types.js';

/** Lifecycle and conventional script names that build or bundle before publishing. */
const BUILD_SCRIPTS =
  /^(?:build(?::.*)?|compile|dist|bundle|prepare|prepublish|prepublishOnly|prepack|transpile|babel|tsc|rollup|webpack)$/;
/** Build configuration files in the repository (any folder level of the package root). */
const BUILD_CONFIG =
  /^(?:tsconfig(?:\.[\w-]+)?\.json|(?:rollup|webpack|vite|esbuild|tsup|babel|swc|parcel|gulp|grunt)[\w.-]*\.(?:js|mjs|cjs|ts|json)|\.babelrc(?:\.\w+)?|\.swcrc|gulpfile\.\w+|Gruntfile\.\w+|Makefile|build\.(?:js|mjs|cjs|ts|sh))$/i;

export function hasBuildStep(scripts: Record<string, unknown>, repoPaths: Iterable<string>, repoPrefix: string): boolean {
  if (Object.keys(scripts).some((k) => BUILD_SCRIPTS.test(k))) return true;
  for (const p of repoPaths) {
    if (!p.startsWith(repoPrefix)) continue;
    const rel = p.slice(repoPrefix.length);
    if (!rel.includes('/') && BUILD_CONFIG.test(rel)) return true;
  }
  return false;
}

export type CodeTrait = 'minified' | 'encoded' | 'loaded-indirectly';

const JS = /\.(?:js|mjs|cjs)$/;
const ENCODED = /[A-Za-z0-9+/=]{400,}|(?:[0-9a-fA-F]{2}){200,}|(?:\\x[0-9a-fA-F]{2}){60,}/;

/**
 * What makes an unexplained code file executable-and-hidden: minified (very long lines), carrying
 * an encoded blob, or loaded by other code in the package through a relative require/import while
 * not being one of its entry points.
 */
export function codeTraits(file: PackageFile, all: Map<string, PackageFile>, entryPoints: string[]): CodeTrait[] {
  const body = file.data?.toString('latin1') ?? '';
  const out: CodeTrait[] = [];
  const lines = body.split('\n');
  const longest = lines.reduce((m, l) => Math.max(m, l.length), 0);
  if (JS.test(file.path) && (longest >= 1000 || (body.length >= 2000 && body.length / lines.length >= 300))) out.push('minified');
  if (ENCODED.test(body)) out.push('encoded');
  const norm = (p: string) => p.replace(/^\.\//, '');
  if (!entryPoints.some((e) => norm(e) === file.path)) {
    const stem = file.path.replace(JS, '');
    for (const [p, other] of all) {
      if (p === file.path || !JS.test(p) || !other.data) continue;
      if (referencesPath(other.data.toString('latin1'), p, stem)) {
        out.push('loaded-indirectly');
        break;
      }
    }
  }
  return out;
}

/** `text` (the file at `from`) requires or imports `./stem` relative to its own folder. */
function referencesPath(text: string, from: string, stem: string): boolean {
  const fromDir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
  if (!stem.startsWith(fromDir)) return false;
  const rel = stem.slice(fromDir.length);
  const esc = rel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:require\\s*\\(|import\\s*\\(|from\\s*)\\s*["'\`]\\./${esc}(?:\\.[cm]?js)?["'\`]`).test(text);
}
