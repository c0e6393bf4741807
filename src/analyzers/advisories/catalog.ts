/**
 * Version catalogs: which versions of a package exist, for the nearest-safe computation. Sources:
 * registry packuments (npm), Debian Packages/Sources indexes, and versions seen across the fleet.
 * Without any, only the advisory's own `fixed` versions are candidates.
 */
import type { InventoryComponent } from '../../core/types.js';
import { forEachStanza } from '../../formats/debian/control.js';
import { packageKey } from '../../sources/osv/db.js';
import { lookups } from '../../sources/osv/db.js';

export interface VersionCatalog {
  /** Label for reports: `registry`, `index`, `fleet`. */
  source: string;
  /** Known versions of package `name` in ecosystem `kind` (`npm`, `deb`), or undefined when unknown. */
  versions(kind: string, name: string): string[] | undefined;
}

/** A catalog over a fixed map `kind:name` → versions. */
export function mapCatalog(source: string, map: Map<string, Set<string>>): VersionCatalog {
  return {
    source,
    versions: (kind, name) => {
      const s = map.get(packageKey(kind, name));
      return s ? [...s] : undefined;
    },
  };
}

function add(map: Map<string, Set<string>>, key: string, v: string): void {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  s.add(v);
}

/**
 * Debian `Packages` or `Sources` index text → catalog keyed by binary and source name. Binary
 * entries whose version differs from the source version (binNMU) are recorded under the binary only.
 */
export function debianIndexCatalog(texts: string[]): VersionCatalog {
  const map = new Map<string, Set<string>>();
  for (const text of texts) {
    forEachStanza(text, (s) => {
      const f = s.fields;
      if (!f.package || !f.version) return;
      add(map, packageKey('deb', f.package), f.version);
      const src = /^(\S+)(?:\s*\((\S+)\))?/.exec(f.source ?? '');
      if (src?.[1]) add(map, packageKey('deb', src[1]), src[2] ?? f.version);
    });
  }
  return mapCatalog('index', map);
}

/** Raw packument JSON documents (as the registry serves them) → catalog of their `versions` keys. */
export function packumentCatalog(docs: unknown[]): VersionCatalog {
  const map = new Map<string, Set<string>>();
  for (const d of docs) {
    if (typeof d !== 'object' || d === null) continue;
    const o = d as { name?: unknown; versions?: unknown };
    if (typeof o.name !== 'string' || typeof o.versions !== 'object' || o.versions === null) continue;
    for (const v of Object.keys(o.versions)) add(map, packageKey('npm', o.name), v);
  }
  return mapCatalog('registry', map);
}

/** Versions installed anywhere in the fleet: they demonstrably exist. deb: also by source name. */
export function fleetCatalog(components: Iterable<InventoryComponent>): VersionCatalog {
  const map = new Map<string, Set<string>>();
  for (const c of components) for (const { key, version } of lookups(c)) add(map, key, version);
  return mapCatalog('fleet', map);
}

/** Versions in the configured Debian archive suites (the Debian source's loaded Packages data). */
export function debArchiveCatalog(packages: ReadonlyMap<string, readonly { version: string; source: string }[]>): VersionCatalog {
  const map = new Map<string, Set<string>>();
  for (const [name, entries] of packages) {
    for (const e of entries) {
      add(map, packageKey('deb', name), e.version);
      // Binary versions equal the source version except for binNMUs (`+bN`), which are dropped here.
      if (e.source && !/\+b\d+$/.test(e.version)) add(map, packageKey('deb', e.source), e.version);
    }
  }
  return mapCatalog('archive', map);
}
