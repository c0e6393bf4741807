/**
 * The `affected` pipeline: which project or host has an affected version of an advisory, through
 * which path, the nearest safe versions and the exact fix. `advisory` is any id or alias known to the
 * built-in or stored set, or an OSV JSON file (e.g. a fresh incident record).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ScanResult } from '../core/result.js';
import { VigilError, toProblem } from '../core/errors.js';
import type { Problem } from '../core/types.js';
import { readFile } from 'node:fs/promises';
import { openStore } from '../store/open.js';
import { loadRegistryConfig } from '../sources/npm/config.js';
import { createNpmClient } from '../sources/npm/client.js';
import { loadAdvisoryDb } from '../sources/osv/load.js';
import { readOsvPath } from '../sources/osv/read.js';
import { AdvisoryDb } from '../sources/osv/db.js';
import type { Advisory } from '../sources/osv/model.js';
import { collectInventories } from '../analyzers/advisories/collect.js';
import { findAffected } from '../analyzers/advisories/affected.js';
import { buildAffectedResult } from './affected-result.js';
import {
  debArchiveCatalog,
  debianIndexCatalog,
  mapCatalog,
  packumentCatalog,
  type VersionCatalog,
} from '../analyzers/advisories/catalog.js';
import { DebArchiveClient } from '../sources/debian/archive-client.js';
import { SUPPORTED_HINT } from '../inventory/registry.js';
import { loadArchiveData, selectSuites } from '../sources/debian/archive-data.js';
import { packageKey } from '../sources/osv/db.js';
import type { ProxySettings } from '../sources/net/guarded-fetch.js';

export interface AffectedOptions {
  /** Advisory id or alias, or the path of an OSV JSON file. */
  advisory: string;
  /** Lockfiles, SBOMs, dpkg status files or folders to check (default: the working directory). */
  inventories: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  store?: string;
  offline?: boolean;
  registry?: string;
  /** Debian Packages / Sources index files listing the versions that exist. */
  indexes?: string[];
  /** npm packument JSON files listing the versions that exist. */
  packuments?: string[];
  mirror?: string;
  suites?: string[];
  keyring?: string;
  arch?: string;
  /** Hosts redirects may go to besides the one asked (--allow-host). */
  allowHosts?: readonly string[];
  /** The run's network deadline (--timeout), epoch ms. */
  deadlineAt?: number;
  /** The proxy of the user's npm configuration. */
  proxy?: ProxySettings;
}

export async function affected(o: AffectedOptions): Promise<ScanResult> {
  const idOrFile = o.advisory;
  const invArgs = o.inventories;
  const offline = o.offline === true;
  const problems: Problem[] = [];
  const store = openStore({ path: o.store });
  try {
    const extra: Advisory[] = [];
    let wanted = idOrFile;
    const asFile = resolve(o.cwd, idOrFile);
    if (!existsSync(asFile) && looksLikePath(idOrFile)) {
      throw new VigilError('E_INPUT_NOT_FOUND', 'no such OSV file', {
        file: idOrFile,
        hint: 'give an advisory id (CVE-..., GHSA-..., MAL-...) or an existing OSV JSON file',
      });
    }
    if (existsSync(asFile)) {
      const read = await readOsvPath(asFile);
      problems.push(...read.problems);
      if (read.advisories.length === 0) throw new VigilError('E_UNSUPPORTED', `${idOrFile}: no usable OSV record`, { file: idOrFile });
      extra.push(...read.advisories);
      wanted = read.advisories[0]!.id;
    }
    const given = new Set(extra.map((a) => a.id));
    const db = new AdvisoryDb([
      ...loadAdvisoryDb(store)
        .all()
        .filter((a) => !given.has(a.id)),
      ...extra,
    ]);
    const group = db.group(wanted);
    if (!group) {
      const w = db.byId.get(wanted)?.withdrawn;
      throw new VigilError('E_USAGE', w ? `${wanted} was withdrawn on ${w}` : `unknown advisory ${wanted}`, {
        hint: w ? undefined : 'import it first: `vigil advisories update --from PATH|URL`, or pass an OSV JSON file',
      });
    }
    const collected = await collectInventories(invArgs.length ? invArgs : ['.'], { cwd: o.cwd });
    problems.push(...collected.problems);
    if (collected.targets.length === 0) {
      throw new VigilError('E_NO_INVENTORY', `no lockfile, SBOM or dpkg status file found in ${invArgs.join(', ') || o.cwd}`, {
        hint: SUPPORTED_HINT,
      });
    }
    const catalogs: VersionCatalog[] = [];
    const indexes = o.indexes ?? [];
    if (indexes.length) catalogs.push(debianIndexCatalog(await Promise.all(indexes.map((f) => readFile(resolve(o.cwd, f), 'utf8')))));
    const packuments = o.packuments ?? [];
    if (packuments.length)
      catalogs.push(
        packumentCatalog(await Promise.all(packuments.map(async (f) => JSON.parse(await readFile(resolve(o.cwd, f), 'utf8')) as unknown))),
      );
    let outcome = findAffected(db, group, collected.targets, catalogs);
    const debNames = outcome.table.rows.filter((r) => r.ecosystem === 'deb');
    if (debNames.length > 0 && (o.mirror || o.suites?.length)) {
      const arch = await archiveCatalog(
        store,
        {
          mirror: o.mirror,
          suites: o.suites ?? [],
          keyring: o.keyring,
          allowHosts: o.allowHosts,
          deadlineAt: o.deadlineAt,
          proxy: o.proxy,
          arch: o.arch ?? 'amd64',
          offline,
          binaries: new Set(debNames.map((r) => r.package)),
          sources: new Set(debNames.map((r) => r.matchedAs.split(' ')[0]!)),
        },
        problems,
      );
      if (arch) {
        catalogs.unshift(arch);
        outcome = findAffected(db, group, collected.targets, catalogs);
      }
    }
    const npmNames = [...new Set(outcome.table.rows.filter((r) => r.ecosystem === 'npm').map((r) => r.package))];
    if (npmNames.length > 0) {
      const reg = await registryCatalog(npmNames, { cwd: o.cwd, env: o.env, store, offline, registry: o.registry }, problems);
      if (reg) outcome = findAffected(db, group, collected.targets, [reg, ...catalogs]);
    }
    return buildAffectedResult(outcome, collected.targets, problems, { target: invArgs.join(' ') || '.', offline });
  } finally {
    store.close();
  }
}

