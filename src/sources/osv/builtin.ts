/**
 * The built-in advisory set shipped in `data/advisories/` (OSV JSON written from public facts), so
 * the reference incidents (xz, hijacked npm releases) are matched offline out of the box.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPath } from '../../core/package-root.js';
import { VigilError } from '../../core/errors.js';
import type { Advisory } from './model.js';
import { addJsonText, emptyOutcome } from './read.js';

/** `src/sources/osv` and `dist/sources/osv` are both three levels below the package root. */
export const BUILTIN_ADVISORY_DIR = dataPath('advisories');

let cached: Advisory[] | undefined;

export function builtinAdvisories(dir = BUILTIN_ADVISORY_DIR): Advisory[] {
  if (dir === BUILTIN_ADVISORY_DIR && cached) return cached;
  const out = emptyOutcome();
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    addJsonText(out, readFileSync(join(dir, name), 'utf8'), { file: `builtin:${name}` });
  }
  if (out.problems.length > 0) {
    throw new VigilError('E_INTERNAL', `built-in advisory set is invalid: ${out.problems[0]!.message}`, { file: out.problems[0]!.file });
  }
  if (dir === BUILTIN_ADVISORY_DIR) cached = out.advisories;
  return out.advisories;
}
