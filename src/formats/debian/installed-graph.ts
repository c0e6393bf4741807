/**
 * Dependency graph of an installed package set, resolved the way apt/dpkg would see it: for each
 * Depends/Pre-Depends clause, the FIRST alternative satisfied by an installed package (a real
 * package of that name and an acceptable version first, then a package that Provides it —
 * versioned Provides are required for versioned relations). Multi-Arch rules: `Architecture: all`
 * and `Multi-Arch: foreign` satisfy any arch, `:any` accepts `Multi-Arch: allowed`, otherwise the
 * architectures must match (an `all` dependent counts as the native arch). When no alternative is
 * satisfied strictly, a name match on another arch is accepted so the graph is not cut, and the
 * clause is reported as unmet only when nothing of that name is installed at all.
 */
import type { Edge, Inventory, InventoryComponent, Problem } from '../../core/types.js';
import { debPurl } from '../../core/purl.js';
import { formatClause, type Relation, type RelationClause } from './relations.js';
import type { DebPackage } from './types.js';
import { satisfiesDebianRelation } from './version.js';

export interface ResolvedDep {
  from: DebPackage;
  to: DebPackage;
  field: 'Depends' | 'Pre-Depends';
  clause: RelationClause;
  /** The virtual package name when satisfied through Provides. */
  via?: string;
}

export interface InstalledGraph {
  nativeArch: string;
  deps: ResolvedDep[];
  unmet: { from: DebPackage; field: string; clause: RelationClause }[];
  /** Outgoing resolved dependencies per package. */
  out: Map<DebPackage, ResolvedDep[]>;
}

/** dpkg's own architecture is the native one; otherwise the most common non-`all` one. */
export function nativeArchOf(pkgs: DebPackage[]): string {
  const dpkg = pkgs.find((p) => p.name === 'dpkg' && p.arch !== 'all');
  if (dpkg) return dpkg.arch;
  const count = new Map<string, number>();
  for (const p of pkgs) if (p.arch !== 'all') count.set(p.arch, (count.get(p.arch) ?? 0) + 1);
  return [...count].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'all';
}

export function resolveInstalledGraph(pkgs: DebPackage[], nativeArch = nativeArchOf(pkgs)): InstalledGraph {
  const byName = new Map<string, DebPackage[]>();
  const providers = new Map<string, { pkg: DebPackage; version?: string }[]>();
  for (const p of pkgs) {
    (byName.get(p.name) ?? byName.set(p.name, []).get(p.name)!).push(p);
    for (const v of p.provides) (providers.get(v.name) ?? providers.set(v.name, []).get(v.name)!).push({ pkg: p, version: v.version });
  }
  const archOk = (from: DebPackage, r: Relation, t: DebPackage): boolean => {
    if (r.archQualifier && r.archQualifier !== 'any' && r.archQualifier !== 'native') return t.arch === r.archQualifier;
    if (t.arch === 'all' || t.multiArch === 'foreign') return true;
    if (r.archQualifier === 'any' && t.multiArch === 'allowed') return true;
    return t.arch === (from.arch === 'all' ? nativeArch : from.arch);
  };
  const pick = (from: DebPackage, clause: RelationClause, strict: boolean): { to: DebPackage; via?: string } | undefined => {
    for (const r of clause) {
      for (const t of byName.get(r.name) ?? []) {
        if ((!strict || archOk(from, r, t)) && (!r.op || satisfiesDebianRelation(t.version, r.op, r.version!))) return { to: t };
      }
      for (const pv of providers.get(r.name) ?? []) {
        if (strict && !archOk(from, r, pv.pkg)) continue;
        if (r.op && !(pv.version && satisfiesDebianRelation(pv.version, r.op, r.version!))) continue;
        return { to: pv.pkg, via: r.name };
      }
    }
    return undefined;
  };
  const deps: ResolvedDep[] = [];
  const unmet: InstalledGraph['unmet'] = [];
  const out = new Map<DebPackage, ResolvedDep[]>();
  for (const from of pkgs) {
    const mine: ResolvedDep[] = [];
    for (const [field, clauses] of [
      ['Pre-Depends', from.preDepends],
      ['Depends', from.depends],
    ] as const) {
      for (const clause of clauses) {
        const hit = pick(from, clause, true) ?? pick(from, clause, false);
        if (!hit) {
          unmet.push({ from, field, clause });
          continue;
        }
        if (hit.to === from) continue;
        const d: ResolvedDep = { from, to: hit.to, field, clause, via: hit.via };
        mine.push(d);
        deps.push(d);
      }
    }
    out.set(from, mine);
  }
  return { nativeArch, deps, unmet, out };
}

