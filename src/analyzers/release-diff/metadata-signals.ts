/**
 * Publisher and maintainer signals from registry metadata alone. Each release is compared with the
 * release published just before it (publish order, see previous-version.ts): maintainers and the
 * publishing account are package-level state, so a backport is compared with whatever was current.
 * A field the registry does not serve yields an Unavailable record, never a guess.
 */
import semver from 'semver';
import type { Evidence, Unavailable } from '../../core/types.js';
import type { NpmPerson, Packument, VersionManifest } from '../../sources/npm/types.js';
import { personKey, type HistoryIndex } from './history-index.js';
import type { Signal } from './types.js';
import { DORMANT_DAYS, WEIGHTS } from './weights.js';

const DAY = 86_400_000;

export interface MetadataResult {
  signals: Signal[];
  unavailable: Unavailable[];
  /** The release published just before (publish order). */
  before?: string;
}

export function unavailableField(
  p: Packument,
  subject: string,
  field: keyof Packument['available'],
  rawField: string,
  checks: string,
): Unavailable {
  const why = p.unavailableReasons?.[field] ?? `the registry did not serve ${rawField}`;
  return { subject, field: rawField, reason: `not available from this registry (${why}); ${checks} could not run` };
}

export function metadataSignals(p: Packument, version: string, h: HistoryIndex, subject: string): MetadataResult {
  const out: MetadataResult = { signals: [], unavailable: [] };
  const idx = h.indexOf.get(version);
  const cur = p.versions[version];
  if (idx === undefined || !cur) return out;
  const before = idx > 0 ? h.order[idx - 1] : undefined;
  if (before === undefined) return out;
  out.before = before;
  const prev = p.versions[before] as VersionManifest;
  const push = (s: Omit<Signal, 'source'>) => out.signals.push({ ...s, source: 'metadata' });

  // Publisher.
  let newPublisher = false;
  if (!p.available.npmUser) {
    out.unavailable.push(unavailableField(p, subject, 'npmUser', '_npmUser', 'new-publisher and dormant-takeover checks'));
  } else {
    const pub = personKey(cur.npmUser);
    if (pub !== undefined && h.firstWithPublisher >= 0 && h.firstWithPublisher < idx && h.firstPublish.get(pub) === idx) {
      newPublisher = true;
      const known = (h.firstMaintainer.get(pub) ?? Infinity) < idx;
      const earlier = [...new Set([personKey(prev.npmUser)].filter(Boolean))];
      push({
        rule: 'release-diff/new-publisher',
        weight: known ? WEIGHTS.newPublisherKnown : WEIGHTS.newPublisherOutsider,
        title: known
          ? `first release published by ${cur.npmUser?.name}, an existing maintainer`
          : `published by ${cur.npmUser?.name ?? cur.npmUser?.email}, an account that never published or maintained this package before`,
        evidence: [
          {
            kind: 'metadata',
            label: 'publisher (_npmUser)',
            field: '_npmUser',
            before: earlier[0] ? `${earlier[0]} (${before})` : undefined,
            after: who(cur.npmUser),
            excerpt: `${before}: ${who(prev.npmUser) ?? '?'} → ${version}: ${who(cur.npmUser)}`,
          },
        ],
      });
    }
  }

  // Maintainers.
  if (!p.available.maintainers && !cur.maintainers) {
    out.unavailable.push(unavailableField(p, subject, 'maintainers', 'maintainers', 'maintainer-set and e-mail-domain checks'));
  } else if (cur.maintainers?.length && prev.maintainers?.length) {
    maintainerSignals(prev.maintainers, cur.maintainers, before, version, push);
  }

  // Dormancy.
  if (!h.byTime) {
    out.unavailable.push(unavailableField(p, subject, 'time', 'time', 'dormancy and out-of-order checks'));
  } else {
    const t = h.timeOf(version);
    const tb = h.timeOf(before);
    if (t !== undefined && tb !== undefined && t - tb >= DORMANT_DAYS * DAY) {
      const days = Math.round((t - tb) / DAY);
      const ev: Evidence = {
        kind: 'metadata',
        label: 'publish time',
        field: 'time',
        before: `${before} ${new Date(tb).toISOString()}`,
        after: `${version} ${new Date(t).toISOString()}`,
        excerpt: `${days} days since the previous release`,
      };
      push(
        newPublisher
          ? {
              rule: 'release-diff/dormant-new-publisher',
              weight: WEIGHTS.dormantNewPublisher,
              title: `first release in ${days} days, by a new publisher`,
              evidence: [ev],
            }
          : { rule: 'release-diff/dormant-release', weight: WEIGHTS.dormant, title: `first release in ${days} days`, evidence: [ev] },
      );
    }
    const a = semver.parse(before);
    const b = semver.parse(version);
    if (a && b && !a.prerelease.length && !b.prerelease.length && a.major === b.major && a.minor === b.minor && b.compare(a) < 0) {
      push({
        rule: 'release-diff/version-anomaly',
        weight: WEIGHTS.outOfOrder,
        title: `${version} published after ${before} of the same minor line`,
        evidence: [{ kind: 'metadata', field: 'time', before: `${before} ${p.time?.[before]}`, after: `${version} ${p.time?.[version]}` }],
      });
    }
  }

  // gitHead: the previous release and at least 2 of the 3 before this one had it.
  if (!cur.gitHead && prev.gitHead) {
    const last3 = h.order.slice(Math.max(0, idx - 3), idx).filter((v) => p.versions[v]?.gitHead).length;
    if (last3 >= 2) {
      push({
        rule: 'release-diff/githead-missing',
        weight: WEIGHTS.gitHeadMissing,
        title: `no gitHead, while ${before} was published from commit ${prev.gitHead.slice(0, 12)}`,
        evidence: [{ kind: 'metadata', field: 'gitHead', before: prev.gitHead, after: null }],
      });
    }
  }

  if (h.byTime) {
    const burst = releaseBurst(p, h, version);
    if (burst) push(burst);
  }
  provenanceSignals(p, h, idx, version, before, subject, out, push);
  return out;
}

