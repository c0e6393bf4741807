/**
 * Content hashes of vigil's own code, so that a cached analysis is keyed by the code and rules that
 * produced it (principle 13): an upgraded vigil never serves findings of an older rule set, whatever
 * the version strings say. `npm run build` writes the hash of every source folder to
 * dist/code-hashes.json (scripts/code-hashes.mjs); running from source (tsx), the same hashes are
 * computed from the .ts files on first use. A path names a folder or file relative to src/
 * (`analyzers/content`) or, with a leading `../`, to the package root (`../data/m4-catalogue`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CODE_ROOT } from './package-root.js';
export const CODE_HASHES_FILE = 'code-hashes.json';

const IGNORED = /(\.test\.ts|\.map|\.d\.ts)$/;

function files(path: string, out: string[]): string[] {
  if (!existsSync(path)) return out;
  if (!statSync(path).isDirectory()) {
    if (!IGNORED.test(path)) out.push(path);
    return out;
  }
  for (const name of readdirSync(path).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    files(join(path, name), out);
  }
  return out;
}

/** sha256 (hex, 16 chars) over the relative paths and bytes of every file under `path`. */
export function hashTree(path: string): string {
  const h = createHash('sha256');
  for (const f of files(path, [])) {
    h.update(relative(path, f).split(sep).join('/')).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/** Every folder under `srcRoot` (and each given extra path under the package root) → its hash. */
export function computeCodeHashes(srcRoot: string, extra: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string) => {
    out[relative(srcRoot, dir).split(sep).join('/')] = hashTree(dir);
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (!IGNORED.test(name)) out[relative(srcRoot, p).split(sep).join('/')] = hashTree(p);
    }
  };
  visit(srcRoot);
  for (const e of extra) out[e] = hashTree(join(srcRoot, e));
  return out;
}

let built: Record<string, string> | undefined | null = null;

function builtHashes(): Record<string, string> | undefined {
  if (built === null) {
    const file = join(CODE_ROOT, CODE_HASHES_FILE);
    built = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : undefined;
  }
  return built;
}

const live = new Map<string, string>();

/**
 * One hash over the given code paths (relative to src/). Throws when a path is unknown: an analyzer
 * that names code which does not exist would otherwise cache forever.
 */
export function codeHash(paths: readonly string[], root: string = CODE_ROOT): string {
  const table = root === CODE_ROOT ? builtHashes() : undefined;
  const h = createHash('sha256');
  for (const p of [...paths].sort()) {
    let one = table?.[p];
    if (one === undefined) {
      const key = `${root}|${p}`;
      one = live.get(key);
      if (one === undefined) {
        if (!existsSync(join(root, p))) throw new Error(`codeHash: no code at ${p} under ${root}`);
        one = hashTree(join(root, p));
        if (root === CODE_ROOT) live.set(key, one);
      }
    }
    h.update(p).update('=').update(one).update('\n');
  }
  return h.digest('hex').slice(0, 16);
}
