/**
 * Accumulates one normalized Inventory: components deduplicated by purl (locations merged), edges
 * deduplicated by (from, to), and the dev/optional flags computed from the graph at the end:
 * a component is `dev` (`optional`) only when every path from a root to it uses a dev (optional) edge.
 */
import type {
  DependencyKind,
  Edge,
  Inventory,
  InventoryComponent,
  InventorySource,
  PlatformConstraint,
  Problem,
  Root,
  SourceLocation,
} from '../core/types.js';
import { npmPurl } from '../core/purl.js';

export interface ComponentInput {
  name: string;
  version: string;
  /** Defaults to `npm` with purl from name and version. */
  ecosystem?: string;
  purl?: string;
  location: SourceLocation;
  resolved?: string;
  integrity?: string;
  path?: string;
  meta?: Record<string, unknown>;
  notAnalyzed?: string;
  platform?: PlatformConstraint;
  /** Flags the input itself records; used only for components no root reaches. */
  devHint?: boolean;
  optionalHint?: boolean;
}

/** Stronger kinds win when the same edge is declared twice. */
const KIND_RANK: Record<DependencyKind, number> = { prod: 3, peer: 2, optional: 1, dev: 0 };

export const NOT_ANALYZED = 'not analyzed yet: vigil analyzes npm packages only';

export class InventoryBuilder {
  private readonly comps = new Map<string, InventoryComponent>();
  private readonly hints = new Map<string, { dev?: boolean; optional?: boolean }>();
  /** Edges by dependent, then dependency (no concatenated key per edge: a large lockfile has hundreds of thousands). */
  private readonly edges = new Map<string, Map<string, Edge>>();
  private readonly roots = new Map<string, Root>();
  readonly problems: Problem[] = [];

  constructor(readonly source: InventorySource) {}

  /** Returns the component's purl, or undefined (with a problem recorded) when no purl can be made. */
  addComponent(c: ComponentInput): string | undefined {
    let purl: string;
    try {
      if (!c.name) throw new Error('empty package name');
      purl = c.purl ?? npmPurl(c.name, c.version);
    } catch (e) {
      this.problem({
        code: 'E_UNSUPPORTED',
        message: `entry ${JSON.stringify(c.name)}@${JSON.stringify(c.version)} cannot be identified (${(e as Error).message}); left out`,
        file: c.location.file,
        line: c.location.line,
      });
      return undefined;
    }
    const existing = this.comps.get(purl);
    if (existing) {
      const loc = c.location;
      if (!existing.locations.some((l) => l.file === loc.file && l.line === loc.line)) existing.locations.push(loc);
      if (c.path && !(existing.paths ??= []).includes(c.path)) existing.paths.push(c.path);
      existing.resolved ??= c.resolved;
      existing.integrity ??= c.integrity;
      if (c.meta) existing.meta = { ...c.meta, ...existing.meta };
      const h = this.hints.get(purl)!;
      h.dev = (h.dev ?? true) && (c.devHint ?? false);
      h.optional = (h.optional ?? true) && (c.optionalHint ?? false);
      return purl;
    }
    const comp: InventoryComponent = {
      purl,
      ecosystem: c.ecosystem ?? 'npm',
      name: c.name,
      version: c.version,
      locations: [c.location],
      dev: false,
      optional: false,
    };
    if (c.resolved !== undefined) comp.resolved = c.resolved;
    if (c.integrity !== undefined) comp.integrity = c.integrity;
    if (c.path !== undefined) comp.paths = [c.path];
    if (c.meta !== undefined) comp.meta = c.meta;
    if (c.notAnalyzed !== undefined) comp.notAnalyzed = c.notAnalyzed;
    if (c.platform !== undefined) comp.platform = c.platform;
    this.comps.set(purl, comp);
    this.hints.set(purl, { dev: c.devHint, optional: c.optionalHint });
    return purl;
  }

  has(purl: string): boolean {
    return this.comps.has(purl);
  }

  addRoot(root: Root): string {
    if (!this.roots.has(root.id)) this.roots.set(root.id, root);
    return root.id;
  }

  addEdge(from: string, to: string, kind: DependencyKind, spec?: string): void {
    if (from === to) return;
    let out = this.edges.get(from);
    if (!out) this.edges.set(from, (out = new Map()));
    const prev = out.get(to);
    if (prev && KIND_RANK[prev.kind] >= KIND_RANK[kind]) return;
    const e: Edge = { from, to, kind };
    if (spec !== undefined) e.spec = spec;
    out.set(to, e);
  }

  problem(p: Problem): void {
    this.problems.push(p);
  }

  build(): Inventory {
    const edges: Edge[] = [];
    for (const out of this.edges.values()) for (const e of out.values()) edges.push(e);
    const rootIds = [...this.roots.keys()];
    const all = reach(rootIds, edges, () => true);
    const noDev = reach(rootIds, edges, (e) => e.kind !== 'dev');
    const noOpt = reach(rootIds, edges, (e) => e.kind !== 'optional');
    for (const c of this.comps.values()) {
      const h = this.hints.get(c.purl) ?? {};
      c.dev = all.has(c.purl) ? !noDev.has(c.purl) : h.dev === true;
      c.optional = all.has(c.purl) ? !noOpt.has(c.purl) : h.optional === true;
    }
    const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    return {
      sources: [this.source],
      roots: [...this.roots.values()].sort((a, b) => (a.path === '.' ? -1 : b.path === '.' ? 1 : cmp(a.path, b.path))),
      components: [...this.comps.values()].sort((a, b) => cmp(a.purl, b.purl)),
      edges: edges.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to)),
      problems: this.problems,
    };
  }
}

function reach(roots: string[], edges: Edge[], follow: (e: Edge) => boolean): Set<string> {
  const out = new Map<string, Edge[]>();
  for (const e of edges) {
    if (!follow(e)) continue;
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
  }
  const seen = new Set<string>(roots);
  const queue = [...roots];
  while (queue.length > 0) {
    const n = queue.pop()!;
    for (const e of out.get(n) ?? []) {
      if (!seen.has(e.to)) {
        seen.add(e.to);
        queue.push(e.to);
      }
    }
  }
  return seen;
}