/** Releases within this many hours of each other form one burst. */
export const BURST_HOURS = 24;
/** Release lines: the major version, or `0.minor` before 1.0 (semver's compatibility unit). */
const lineOf = (v: semver.SemVer): string => (v.major > 0 ? `${v.major}` : `0.${v.minor}`);

/**
 * Several release lines published within hours (ua-parser-js 0.7.29/0.8.0/1.0.0, coa 2.x/3.x):
 * whoever holds a stolen token publishes into every line that users' ranges resolve to, at once.
 * Context (weight 0 here): healthy projects backport security fixes the same way; the correlation
 * layer counts it only next to something the release ships. Needs three earlier releases, so a
 * new package's first publishes do not count.
 */
function releaseBurst(p: Packument, h: HistoryIndex, version: string): Omit<Signal, 'source'> | undefined {
  const t = h.timeOf(version);
  const me = semver.parse(version);
  if (t === undefined || !me || me.prerelease.length) return undefined;
  // `order` is publish order (by time here): walk outwards from this release while inside the window.
  const idx = h.indexOf.get(version) ?? -1;
  const span = BURST_HOURS * 3_600_000;
  const near: { v: string; t: number }[] = [];
  let lo = idx;
  for (let i = idx - 1; i >= 0; i--) {
    const tv = h.timeOf(h.order[i]!);
    if (tv === undefined || tv < t - span) break;
    near.push({ v: h.order[i]!, t: tv });
    lo = i;
  }
  for (let i = idx + 1; i < h.order.length; i++) {
    const tv = h.timeOf(h.order[i]!);
    if (tv === undefined || tv > t + span) break;
    near.push({ v: h.order[i]!, t: tv });
  }
  const earlier = lo;
  if (earlier < 3) return undefined;
  const lines = new Map<string, string[]>();
  for (const n of near) {
    const sv = semver.parse(n.v);
    if (!sv || sv.prerelease.length) continue;
    const l = lineOf(sv);
    if (l !== lineOf(me)) lines.set(l, [...(lines.get(l) ?? []), n.v]);
  }
  if (lines.size === 0) return undefined;
  const others = [...lines.values()].flat();
  return {
    rule: 'release-diff/release-burst',
    weight: WEIGHTS.releaseBurst,
    title: `published within ${BURST_HOURS} hours of ${others.join(', ')} on ${lines.size} other release line(s)`,
    evidence: [
      {
        kind: 'metadata',
        label: 'publish times',
        field: 'time',
        after: `${version} ${new Date(t).toISOString()}`,
        excerpt: near
          .filter((n) => others.includes(n.v))
          .map((n) => `${n.v} ${new Date(n.t).toISOString()}`)
          .join(', ')
          .slice(0, 300),
      },
    ],
  };
}

function who(p: NpmPerson | undefined): string | undefined {
  if (!p) return undefined;
  return p.email ? `${p.name ?? ''} <${p.email}>`.trim() : p.name;
}

