/**
 * The supply-chain folder of a project (`supply-chain/` next to the lockfile, like cargo-vet's):
 *   audits.toml   this project's own audits (what `vigil audit record` writes; what others import)
 *   config.toml   policy, imports (pinned by sha256) and exemptions
 *   imports.lock  the fetched audits of each import, as fetched by `vigil audit fetch`
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAuditSet, parseExemptions, parseImports, parsePolicy } from './parse.js';
import { readTomlFile, writeTomlFile, type TomlTable } from './toml-io.js';
import { auditSetTable } from './serialize.js';
import type { AuditSet, SupplyChain } from './types.js';
import { VigilError } from '../core/errors.js';

import { SUPPLY_CHAIN_DIR, supplyChainDir } from './location.js';

export { SUPPLY_CHAIN_DIR, supplyChainDir };
export const AUDITS_FILE = 'audits.toml';
export const CONFIG_FILE = 'config.toml';
export const IMPORTS_LOCK = 'imports.lock';

const AUDITS_HEADER =
  "# Audits of this project's dependencies, recorded with `vigil audit record` / `vigil audit delta`.\n# Format: docs/audits.md. Others may import this file.";
const LOCK_HEADER = '# Imported audits, fetched by `vigil audit fetch`; each pinned by the sha256 in config.toml. Do not edit.';

function isTable(v: unknown): v is TomlTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function loadSupplyChain(dir: string): SupplyChain {
  const auditsPath = join(dir, AUDITS_FILE);
  const configPath = join(dir, CONFIG_FILE);
  const lockPath = join(dir, IMPORTS_LOCK);
  const audits = readTomlFile(auditsPath) ?? {};
  const config = readTomlFile(configPath) ?? {};
  for (const k of Object.keys(config)) {
    if (!['policy', 'imports', 'exemptions'].includes(k))
      throw new VigilError('E_CONFIG', `unknown key "${k}" (allowed: policy, imports, exemptions)`, { file: configPath });
  }
  const imports = parseImports(config['imports'], configPath);
  const imported = new Map<string, AuditSet>();
  const lock = readTomlFile(lockPath) ?? {};
  const lockImports = isTable(lock['imports']) ? lock['imports'] : {};
  for (const spec of imports) {
    const entry = lockImports[spec.name];
    if (!isTable(entry) || !isTable(entry['audits'])) continue;
    imported.set(spec.name, parseAuditSet(entry['audits'], `${lockPath} (imports.${spec.name})`, spec.name));
  }
  return {
    dir,
    policy: parsePolicy(config['policy'], configPath),
    local: parseAuditSet(audits, auditsPath, 'local'),
    exemptions: parseExemptions(config['exemptions'], configPath),
    imports,
    imported,
  };
}

export function saveLocalAudits(dir: string, set: AuditSet): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, AUDITS_FILE);
  writeTomlFile(file, AUDITS_HEADER, auditSetTable(set));
  return file;
}

export interface LockedImport {
  url: string;
  sha256: string;
  fetched: string;
  set: AuditSet;
}

export function saveImportsLock(dir: string, locked: Map<string, LockedImport>): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, IMPORTS_LOCK);
  const imports: TomlTable = {};
  for (const name of [...locked.keys()].sort()) {
    const l = locked.get(name)!;
    imports[name] = { url: l.url, sha256: l.sha256, fetched: l.fetched, audits: auditSetTable(l.set) };
  }
  writeTomlFile(file, LOCK_HEADER, { imports });
  return file;
}
