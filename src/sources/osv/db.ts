/**
 * AdvisoryDb: the set of advisories in effect (built-in + imported), indexed for matching by package.
 * The newest copy of each id wins (by `modified`); withdrawn records are kept but never matched.
 */
import type { Component, InventoryComponent } from '../../core/types.js';
import { parsePurl } from '../../core/purl.js';
import { AliasIndex, type AdvisoryGroup } from './groups.js';
import type { Advisory, AffectedPackage } from './model.js';
import { packageAffects } from './ranges.js';

export interface AdvisoryMatch {
  advisory: Advisory;
  pkg: AffectedPackage;
  /** The version that was compared (deb: the source version when the advisory names the source). */
  version: string;
}

/** Index key of a package: `npm:name`, `deb:name`, or `<purl type>:<name>`. */
export const packageKey = (kind: string, name: string): string => `${kind}:${kind === 'npm' ? name : name.toLowerCase()}`;

function newer(a: Advisory, b: Advisory): Advisory {
  return (b.modified ?? '') >= (a.modified ?? '') ? b : a;
}

/** Merge advisory lists by id; for equal ids the newer `modified` wins (later list on ties). */
export function mergeById(...lists: Advisory[][]): Map<string, Advisory> {
  const out = new Map<string, Advisory>();
  for (const list of lists)
    for (const a of list) {
      const prev = out.get(a.id);
      out.set(a.id, prev ? newer(prev, a) : a);
    }
  return out;
}

export class AdvisoryDb {
  readonly byId: Map<string, Advisory>;
  private readonly index = new Map<string, { advisory: Advisory; pkg: AffectedPackage }[]>();
  private aliases?: AliasIndex;

  constructor(advisories: Iterable<Advisory>) {
    this.byId = mergeById([...advisories]);
    for (const a of this.byId.values()) {
      if (a.withdrawn) continue;
      for (const pkg of a.affected) {
        const key = packageKey(pkg.kind, pkg.name);
        let list = this.index.get(key);
        if (!list) this.index.set(key, (list = []));
        list.push({ advisory: a, pkg });
      }
    }
  }

  get size(): number {
    return this.byId.size;
  }

  all(): Advisory[] {
    return [...this.byId.values()];
  }

  /** Alias group containing this id or alias (withdrawn records excluded), if any. */
  group(idOrAlias: string): AdvisoryGroup | undefined {
    this.aliases ??= new AliasIndex(this.all().filter((a) => !a.withdrawn));
    return this.aliases.group(idOrAlias);
  }

  /** Every (advisory, affected entry) that says this component's version is affected. */
  match(c: Component | InventoryComponent, only?: (a: Advisory) => boolean): AdvisoryMatch[] {
    const out: AdvisoryMatch[] = [];
    for (const { key, version } of lookups(c)) {
      for (const cand of this.index.get(key) ?? []) {
        if (only && !only(cand.advisory)) continue;
        if (!distroMatches(cand.pkg, c)) continue;
        if (packageAffects(cand.pkg, version)) out.push({ ...cand, version });
      }
    }
    return out;
  }

  /** Affected entries (any version) naming this component's package. */
  entriesFor(c: Component | InventoryComponent): { advisory: Advisory; pkg: AffectedPackage; version: string }[] {
    return lookups(c).flatMap(({ key, version }) =>
      (this.index.get(key) ?? []).filter((x) => distroMatches(x.pkg, c)).map((x) => ({ ...x, version })),
    );
  }
}

/**
 * Keys to look up for a component. deb components are looked up by binary and by source name: the
 * source from the dpkg inventory's `meta.source`/`meta.sourceVersion`, or from an SBOM purl's
 * `upstream` qualifier (`upstream=xz-utils` or `upstream=xz-utils@5.6.1-1`, as Syft writes it).
 */
export function lookups(c: Component | InventoryComponent): { key: string; version: string }[] {
  if (c.ecosystem === 'npm') return [{ key: packageKey('npm', c.name), version: c.version }];
  let p: ReturnType<typeof parsePurl> | undefined;
  try {
    p = parsePurl(c.purl);
  } catch {
    return [];
  }
  if (c.ecosystem !== 'deb' && p.type !== 'deb') return [{ key: packageKey(p.type, p.fullName), version: c.version }];
  const meta = (c as InventoryComponent).meta ?? {};
  const binary = p.name;
  const version = c.version || p.version || '';
  const upstream = p.qualifiers?.upstream?.split('@');
  const source = typeof meta.source === 'string' ? meta.source : upstream?.[0];
  const sourceVersion = typeof meta.sourceVersion === 'string' ? meta.sourceVersion : (upstream?.[1] ?? version);
  if (!source || source === binary) return [{ key: packageKey('deb', binary), version: sourceVersion }];
  return [
    { key: packageKey('deb', binary), version },
    { key: packageKey('deb', source), version: sourceVersion },
  ];
}

/**
 * deb: the advisory's distribution (debian/ubuntu) must match the purl namespace, and its release
 * (`Debian:12`) the purl's `distro` qualifier (`debian-12`), when both sides say.
 */
function distroMatches(pkg: AffectedPackage, c: Component): boolean {
  if (pkg.kind !== 'deb' || !pkg.distro) return true;
  try {
    const p = parsePurl(c.purl);
    if (p.namespace && p.namespace !== pkg.distro) return false;
    const release = /^[a-z]+-(\d+)/.exec(p.qualifiers?.distro ?? '')?.[1];
    return !release || !pkg.release || release === pkg.release;
  } catch {
    return true;
  }
}
