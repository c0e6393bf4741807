/**
 * What `npm install <registry specs>` can add to a project whose lockfile matches package.json, by
 * npm's own version choice (npm-pick-manifest, the code arborist runs) over every copy of each
 * packument npm may use (the registry's fresh one, npm's cached ones): a SUPERSET of what arborist
 * installs, whatever place in node_modules it gives each package.
 *
 * Why a superset holds: every new package is at the root or below another new package, so an edge
 * of a new package resolves either to a package placed by this plan or to the lockfile's root-level
 * package of that name. An edge is skipped only when that root package satisfies it and every new
 * version of the name does too (checked again whenever a new version appears); otherwise the version
 * npm would pick for the edge is added. Anything this model does not cover (aliases, git or file
 * specs, a package that ships its own npm-shrinkwrap.json, a range no version satisfies) is a
 * `ResolveGap`: the caller then plans with npm itself.
 */
import { pickManifest, semver } from '../../vendor/npm-resolution.js';

/** The part of a packument version npm's resolution reads. */
export interface PlanManifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  bundleDependencies?: string[] | boolean;
  bundledDependencies?: string[] | boolean;
  os?: string[] | string;
  cpu?: string[] | string;
  libc?: string[] | string;
  _hasShrinkwrap?: boolean;
  dist?: { tarball?: string; integrity?: string; shasum?: string };
}

export interface PlanPackument {
  name?: string;
  'dist-tags'?: Record<string, string>;
  versions?: Record<string, PlanManifest>;
  time?: Record<string, string>;
}

export interface ResolveInput {
  /** `name` → version of the lockfile's `node_modules/<name>` (what the project's root level holds). */
  rootVersions: Map<string, string>;
  /** Packages the command names: `{ name, spec }` with spec a range, version or dist-tag (`*` for a bare name). */
  requests: { name: string; spec: string }[];
  /**
   * Every copy of a packument npm may resolve against: the registry's fresh one first, then those
   * in npm's cache that differ from it. Each edge gets npm's pick from every copy.
   */
  getPackument: (name: string) => Promise<PlanPackument[]>;
  /** The npm that will run (engines.npm checks), when known. */
  npmVersion?: string;
  nodeVersion?: string;
}

export interface ResolvedPackage {
  manifest: PlanManifest;
  /** Who asked for it: `root` or `name@version` of a new package. */
  requiredBy: string[];
}

/** A case the superset model does not cover: plan with npm instead. */
export class ResolveGap extends Error {}

interface PendingEdge {
  from: string;
  name: string;
  spec: string;
  peerOptional: boolean;
}

export async function resolveSuperset(input: ResolveInput): Promise<ResolvedPackage[]> {
  const added = new Map<string, ResolvedPackage>();
  const newVersions = new Map<string, Set<string>>();
  /** Edges skipped because the root package satisfied them, by name: re-checked when a new version of the name appears. */
  const skipped = new Map<string, PendingEdge[]>();
  const packuments = new Map<string, Promise<PlanPackument[]>>();
  const packument = (name: string) => {
    let p = packuments.get(name);
    if (!p) packuments.set(name, (p = input.getPackument(name)));
    return p;
  };

  let wave: PendingEdge[] = input.requests.map((r) => ({ from: 'root', name: r.name, spec: r.spec, peerOptional: false }));
  while (wave.length > 0) {
    const picks = await Promise.all(wave.map(async (e) => (await pickFor(e, input, packument)).map((m) => ({ e, m }))));
    const next: PendingEdge[] = [];
    for (const { e, m } of picks.flat()) {
      const key = `${m.name}@${m.version}`;
      const have = added.get(key);
      if (have) {
        if (!have.requiredBy.includes(e.from)) have.requiredBy.push(e.from);
        continue;
      }
      if (m._hasShrinkwrap) throw new ResolveGap(`${key} ships its own npm-shrinkwrap.json`);
      added.set(key, { manifest: m, requiredBy: [e.from] });
      const versions = newVersions.get(m.name) ?? new Set<string>();
      versions.add(m.version);
      newVersions.set(m.name, versions);
      // Edges that trusted the root package may now meet this version first.
      const waiting = skipped.get(m.name) ?? [];
      skipped.set(
        m.name,
        waiting.filter((w) => {
          if (satisfies(m.version, w.spec)) return true;
          next.push(w);
          return false;
        }),
      );
      for (const edge of edgesOf(m, key)) {
        const root = input.rootVersions.get(edge.name);
        const rootServes = root !== undefined && satisfies(root, edge.spec);
        const newServe = [...(newVersions.get(edge.name) ?? [])].every((v) => satisfies(v, edge.spec));
        // An optional peer is installed only when something else brings it: nothing to add when absent.
        if ((rootServes && newServe) || (edge.peerOptional && root === undefined)) {
          skipped.set(edge.name, [...(skipped.get(edge.name) ?? []), edge]);
        } else next.push(edge);
      }
    }
    wave = next;
  }
  return [...added.values()];
}

