/**
 * Reads a lockfile (the project's, or one a package manager planned) into an Inventory. npm's
 * lockfiles, the common case and the one a warm `npm install` reads, load only npm's extractor; the
 * others go through the registry of every format.
 */
import { basename } from 'node:path';
import type { Inventory } from '../../core/types.js';
import { extractFile } from '../../inventory/read-input.js';
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