const domain = (e: string | undefined): string | undefined => e?.split('@')[1]?.toLowerCase();

function maintainerSignals(
  prev: NpmPerson[],
  cur: NpmPerson[],
  before: string,
  version: string,
  push: (s: Omit<Signal, 'source'>) => void,
): void {
  const pk = new Map(prev.map((m) => [personKey(m), m]));
  const ck = new Map(cur.map((m) => [personKey(m), m]));
  const added = [...ck.keys()].filter((k) => k !== undefined && !pk.has(k)) as string[];
  const kept = [...ck.keys()].filter((k) => k !== undefined && pk.has(k)) as string[];
  const ev: Evidence = {
    kind: 'metadata',
    label: 'maintainers',
    field: 'maintainers',
    before: prev.map(who),
    after: cur.map(who),
    excerpt: `${before}: ${prev.map((m) => m.name).join(', ')} → ${version}: ${cur.map((m) => m.name).join(', ')}`,
  };
  if (kept.length === 0) {
    push({
      rule: 'release-diff/maintainers-replaced',
      weight: cur.length >= 3 ? WEIGHTS.maintainersReplacedByTeam : WEIGHTS.maintainersReplaced,
      title: `every maintainer of ${before} is gone; now ${cur.map((m) => m.name).join(', ')}`,
      evidence: [ev],
    });
  } else if (added.length > 0) {
    push({
      rule: 'release-diff/maintainer-added',
      weight: WEIGHTS.maintainerAdded,
      title: `maintainer${added.length > 1 ? 's' : ''} added: ${added.join(', ')}`,
      evidence: [ev],
    });
  }
  for (const k of kept) {
    const a = pk.get(k);
    const b = ck.get(k);
    const da = domain(a?.email);
    const db = domain(b?.email);
    if (da && db && da !== db) {
      push({
        rule: 'release-diff/maintainer-email-domain',
        weight: WEIGHTS.maintainerEmailDomain,
        title: `maintainer ${k} changed e-mail domain: ${da} → ${db}`,
        evidence: [{ kind: 'metadata', label: `maintainer ${k}`, field: `maintainers[${k}].email`, before: a?.email, after: b?.email }],
      });
    }
  }
}

const hasProvenance = (m: VersionManifest | undefined): boolean => m?.dist.attestations !== undefined && m.dist.attestations !== null;
const hasSignatures = (m: VersionManifest | undefined): boolean => Array.isArray(m?.dist.signatures) && m.dist.signatures.length > 0;

function provenanceSignals(
  p: Packument,
  h: HistoryIndex,
  idx: number,
  version: string,
  before: string,
  subject: string,
  out: MetadataResult,
  push: (s: Omit<Signal, 'source'>) => void,
): void {
  const cur = p.versions[version];
  const prev = p.versions[before];
  // A registry that serves publishers but no attestation anywhere: no release has provenance, so
  // there is nothing to drop (the check ran). Without publishers either, it is a stripping mirror.
  if (!p.available.attestations && !p.available.npmUser) {
    out.unavailable.push(unavailableField(p, subject, 'attestations', 'dist.attestations', 'provenance-dropped check'));
  } else if (p.available.attestations && hasProvenance(prev) && !hasProvenance(cur)) {
    const streak = h.order.slice(Math.max(0, idx - 4), idx).filter((v) => hasProvenance(p.versions[v])).length;
    push({
      rule: 'release-diff/provenance-dropped',
      weight: WEIGHTS.provenanceDropped + (streak >= 4 ? WEIGHTS.provenanceConsistent : 0),
      title: `published without provenance; ${before}${streak >= 4 ? ' and the 3 releases before it' : ''} had provenance attestations`,
      evidence: [
        {
          kind: 'metadata',
          field: 'dist.attestations',
          before: prev?.dist.attestations,
          after: null,
          excerpt: `${before}: attested → ${version}: none`,
        },
      ],
    });
  }
  if (!p.available.signatures && !p.available.npmUser) {
    out.unavailable.push(unavailableField(p, subject, 'signatures', 'dist.signatures', 'registry-signature check'));
  } else if (p.available.signatures && hasSignatures(prev) && !hasSignatures(cur)) {
    push({
      rule: 'release-diff/signatures-dropped',
      weight: WEIGHTS.signaturesDropped,
      title: `no registry signature, while ${before} had one`,
      evidence: [{ kind: 'metadata', field: 'dist.signatures', before: `${prev?.dist.signatures?.length} signature(s)`, after: null }],
    });
  }
}