export interface DebInventoryOptions {
  /** purl namespace (`debian`, `ubuntu`...) from os-release ID; default `debian`. */
  distro?: string;
  /** Names of manually installed packages (apt's extended_states); they become the roots' edges. */
  manual?: ReadonlySet<string>;
  rootName?: string;
  format?: string;
  file?: string;
  /** `each` (default): one Problem per unmet clause; `summary`: one Problem in all (a loose set of .deb files). */
  unmet?: 'each' | 'summary';
}

export const debPackagePurl = (p: DebPackage, distro = 'debian'): string => debPurl(p.name, p.version, p.arch, distro);

export function debComponent(p: DebPackage, distro = 'debian'): InventoryComponent {
  return {
    purl: debPackagePurl(p, distro),
    ecosystem: 'deb',
    name: p.name,
    version: p.version,
    locations: [{ file: p.file, line: p.line }],
    dev: false,
    optional: false,
    meta: {
      arch: p.arch,
      source: p.source,
      sourceVersion: p.sourceVersion,
      multiArch: p.multiArch,
      priority: p.priority,
      essential: p.essential,
      section: p.section,
      maintainer: p.maintainer,
      ...(p.state && p.state !== 'installed' ? { state: p.state } : {}),
      ...(p.want && p.want !== 'install' ? { want: p.want } : {}),
    },
  };
}

/** Installed packages → Inventory (components, resolved edges, one root for the host). */
export function buildDebInventory(pkgs: DebPackage[], opts: DebInventoryOptions = {}): Inventory {
  const distro = opts.distro ?? 'debian';
  const graph = resolveInstalledGraph(pkgs);
  const purl = (p: DebPackage): string => debPackagePurl(p, distro);
  const rootId = `root:${opts.rootName ?? 'host'}`;
  const edges: Edge[] = graph.deps.map((d) => ({ from: purl(d.from), to: purl(d.to), kind: 'prod', spec: formatClause(d.clause) }));
  const hasIncoming = new Set(graph.deps.map((d) => d.to));
  for (const p of pkgs) {
    const top = opts.manual ? opts.manual.has(p.name) : !hasIncoming.has(p);
    if (top) edges.push({ from: rootId, to: purl(p), kind: 'prod' });
  }
  const problems: Problem[] =
    opts.unmet === 'summary' && graph.unmet.length
      ? [
          {
            code: 'E_UNSUPPORTED',
            message: `${graph.unmet.length} dependency clauses of ${new Set(graph.unmet.map((u) => u.from)).size} packages are not satisfied within this package set (edges to them are missing)`,
          },
        ]
      : graph.unmet.map((u) => ({
          code: 'E_UNSUPPORTED',
          message: `${u.from.name} ${u.field}: ${formatClause(u.clause)} is not satisfied by any installed package`,
          subject: purl(u.from),
          file: u.from.file,
          line: u.from.line,
        }));
  return {
    sources: opts.file ? [{ file: opts.file, format: opts.format ?? 'dpkg-status' }] : [],
    roots: [{ id: rootId, name: opts.rootName ?? 'host', path: '.' }],
    components: pkgs.map((p) => debComponent(p, distro)),
    edges,
    problems,
  };
}
