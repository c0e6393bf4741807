/**
 * Reads a lockfile (the project's, or one a package manager planned) into an Inventory. npm's
 * lockfiles, the common case and the one a warm `npm install` reads, load only npm's extractor; the
 * others go through the registry of every format.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Inventory } from '../../core/types.js';
import { extractFile } from '../../inventory/read-input.js';
import { InventoryBuilder } from '../../inventory/builder.js';
import { extractPackagesMap } from '../../inventory/package-lock-v2.js';
import { EMPTY_INVENTORY } from './plan-types.js';

export async function readLockInventory(file: string | undefined): Promise<Inventory> {
  if (!file) return EMPTY_INVENTORY;
  const name = basename(file);
  if (name === 'package-lock.json' || name === 'npm-shrinkwrap.json') {
    const npm = await import('../../inventory/package-lock.js');
    return extractFile(name === 'package-lock.json' ? npm.packageLockExtractor : npm.npmShrinkwrapExtractor, file, name);
  }
  const { loadInventory } = await import('../../inventory/registry.js');
  return (await loadInventory(file, {}, { compare: false })).inventory;
}

/** What planning reads of a lockfile is what is locked, not on which line. */
const NO_LINES = { lineOf: () => undefined, duplicates: [] };

/**
 * A v2/v3 npm lockfile already parsed, read by npm's extractor without line positions: a guarded
 * install reads the whole lockfile on every run, and finding lines costs more than the rest. v1
 * lockfiles (undefined here) go through readLockInventory.
 */
export function parsedLockInventory(file: string, lock: Record<string, unknown>): Inventory | undefined {
  const packages = lock.packages;
  if (!packages || typeof packages !== 'object' || Array.isArray(packages)) return undefined;
  if (lock.lockfileVersion !== 2 && lock.lockfileVersion !== 3) return undefined;
  const name = basename(file);
  const b = new InventoryBuilder({ file: name, format: `${name} v${lock.lockfileVersion}` });
  return extractPackagesMap(lock, packages as Record<string, unknown>, NO_LINES, b, name);
}

/** The lockfile (or package.json) as JSON, or undefined when it cannot be read or parsed. */
export function readJsonFile(file: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
