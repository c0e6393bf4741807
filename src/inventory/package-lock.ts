/**
 * Extractors for npm's lockfiles: package-lock.json and npm-shrinkwrap.json, lockfileVersion 1, 2, 3.
 * v2 carries both layouts; the `packages` map is read (it is the complete one).
 */
import { dirname } from 'node:path';
import { VigilError } from '../core/errors.js';
import type { Inventory } from '../core/types.js';
import { InventoryBuilder } from './builder.js';
import { duplicateKeyProblems, isRecord, parseJsonInput } from './json-input.js';
import { readManifest } from './manifest.js';
import { extractNestedV1 } from './package-lock-v1.js';
import { extractPackagesMap } from './package-lock-v2.js';
import type { ExtractInput, Extractor } from './types.js';

function extractNpmLock(input: ExtractInput, kind: string): Inventory {
  const file = input.displayPath;
  // Lines are read for `packages[key]` (v2, v3) and every level of v1's nested `dependencies`.
  const { value, lines } = parseJsonInput(input.text, file, 'E_LOCKFILE_PARSE', kind, { maxPathLength: 2, deepUnder: ['dependencies'] });
  if (!isRecord(value)) throw new VigilError('E_LOCKFILE_PARSE', `${kind} is not a JSON object`, { file, line: 1 });
  const v = value.lockfileVersion;
  const hasPackages = isRecord(value.packages);
  const hasDeps = isRecord(value.dependencies);
  if (v !== undefined && v !== 1 && v !== 2 && v !== 3) {
    throw new VigilError('E_LOCKFILE_PARSE', `unsupported lockfileVersion ${JSON.stringify(v)} (vigil reads 1, 2 and 3)`, {
      file,
      line: lines.lineOf(['lockfileVersion']) ?? 1,
      hint: 'Regenerate the lockfile with a current npm, or file an issue with the npm version that wrote it.',
    });
  }
  if (!hasPackages && !hasDeps && v === undefined) {
    throw new VigilError('E_LOCKFILE_PARSE', `${kind} has neither "lockfileVersion", "packages" nor "dependencies"`, { file, line: 1 });
  }
  const version = v === undefined ? (hasPackages ? 3 : 1) : v;
  const b = new InventoryBuilder({ file, format: `${kind} v${version}` });
  for (const p of duplicateKeyProblems(lines, file, 'E_LOCKFILE_PARSE')) b.problem(p);
  if (version >= 2 && hasPackages) return extractPackagesMap(value, value.packages as Record<string, unknown>, lines, b, file);
  if (version >= 2) {
    b.problem({
      code: 'E_LOCKFILE_PARSE',
      message: `lockfileVersion ${version} without a "packages" map; reading the v1 "dependencies" layout`,
      file,
      line: lines.lineOf(['lockfileVersion']),
    });
  }
  let manifest;
  try {
    manifest = readManifest(dirname(input.path));
  } catch (e) {
    b.problem({
      code: 'E_MANIFEST_PARSE',
      message: `package.json beside the lockfile could not be read: ${(e as Error).message}`,
      file: 'package.json',
    });
  }
  return extractNestedV1(value, lines, b, file, manifest);
}

const base = (fileName: string, id: string, kind: string): Extractor => ({
  id,
  format: `${kind} (lockfileVersion 1, 2, 3)`,
  fileNames: [fileName],
  detect: (path) => path.endsWith(fileName),
  extract: (input) => extractNpmLock(input, kind),
});

export const npmShrinkwrapExtractor = base('npm-shrinkwrap.json', 'npm-shrinkwrap', 'npm-shrinkwrap.json');
export const packageLockExtractor = base('package-lock.json', 'package-lock', 'package-lock.json');
