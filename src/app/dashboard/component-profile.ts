/**
 * A component page's readable sections, read from the facts a scan recorded about one purl:
 * versions (the one in use, the registry's dist-tags and newest release, deprecation, publish
 * times), people (who carries it and where that was read, the release's publisher), scores
 * (criticality, fragility, suspicion and the factors behind each) and funding (the channels the
 * release declares, or why none is known). Each section says what is unknown and why instead of
 * leaving a gap; facts are stored data from untrusted registries, so everything is read tolerantly.
 */
import { isObj } from '../../core/guards.js';
import { personName } from '../../scoring/fallback-people.js';
import type { Factor } from '../../scoring/types.js';
import { parsePackageFunding } from '../../sources/funding/package-funding.js';
import type { FundingChannel } from '../../sources/funding/channel.js';

export interface VersionsSection {
  inUse: string;
  /** dist-tag → version, as the registry served it. */
  distTags: Record<string, string>;
  latest?: string;
  /** How the version in use relates to `latest`. */
  standing?: 'latest' | 'behind' | 'ahead' | 'not on the registry';
  deprecated?: string;
  published?: string;
  newestRelease?: { version: string; published: string };
  registry?: string;
  fetchedAt?: string;
  /** Why publish times are not shown (a mirror rewrote them, the registry was not asked…). */
  unknown: string[];
}

export interface PeopleSection {
  /** Identities carrying the component (`npm:alice`, `repo:owner`…), as scoring counted them. */
  people: string[];
  /** Where they were read (registry maintainers, release maintainers, git history…). */
  source?: string;
  explanation?: string;
  /** Who published the version in use (`_npmUser`), when served. */
  publisher?: string;
  /** The release's own maintainers list, when served. */
  releaseMaintainers: string[];
  unknown: string[];
}

export interface ScoreFactor {
  score: 'criticality' | 'fragility' | 'suspicion' | string;
  signal: string;
  value: string;
  contribution: number;
  explanation: string;
}

export interface ScoresSection {
  criticality: number;
  fragility: number;
  suspicion: number;
  quadrant?: string;
  factors: ScoreFactor[];
}

export interface FundingSection {
  channels: Pick<FundingChannel, 'platform' | 'address' | 'recipient' | 'source'>[];
  /** What scoring concluded about funding (e.g. "no funding channel declared"). */
  explanation?: string;
  unknown: string[];
}

