/** Where a project keeps its audits: a constant and a path, importable without the TOML and audit machinery. */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const SUPPLY_CHAIN_DIR = 'supply-chain';

/** The supply-chain folder for a project path (a directory or a lockfile in it). */
export function supplyChainDir(project: string): string {
  const p = resolve(project);
  const dir = existsSync(p) && !statSync(p).isDirectory() ? dirname(p) : p;
  return join(dir, SUPPLY_CHAIN_DIR);
}