function edgesOf(m: PlanManifest, from: string): PendingEdge[] {
  const bundled = new Set(
    [m.bundleDependencies, m.bundledDependencies].flatMap((b) =>
      Array.isArray(b) ? b : b === true ? Object.keys(m.dependencies ?? {}) : [],
    ),
  );
  const out = new Map<string, PendingEdge>();
  const add = (deps: Record<string, string> | undefined, peer: boolean) => {
    for (const [name, spec] of Object.entries(deps ?? {})) {
      if (bundled.has(name) || out.has(name)) continue;
      out.set(name, { from, name, spec, peerOptional: peer && m.peerDependenciesMeta?.[name]?.optional === true });
    }
  };
  // npm's precedence: optional over regular, both over peer.
  add(m.optionalDependencies, false);
  add(m.dependencies, false);
  add(m.peerDependencies, true);
  for (const [name, meta] of Object.entries(m.peerDependenciesMeta ?? {}))
    if (meta.optional && !out.has(name)) out.set(name, { from, name, spec: '*', peerOptional: true });
  return [...out.values()];
}

/**
 * npm's pick for the edge from each copy of the packument (distinct versions). No match in the
 * fresh copy is a gap; in a cached copy it is skipped: npm resolving against that copy fails
 * before it installs anything.
 */
async function pickFor(
  e: PendingEdge,
  input: ResolveInput,
  packument: (name: string) => Promise<PlanPackument[]>,
): Promise<PlanManifest[]> {
  if (!isRegistrySpec(e.spec)) throw new ResolveGap(`${e.from} depends on ${e.name}@${e.spec}, which is not a registry version`);
  const out = new Map<string, PlanManifest>();
  for (const [i, doc] of (await packument(e.name)).entries()) {
    let m: PlanManifest | undefined;
    try {
      m = pickManifest(doc, e.spec || '*', {
        defaultTag: 'latest',
        nodeVersion: input.nodeVersion ?? process.version,
        npmVersion: input.npmVersion ?? null,
      }) as PlanManifest | undefined;
    } catch (err) {
      if (i > 0) continue;
      throw new ResolveGap(`no version of ${e.name} matches ${e.spec || 'latest'} (${(err as Error).message.split('\n')[0]})`);
    }
    if (!m) {
      if (e.peerOptional || i > 0) continue;
      throw new ResolveGap(`no version of ${e.name} matches ${e.spec}`);
    }
    const engines = (m as { engines?: Record<string, string> }).engines;
    if (engines?.npm && !input.npmVersion)
      throw new ResolveGap(`${m.name}@${m.version} declares engines.npm and the npm version is unknown`);
    if (!out.has(m.version)) out.set(m.version, { ...m, name: m.name ?? e.name });
  }
  return [...out.values()];
}

/** Whether `version` meets `spec` as npm checks an edge; a dist-tag never counts as met (its pick is added: superset). */
const satisfies = (version: string, spec: string) => {
  const range = spec === '' ? '*' : spec;
  return semver.validRange(range, { loose: true }) !== null && semver.satisfies(version, range, { loose: true });
};

/** A range, a version or a dist-tag: what the registry answers (not `npm:` aliases, git, URLs, paths, workspaces). */
export function isRegistrySpec(spec: string): boolean {
  if (spec === '' || spec === '*') return true;
  if (semver.validRange(spec, { loose: true }) !== null) return true;
  // A dist-tag: npm-package-arg treats any URI-safe word that is not a range as a tag.
  return /^[A-Za-z][\w.-]*$/.test(spec) && !/^(npm|git|file|link|workspace|http|https|github)$/i.test(spec);
}
