/**
 * The explicit list of extractors, in detection priority order, and `loadInventory`: the one entry
 * point from a directory or a file to a normalized Inventory, saying which input was used and why,
 * which were not, and whether those others disagree with it.
 */
import { statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { VigilError } from '../core/errors.js';
import type { Inventory } from '../core/types.js';
import { diffInventories, diffIsEmpty, describeDiff } from './compare.js';
import { bunLockbExtractor, bunLockExtractor } from './bun-lock.js';
import { cyclonedxExtractor } from './cyclonedx.js';
import { detectFile, findCandidates, type Candidate } from './detect.js';
import { dpkgStatusExtractor } from './dpkg-status.js';
import { npmShrinkwrapExtractor, packageLockExtractor } from './package-lock.js';
import { packageJsonExtractor } from './package-json.js';
import { pnpmLockExtractor } from './pnpm-lock.js';
import { spdxExtractor } from './spdx.js';
import type { ExtractContext, Extractor } from './types.js';
import { extractFile } from './read-input.js';
import { yarnBerryExtractor } from './yarn-berry.js';
import { yarnClassicExtractor } from './yarn-classic.js';

/**
 * Priority: npm-shrinkwrap > package-lock > pnpm-lock > yarn.lock > bun.lock > SBOM > package.json > dpkg status.
 * bun.lockb ranks above package.json so a project locked only by it is refused with how to write
 * bun.lock, rather than scanned from versions guessed from package.json ranges.
 */
export const EXTRACTORS: readonly Extractor[] = [
  npmShrinkwrapExtractor,
  packageLockExtractor,
  pnpmLockExtractor,
  yarnBerryExtractor,
  yarnClassicExtractor,
  bunLockExtractor,
  bunLockbExtractor,
  cyclonedxExtractor,
  spdxExtractor,
  packageJsonExtractor,
  dpkgStatusExtractor,
];

const PRIORITY_TEXT = 'npm-shrinkwrap.json > package-lock.json > pnpm-lock.yaml > yarn.lock > bun.lock > SBOM > package.json';
export const SUPPORTED_HINT =
  'vigil reads npm-shrinkwrap.json, package-lock.json (v1–v3), pnpm-lock.yaml (6.x, 9.x), yarn.lock (classic and Berry), bun.lock, ' +
  'CycloneDX JSON (bom.json, sbom.json, *.cdx.json) and SPDX 2.3 JSON (sbom.json, *.spdx.json) SBOMs, a bare package.json, or a dpkg status file. ' +
  'Pass a directory containing one of them or the file itself.';

/** Inputs that describe the project beside a lockfile rather than compete with it. */
const COMPANIONS = new Set(['package-json', 'dpkg-status', 'bun-lockb']);

export interface LoadedInventory {
  inventory: Inventory;
  chosen: { file: string; format: string; extractor: string; reason: string };
  /** Other inputs found and not used, with why (and how they disagree, when they do). */
  ignored: { file: string; format: string; reason: string; disagrees?: boolean }[];
}

export interface LoadOptions {
  /** Also read the other lockfiles found to report disagreements (default true). */
  compare?: boolean;
}

export async function loadInventory(pathOrFile: string, ctx: ExtractContext = {}, opts: LoadOptions = {}): Promise<LoadedInventory> {
  const abs = resolve(pathOrFile);
  let isDir: boolean;
  try {
    isDir = statSync(abs).isDirectory();
  } catch (cause) {
    if (cause instanceof VigilError) throw cause;
    throw new VigilError('E_INPUT_NOT_FOUND', 'no such file or directory', { file: pathOrFile, cause, hint: SUPPORTED_HINT });
  }

  if (!isDir) {
    const ex = detectFile(abs, EXTRACTORS);
    if (!ex)
      throw new VigilError('E_NO_INVENTORY', 'not a lockfile, SBOM or manifest vigil recognizes', {
        file: pathOrFile,
        hint: SUPPORTED_HINT,
      });
    const cand: Candidate = { path: abs, displayPath: basename(abs), extractor: ex };
    const inventory = await runExtractor(cand, ctx);
    return {
      inventory,
      chosen: { file: cand.displayPath, format: inventory.sources[0]?.format ?? ex.format, extractor: ex.id, reason: 'given explicitly' },
      ignored: [],
    };
  }

  const all = findCandidates(abs, EXTRACTORS);
  if (all.length === 0) {
    throw new VigilError('E_NO_INVENTORY', 'no lockfile, SBOM or package.json found in this directory', {
      file: pathOrFile,
      hint: SUPPORTED_HINT,
    });
  }
  const chosen = all[0]!;
  const rivals = all.slice(1).filter((c) => !COMPANIONS.has(c.extractor.id));
  const inventory = await runExtractor(chosen, ctx);
  const reason =
    rivals.length === 0
      ? all.length > 1 && COMPANIONS.has(all[1]!.extractor.id)
        ? 'the only lockfile or SBOM found'
        : 'the only input found'
      : `highest priority of the inputs found: ${PRIORITY_TEXT}`;

  const ignored: LoadedInventory['ignored'] = [];
  const disagreements: string[] = [];
  for (const r of rivals) {
    let why = `not used: ${chosen.displayPath} has priority (${PRIORITY_TEXT})`;
    let disagrees: boolean | undefined;
    if (opts.compare !== false) {
      try {
        const other = await runExtractor(r, {});
        const d = diffInventories(inventory, other);
        disagrees = !diffIsEmpty(d);
        if (disagrees) {
          const text = `${r.displayPath} disagrees with ${chosen.displayPath}: ${describeDiff(d, chosen.displayPath, r.displayPath)}`;
          disagreements.push(text);
          why += `; ${text}`;
        } else why += `; it lists the same packages and versions`;
      } catch (e) {
        why += `; it could not be read either: ${e instanceof VigilError ? e.where() : (e as Error).message}`;
      }
    }
    ignored.push({ file: r.displayPath, format: r.extractor.format, reason: why, ...(disagrees === undefined ? {} : { disagrees }) });
  }

  const src = inventory.sources[0];
  if (src && chosen.extractor.id === 'package-json') {
    const up = lockfileAbove(abs);
    if (up) src.note = `${src.note ?? ''}; a lockfile exists above this folder (${up}): scan that directory for locked versions`;
  }
  if (src && rivals.length > 0) {
    const used = `used ${chosen.displayPath} (${reason}); also found ${rivals.map((r) => r.displayPath).join(', ')}`;
    const notes = [src.note, used, ...disagreements].filter(Boolean);
    src.note = notes.join('. ');
  }
  return {
    inventory,
    chosen: { file: chosen.displayPath, format: src?.format ?? chosen.extractor.format, extractor: chosen.extractor.id, reason },
    ignored,
  };
}

/** Lockfiles of the largest monorepos are tens of MB; beyond this the input is not a lockfile. */
export { MAX_INPUT_BYTES } from './read-input.js';

function runExtractor(c: Candidate, ctx: ExtractContext): Promise<Inventory> {
  return extractFile(c.extractor, c.path, c.displayPath, ctx);
}

const LOCKFILES = ['npm-shrinkwrap.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'];

/** A lockfile in a parent folder (a workspace member scanned on its own), as a relative path. */
function lockfileAbove(dir: string): string | undefined {
  let d = dir;
  for (let i = 0; i < 6; i++) {
    const parent = dirname(d);
    if (parent === d) return undefined;
    d = parent;
    for (const f of LOCKFILES) {
      try {
        if (statSync(join(d, f)).isFile()) return relative(dir, join(d, f));
      } catch {
        // not there
      }
    }
  }
  return undefined;
}

/** The project directory an input belongs to (for callers that need it, e.g. .npmrc lookup). */
export function projectDirOf(pathOrFile: string): string {
  const abs = resolve(pathOrFile);
  try {
    return statSync(abs).isDirectory() ? abs : dirname(abs);
  } catch {
    return dirname(abs);
  }
}