export interface ComponentProfile {
  versions?: VersionsSection;
  people: PeopleSection;
  scores?: ScoresSection;
  funding: FundingSection;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const strings = (o: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(isObj(o) ? o : {}).filter((e): e is [string, string] => typeof e[1] === 'string'));

function factorsOf(score: Record<string, unknown>): ScoreFactor[] {
  const list = Array.isArray(score['factors']) ? (score['factors'] as unknown[]).filter(isObj) : [];
  return list.map((f) => {
    const name = text(f['name']) ?? '';
    const dot = name.indexOf('.');
    return {
      score: dot > 0 ? name.slice(0, dot) : '',
      signal: dot > 0 ? name.slice(dot + 1) : name,
      value: String((f as Partial<Factor>).value ?? ''),
      contribution: num(f['contribution']),
      explanation: text(f['explanation']) ?? '',
    };
  });
}

/** Compares dotted numeric versions; undefined when either is not one. */
function compareVersions(a: string, b: string): number | undefined {
  const parse = (v: string) => /^v?(\d+)\.(\d+)\.(\d+)/.exec(v)?.slice(1).map(Number);
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return undefined;
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return a === b ? 0 : undefined;
}

function versionsOf(version: string, meta: Record<string, unknown>): VersionsSection {
  const distTags = strings(meta['distTags']);
  const versions = isObj(meta['versions']) ? meta['versions'] : {};
  const manifest = isObj(versions[version]) ? versions[version] : undefined;
  const times = strings(meta['time']);
  const available = isObj(meta['available']) ? meta['available'] : {};
  const reasons = strings(meta['unavailableReasons']);
  const latest = distTags['latest'];
  const order = latest ? compareVersions(version, latest) : undefined;
  const unknown: string[] = [];
  if (available['time'] !== true) unknown.push(`publish times: ${reasons['time'] ?? 'not served by this registry'}`);
  const newest = Object.entries(times)
    .filter(([k]) => k !== 'created' && k !== 'modified')
    .sort((a, b) => Date.parse(b[1]) - Date.parse(a[1]))[0];
  return {
    inUse: version,
    distTags,
    ...(latest ? { latest } : {}),
    ...(latest
      ? {
          standing:
            latest === version
              ? 'latest'
              : order === undefined
                ? manifest
                  ? 'behind'
                  : 'not on the registry'
                : order < 0
                  ? 'behind'
                  : 'ahead',
        }
      : {}),
    ...(text(manifest?.['deprecated']) ? { deprecated: text(manifest?.['deprecated'])! } : {}),
    ...(available['time'] === true && times[version] ? { published: times[version] } : {}),
    ...(available['time'] === true && newest ? { newestRelease: { version: newest[0], published: newest[1] } } : {}),
    ...(text(meta['registry']) ? { registry: text(meta['registry'])! } : {}),
    ...(text(meta['fetchedAt']) ? { fetchedAt: text(meta['fetchedAt'])! } : {}),
    unknown,
  };
}

function peopleOf(version: string, meta: Record<string, unknown> | undefined, score: Record<string, unknown> | undefined): PeopleSection {
  const versions = meta && isObj(meta['versions']) ? meta['versions'] : {};
  const manifest = isObj(versions[version]) ? versions[version] : undefined;
  const reasons = strings(meta?.['unavailableReasons']);
  const factor = score ? factorsOf(score).find((f) => f.score === 'fragility' && f.signal === 'maintainers') : undefined;
  const people = Array.isArray(score?.['people']) ? (score['people'] as unknown[]).filter((p): p is string => typeof p === 'string') : [];
  const releaseMaintainers = (Array.isArray(manifest?.['maintainers']) ? (manifest['maintainers'] as unknown[]) : [])
    .map(personName)
    .filter((x): x is string => !!x);
  const publisher = personName(manifest?.['npmUser']);
  const unknown: string[] = [];
  if (!meta) unknown.push('registry metadata: not fetched for this component (offline scan, or not an npm package)');
  else {
    if (!publisher) unknown.push(`publisher: ${reasons['npmUser'] ?? 'not served for this release'}`);
    if (!people.length && reasons['maintainers']) unknown.push(`maintainers: ${reasons['maintainers']}`);
  }
  return {
    people,
    ...(text(score?.['peopleSource']) ? { source: text(score?.['peopleSource'])! } : {}),
    ...(factor?.explanation ? { explanation: factor.explanation } : {}),
    ...(publisher ? { publisher } : {}),
    releaseMaintainers,
    unknown,
  };
}

function fundingOf(
  purl: string,
  version: string,
  meta: Record<string, unknown> | undefined,
  score: Record<string, unknown> | undefined,
): FundingSection {
  const versions = meta && isObj(meta['versions']) ? meta['versions'] : {};
  const manifest = isObj(versions[version]) ? versions[version] : undefined;
  const { channels } = parsePackageFunding(manifest?.['funding'], purl);
  const factor = score ? factorsOf(score).find((f) => f.score === 'fragility' && f.signal === 'noFunding') : undefined;
  return {
    channels: channels.map((c) => ({ platform: c.platform, address: c.address, recipient: c.recipient, source: c.source })),
    ...(factor?.explanation ? { explanation: factor.explanation } : {}),
    unknown: manifest ? [] : ["funding: the release's package.json was not read (no registry metadata for this component)"],
  };
}

/** The readable sections of one component from `facts[analyzer]` of its purl. */
export function componentProfile(purl: string, version: string, facts: Record<string, unknown>): ComponentProfile {
  const meta = isObj(facts['npm-metadata']) ? facts['npm-metadata'] : undefined;
  const score = isObj(facts['scoring']) ? facts['scoring'] : undefined;
  return {
    ...(meta ? { versions: versionsOf(version, meta) } : {}),
    people: peopleOf(version, meta, score),
    ...(score
      ? {
          scores: {
            criticality: num(score['criticality']),
            fragility: num(score['fragility']),
            suspicion: num(score['suspicion']),
            ...(text(score['quadrant']) ? { quadrant: text(score['quadrant'])! } : {}),
            factors: factorsOf(score),
          },
        }
      : {}),
    funding: fundingOf(purl, version, meta, score),
  };
}
