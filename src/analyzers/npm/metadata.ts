/**
 * npm-metadata: keeps the slice of registry metadata that scoring and funding read (maintainers,
 * newest real publish time, the locked version's funding/deprecation) as a per-component fact, so a
 * warm scan scores from the memo without re-reading whole packuments. Emits no findings.
 */
import { NPM_ANALYZER_CODE } from './code.js';
import type { ComponentAnalyzer } from '../types.js';
import type { Packument, VersionManifest } from '../../sources/npm/types.js';
import { defineFacts } from '../../core/facts.js';
import { isObj } from '../../core/guards.js';

/**
 * A long contributors list counts as many people either way; past this many, scoring learns nothing
 * more from the names, and the memoized fact stays small.
 */
const MAX_CONTRIBUTORS = 100;
/** A person's name or e-mail longer than this is cut: the fact is stored, and the fields come from the publisher. */
const MAX_PERSON_CHARS = 200;

/** npm's person shapes ("Name <email> (url)" or { name, email }) reduced to bounded strings; anything else dropped. */
function person(v: unknown): string | { name?: string; email?: string } | undefined {
  if (typeof v === 'string') return v.slice(0, MAX_PERSON_CHARS);
  if (!isObj(v)) return undefined;
  const out: { name?: string; email?: string } = {};
  if (typeof v['name'] === 'string') out.name = v['name'].slice(0, MAX_PERSON_CHARS);
  if (typeof v['email'] === 'string') out.email = v['email'].slice(0, MAX_PERSON_CHARS);
  return out.name !== undefined || out.email !== undefined ? out : undefined;
}

/** The package.json people scoring falls back on when the registry serves no maintainers (fallback-people.ts). */
function people(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const author = person(raw['author']);
  if (author !== undefined) out['author'] = author;
  const c = raw['contributors'];
  if (Array.isArray(c))
    out['contributors'] = c
      .slice(0, MAX_CONTRIBUTORS)
      .map(person)
      .filter((p) => p !== undefined);
  return out;
}

function slimManifest(m: VersionManifest): VersionManifest {
  return {
    name: m.name,
    version: m.version,
    funding: m.funding,
    deprecated: m.deprecated,
    maintainers: m.maintainers,
    npmUser: m.npmUser,
    repository: m.repository,
    dist: { tarball: m.dist.tarball, integrity: m.dist.integrity },
    raw: people(m.raw),
  };
}

/** A packument reduced to what scoring reads; same type, so scoring code needs no second path. */
export function slimPackument(p: Packument, version: string): Packument {
  const versions: Record<string, VersionManifest> = {};
  const locked = p.versions[version];
  if (locked) versions[version] = slimManifest(locked);
  let time: Record<string, string> | undefined;
  if (p.available.time && p.time) {
    let newest: [string, number] | undefined;
    for (const [k, v] of Object.entries(p.time)) {
      if (k === 'created' || k === 'modified' || !(k in p.versions)) continue;
      const t = Date.parse(v);
      if (Number.isFinite(t) && (!newest || t > newest[1])) newest = [k, t];
    }
    time = {};
    if (newest) {
      time[newest[0]] = p.time[newest[0]]!;
      versions[newest[0]] ??= slimManifest(p.versions[newest[0]]!);
    }
    if (p.time[version]) time[version] = p.time[version]!;
  }
  return {
    name: p.name,
    distTags: p.distTags,
    versions,
    time,
    maintainers: p.maintainers,
    repository: p.repository,
    available: p.available,
    unavailableReasons: p.unavailableReasons,
    registry: p.registry,
    fetchedAt: p.fetchedAt,
  };
}

export const metadataAnalyzer: ComponentAnalyzer = {
  kind: 'component',
  id: 'npm-metadata',
  version: '1.1.0',
  needs: { packument: true },
  code: NPM_ANALYZER_CODE,
  rules: [],
  appliesTo: (c) => c.ecosystem === 'npm',
  analyze(ctx) {
    if (!ctx.packument) return { findings: [] };
    return { findings: [], facts: slimPackument(ctx.packument, ctx.component.version) };
  },
};

export const NPM_METADATA_FACTS = defineFacts<Packument>({
  key: metadataAnalyzer.id,
  scope: 'component',
  version: 2,
  about: "the registry's packument cut to the locked release (what scoring reads)",
  is: (v): v is Packument => isObj(v) && typeof v['name'] === 'string' && isObj(v['versions']) && isObj(v['available']),
});
