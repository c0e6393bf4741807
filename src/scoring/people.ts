/**
 * Who carries a component, from data that is actually served: npm `maintainers` (only when the
 * registry serves them) and Debian Maintainer + Uploaders of the source package.
 */
import { isObj } from '../core/guards.js';
import type { InventoryComponent } from '../core/types.js';
import type { PackageMetadata } from '../core/package-metadata.js';
import { TEAM_FRAGILITY } from './weights.js';

/** Where the people carrying a component were read (a funding plan says which it used). */
export type PeopleSource =
  | 'registry maintainers'
  | 'release maintainers'
  | 'git history'
  | 'package.json author/contributors'
  | 'repository owner'
  | 'Debian Sources';

export interface Carriers {
  source: PeopleSource;
  /** Stable identities (`npm:alice`, `deb:a@b.org`, `git:name`, `person:name`, `repo:owner`). */
  people: string[];
  /** Fragility term in [0, 1]: 1/n, or TEAM_FRAGILITY for a team, 1 for orphaned. */
  term: number;
  value: number;
  explanation: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function npmCarriers(p: PackageMetadata | undefined): Carriers | { unknown: string } {
  if (!p) return { unknown: 'unknown: registry metadata not fetched' };
  if (!p.available.maintainers || !Array.isArray(p.maintainers)) {
    return {
      unknown: `unknown: not available from this registry${p.unavailableReasons?.maintainers ? ` (${p.unavailableReasons.maintainers})` : ''}`,
    };
  }
  const ids = [
    ...new Set(
      p.maintainers
        .map((m) => str(m?.name) ?? str(m?.email))
        .filter((x): x is string => !!x)
        .map((x) => `npm:${x.toLowerCase()}`),
    ),
  ].sort();
  const n = ids.length;
  return {
    source: 'registry maintainers',
    people: ids,
    value: n,
    term: n === 0 ? 1 : 1 / n,
    explanation:
      n === 0
        ? 'no maintainer listed'
        : n === 1
          ? `one maintainer: ${ids[0]!.slice(4)}`
          : `${n} maintainers: ${ids
              .slice(0, 4)
              .map((x) => x.slice(4))
              .join(', ')}${n > 4 ? ', …' : ''}`,
  };
}

/** Debian people from `facts.debian.people[source]` (the debian analyzer's SourcePeople), read tolerantly. */
export function debianCarriers(c: InventoryComponent, debianFacts: unknown): Carriers | { unknown: string } {
  const people = isObj(debianFacts) && isObj(debianFacts['people']) ? debianFacts['people'] : undefined;
  const source = String(c.meta?.source ?? c.name);
  const p = people?.[source];
  if (!isObj(p)) return { unknown: 'unknown: Debian archive (Sources) not loaded for this host' };
  const individuals = Array.isArray(p['individuals']) ? p['individuals'].filter(isObj) : [];
  const teams = Array.isArray(p['teams']) ? p['teams'].filter(isObj) : [];
  const ids = [
    ...new Set(
      individuals
        .map((x) => str(x['email']) ?? str(x['name']))
        .filter((x): x is string => !!x)
        .map((x) => `deb:${x.toLowerCase()}`),
    ),
  ].sort();
  const kind = p['kind'];
  const n = ids.length;
  if (kind === 'orphaned')
    return { source: 'Debian Sources', people: ids, value: 0, term: 1, explanation: `source ${source} is orphaned (Debian QA group)` };
  if (teams.length) {
    const team = str(teams[0]!['name']) ?? 'a team';
    return {
      source: 'Debian Sources',
      people: ids,
      value: n + teams.length,
      term: TEAM_FRAGILITY,
      explanation: `source ${source} maintained by ${team}${n ? ` with ${n} named uploader(s)` : ''}`,
    };
  }
  return {
    source: 'Debian Sources',
    people: ids,
    value: n,
    term: n === 0 ? 1 : 1 / n,
    explanation:
      n <= 1 ? `source ${source} carried by one person${ids[0] ? `: ${ids[0].slice(4)}` : ''}` : `source ${source}: ${n} people, no team`,
  };
}
