/**
 * Who carries a Debian source package, from its Sources stanza: the Maintainer (a person or a team
 * list), the Uploaders, the Vcs-* fields. Team detection is a heuristic over the display name and
 * the address (mailing lists, `team+x@` tracker addresses, "... Maintainers"); the Debian QA group
 * address (`packages@qa.…`) means the package is orphaned.
 */
import type { SourceEntry } from '../../sources/debian/archive-data.js';

export interface Person {
  name: string;
  email: string;
}

export interface SourcePeople {
  source: string;
  version: string;
  suite: string;
  maintainer: Person & { team: boolean };
  uploaders: Person[];
  /** Distinct individuals (maintainer if a person, plus uploaders that are persons), by address. */
  individuals: Person[];
  teams: Person[];
  /** `team`: a team maintains it; `individual`: only people; `orphaned`: the QA group. */
  kind: 'team' | 'individual' | 'orphaned';
  vcs: Record<string, string>;
  homepage?: string;
  /** Line of the stanza in the Sources index. */
  line: number;
}

export function parsePerson(s: string): Person {
  const m = /^\s*(.*?)\s*<([^>]*)>\s*$/.exec(s);
  return m ? { name: m[1]!.replace(/^"|"$/g, ''), email: m[2]!.trim() } : { name: s.trim(), email: '' };
}

const TEAM_NAME = /\b(team|maintainers?|group|project|packagers|developers|packaging|task ?force)\b/i;
const TEAM_LOCAL = /^(team\+|debian-|pkg-)|-(team|maint|maintainers|devel|packaging|discuss|packagers|pkg)$/i;

export function isQaGroup(p: Person): boolean {
  const [local, domain = ''] = p.email.toLowerCase().split('@');
  return local === 'packages' && domain.startsWith('qa.');
}

export function isTeam(p: Person): boolean {
  const [local = '', domain = ''] = p.email.toLowerCase().split('@');
  return TEAM_NAME.test(p.name) || TEAM_LOCAL.test(local) || /(^|\.|-)lists\./.test(domain) || domain.startsWith('lists.') || isQaGroup(p);
}

/** People of one source package; `entry` is the stanza with the highest version across suites. */
export function sourcePeople(source: string, entry: SourceEntry): SourcePeople {
  const m = parsePerson(entry.maintainer);
  const maintainer = { ...m, team: isTeam(m) };
  const uploaders = entry.uploaders.map(parsePerson);
  const individuals: Person[] = [];
  const teams: Person[] = [];
  const seen = new Set<string>();
  for (const p of [m, ...uploaders]) {
    const key = (p.email || p.name).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    (isTeam(p) ? teams : individuals).push(p);
  }
  const kind = isQaGroup(m) ? 'orphaned' : teams.length ? 'team' : 'individual';
  return {
    source,
    version: entry.version,
    suite: entry.suite,
    maintainer,
    uploaders,
    individuals,
    teams,
    kind,
    vcs: entry.vcs,
    homepage: entry.homepage,
    line: entry.line,
  };
}

/** True for the xz-utils profile: no team, at most one person (or orphaned). */
export const carriedByOnePerson = (p: SourcePeople): boolean =>
  p.kind === 'orphaned' || (p.kind === 'individual' && p.individuals.length <= 1);