/** Versions from the Debian archive (Packages indexes of the given suites; cached in the store). */
async function archiveCatalog(
  store: ReturnType<typeof openStore>,
  o: {
    mirror?: string;
    suites: string[];
    keyring?: string;
    arch: string;
    offline: boolean;
    binaries: Set<string>;
    sources: Set<string>;
    allowHosts?: readonly string[];
    deadlineAt?: number;
    proxy?: ProxySettings;
  },
  problems: Problem[],
): Promise<VersionCatalog | undefined> {
  try {
    const suites = selectSuites([], { mirror: o.mirror, suites: o.suites });
    if (suites.length === 0) {
      problems.push({ code: 'E_USAGE', message: '--mirror needs --suite (and --suite needs --mirror): no Debian archive read' });
      return undefined;
    }
    const client = new DebArchiveClient({
      store,
      keyring: o.keyring,
      offline: o.offline,
      allowHosts: o.allowHosts,
      deadlineAt: o.deadlineAt,
      proxy: o.proxy,
    });
    const data = await loadArchiveData(client, store, suites, {
      arches: [o.arch],
      sources: false,
      want: { binaries: o.binaries, sources: o.sources },
    });
    problems.push(...client.problems, ...data.problems);
    return data.packages.size ? debArchiveCatalog(data.packages) : undefined;
  } catch (e) {
    problems.push(toProblem(e));
    return undefined;
  }
}

/** Versions from the registry client (its store cache when offline); failures become Problems. */
async function registryCatalog(
  names: string[],
  o: { cwd: string; env: NodeJS.ProcessEnv; store: ReturnType<typeof openStore>; offline: boolean; registry?: string },
  problems: Problem[],
): Promise<VersionCatalog | undefined> {
  try {
    const config = await loadRegistryConfig({ projectDir: o.cwd, env: o.env, registry: o.registry });
    const client = createNpmClient({ config, store: o.store, offline: o.offline });
    const map = new Map<string, Set<string>>();
    try {
      for (const name of names) {
        try {
          const p = await client.getPackument(name);
          map.set(packageKey('npm', name), new Set(Object.keys(p.versions)));
        } catch (e) {
          problems.push({
            ...toProblem(e, name),
            message: `versions of ${name} unavailable (${(e as Error).message}); nearest safe versions use the advisory and the fleet only`,
          });
        }
      }
    } finally {
      await client.close();
    }
    return map.size ? mapCatalog('registry', map) : undefined;
  } catch (e) {
    problems.push(toProblem(e));
    return undefined;
  }
}

/** Advisory ids never contain a path separator nor end in .json. */
function looksLikePath(arg: string): boolean {
  return /[\\/]/.test(arg) || /\.json$/i.test(arg) || arg.startsWith('.');
}
