/**
 * Who carries an npm package when the registry does not serve the packument's `maintainers`
 * (stripping mirrors): the next best sources, most direct first — the locked release's own
 * `maintainers`, the authors who carry the git history (`--repo`), the release's package.json
 * `author`/`contributors`, and the owner of its repository (github.com/OWNER/…). Each result names
 * the source it came from; none is a guess.
 */
import { isObj } from '../core/guards.js';
import type { PackageMetadata } from '../core/package-metadata.js';
import type { HistoryLike } from './inputs.js';
import type { Carriers, PeopleSource } from './people.js';
import { REPO_OWNER_FRAGILITY } from './weights.js';

/** npm's person shapes: "Name <email> (url)" or { name, email }. */
export function personName(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const name = v.replace(/<[^>]*>|\([^)]*\)/g, '').trim();
    return name || /<([^>]+)>/.exec(v)?.[1]?.trim() || undefined;
  }
  if (!isObj(v)) return undefined;
  const n = typeof v['name'] === 'string' ? v['name'].trim() : '';
  const e = typeof v['email'] === 'string' ? v['email'].trim() : '';
  return n || e || undefined;
}

/** The owner account of a GitHub / GitLab / Codeberg / Bitbucket repository (URL, git+https, git@, shorthand). */
export function repositoryOwner(repo: unknown): string | undefined {
  const url = typeof repo === 'string' ? repo : isObj(repo) && typeof repo['url'] === 'string' ? repo['url'] : undefined;
  if (!url) return undefined;
  const short = /^(?:github|gitlab|bitbucket):([\w.-]+)\/[\w.-]+$/.exec(url) ?? /^([\w.-]+)\/[\w.-]+$/.exec(url);
  if (short) return short[1];
  return /(?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org)[/:]([\w.-]+)\/[\w.-]+/i.exec(url)?.[1];
}

function carriers(source: PeopleSource, prefix: string, names: readonly string[], what: string): Carriers {
  const ids = [...new Set(names.map((n) => n.toLowerCase()))].sort();
  const n = ids.length;
  const list = ids.slice(0, 4).join(', ') + (n > 4 ? ` and ${n - 4} more` : '');
  return {
    source,
    people: ids.map((x) => `${prefix}:${x}`),
    value: n,
    term: 1 / n,
    explanation: `${n === 1 ? `one person (${what}): ${list}` : `${n} people (${what}): ${list}`}; the registry did not serve the package maintainers`,
  };
}

/** Authors the history analysis names as carrying the code: the truck-factor authors, else the top author. */
function historyAuthors(h: HistoryLike | undefined): string[] {
  if (!h) return [];
  const tf = h.truckFactor;
  const value = isObj(tf) && typeof tf['value'] === 'number' ? Math.max(1, tf['value']) : 1;
  const removed = isObj(tf) && Array.isArray(tf['removed']) ? (tf['removed'] as unknown[]) : [];
  const authors = removed.slice(0, value).map(personName);
  return [...authors, authors.length ? undefined : h.fragility?.topMaintainer?.name].filter((x): x is string => !!x);
}

/** Fallback carriers of `version` of `p`, or undefined when no source names anyone. */
export function fallbackCarriers(p: PackageMetadata | undefined, version: string, history?: HistoryLike): Carriers | undefined {
  const m = p?.versions[version];
  const listed = (m?.maintainers ?? []).map(personName).filter((x): x is string => !!x);
  if (listed.length) return carriers('release maintainers', 'npm', listed, "the locked release's maintainers");
  const authors = historyAuthors(history);
  if (authors.length) return carriers('git history', 'git', authors, 'authors carrying the git history');
  const raw = m?.raw ?? {};
  const contributors = Array.isArray(raw['contributors']) ? raw['contributors'] : [];
  const named = [personName(raw['author']), ...contributors.map(personName)].filter((x): x is string => !!x);
  if (named.length) return carriers('package.json author/contributors', 'person', named, 'package.json author/contributors');
  const owner = repositoryOwner(m?.repository);
  if (owner)
    return {
      source: 'repository owner',
      people: [`repo:${owner.toLowerCase()}`],
      value: 1,
      term: REPO_OWNER_FRAGILITY,
      explanation: `repository owner ${owner} (one account or an organisation: how many people is unknown); the registry did not serve the package maintainers`,
    };
  return undefined;
}
