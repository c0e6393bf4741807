/**
 * Is a newly added dependency young or tiny? Read from that dependency's own packument (through
 * the injected lookup): young = first published less than YOUNG_DEPENDENCY_DAYS before the release
 * that added it (needs real `time` on both); tiny = the version the range resolves to (as of the
 * release date when times are real) unpacks to under TINY_DEPENDENCY_BYTES or ≤ 2 files (needs
 * `dist.unpackedSize` / `dist.fileCount`). What the registry does not serve is reported.
 */
import semver from 'semver';
import { toProblem } from '../../core/errors.js';
import type { Problem, Unavailable } from '../../core/types.js';
import type { Packument } from '../../sources/npm/types.js';
import { personKey } from './history-index.js';
import type { PackumentLookup, Signal } from './types.js';
import { TINY_DEPENDENCY_BYTES, WEIGHTS, YOUNG_DEPENDENCY_DAYS } from './weights.js';

const DAY = 86_400_000;

export interface DependencyInfoResult {
  signals: Signal[];
  unavailable: Unavailable[];
  problems: Problem[];
}

/**
 * `isEstablished(publisherKey)`: did this account publish the package under analysis before this
 * release? A young dependency first published by such an account is an author splitting their
 * library into modules (weighted low); by anyone else, the event-stream shape.
 */
/**
 * `sameOwner(dependency)`: the dependency is in an npm scope the previous release already depended
 * on (only its owner publishes there): its size is not a payload sign (prebuilt platform packages
 * hold one binary), and its age counts as the established author's.
 */
export async function newDependencyInfo(
  added: Record<string, string>,
  releaseTime: number | undefined,
  lookup: PackumentLookup | undefined,
  subject: string,
  isEstablished: (publisher: string) => boolean = () => false,
  sameOwner: (dependency: string) => boolean = () => false,
): Promise<DependencyInfoResult> {
  const out: DependencyInfoResult = { signals: [], unavailable: [], problems: [] };
  const names = Object.keys(added).sort().slice(0, 20);
  if (names.length === 0) return out;
  if (!lookup) {
    out.unavailable.push({
      subject,
      field: 'dependency packuments',
      reason: `age and size of new dependencies (${names.join(', ')}) not checked: no registry lookup in this run`,
    });
    return out;
  }
  for (const name of names) {
    const spec = added[name] as string;
    let dp: Packument;
    try {
      dp = await lookup(name);
    } catch (e) {
      out.problems.push({ ...toProblem(e, name), message: `new dependency ${name}: ${(e as Error).message}` });
      continue;
    }
    age(dp, name, releaseTime, subject, out, (k) => sameOwner(name) || isEstablished(k));
    if (!sameOwner(name)) size(dp, name, spec, releaseTime, subject, out);
  }
  return out;
}

function firstPublished(dp: Packument): number | undefined {
  if (!dp.available.time || !dp.time) return undefined;
  const created = Date.parse(dp.time.created ?? '');
  if (!Number.isNaN(created)) return created;
  const all = Object.keys(dp.versions)
    .map((v) => Date.parse(dp.time?.[v] ?? ''))
    .filter((t) => !Number.isNaN(t));
  return all.length ? Math.min(...all) : undefined;
}

function firstPublisher(dp: Packument): string | undefined {
  if (!dp.available.npmUser) return undefined;
  let best: { t: number; who?: string } | undefined;
  for (const [v, m] of Object.entries(dp.versions)) {
    const t = Date.parse(dp.time?.[v] ?? '');
    if (!Number.isNaN(t) && (!best || t < best.t)) best = { t, ...(personKey(m.npmUser) ? { who: personKey(m.npmUser) } : {}) };
  }
  return best?.who;
}

function age(
  dp: Packument,
  name: string,
  releaseTime: number | undefined,
  subject: string,
  out: DependencyInfoResult,
  isEstablished: (k: string) => boolean,
): void {
  const first = firstPublished(dp);
  if (first === undefined || releaseTime === undefined) {
    const why =
      releaseTime === undefined ? 'this release has no trusted publish time' : (dp.unavailableReasons?.time ?? 'no publish times');
    out.unavailable.push({
      subject,
      field: 'time',
      reason: `not available from this registry (${why}); age of new dependency ${name} not checked`,
    });
    return;
  }
  const days = (releaseTime - first) / DAY;
  if (days < YOUNG_DEPENDENCY_DAYS) {
    const author = firstPublisher(dp);
    const own = isEstablished(author ?? '');
    out.signals.push({
      rule: 'release-diff/young-dependency',
      weight: own ? WEIGHTS.youngDependencyOwnAuthor : WEIGHTS.youngDependency,
      source: 'content',
      title: `new dependency ${name} was first published ${Math.max(0, Math.round(days))} days before this release${author ? ` by ${author}${own ? ', who already published this package' : ', who never published this package'}` : ''}`,
      evidence: [
        {
          kind: 'metadata',
          label: `${name} created`,
          field: `${name}:time.created`,
          value: new Date(first).toISOString(),
          excerpt: `${name} first published ${new Date(first).toISOString()}`,
        },
      ],
    });
  }
}

function size(
  dp: Packument,
  name: string,
  spec: string,
  releaseTime: number | undefined,
  subject: string,
  out: DependencyInfoResult,
): void {
  const candidates = Object.keys(dp.versions).filter(
    (v) => releaseTime === undefined || !dp.available.time || Date.parse(dp.time?.[v] ?? '') <= releaseTime,
  );
  const v = dp.versions[spec] ? spec : (semver.maxSatisfying(candidates, spec) ?? dp.distTags.latest);
  const m = v ? dp.versions[v] : undefined;
  if (!m) return;
  const bytes = m.dist.unpackedSize;
  const count = m.dist.fileCount;
  if (bytes === undefined && count === undefined) {
    out.unavailable.push({
      subject,
      field: 'dist.unpackedSize',
      reason: `not available from this registry (no dist.unpackedSize/fileCount for ${name}@${v}); size of the new dependency not checked`,
    });
    return;
  }
  if ((bytes !== undefined && bytes < TINY_DEPENDENCY_BYTES) || (count !== undefined && count <= 2)) {
    out.signals.push({
      rule: 'release-diff/tiny-dependency',
      weight: WEIGHTS.tinyDependency,
      source: 'content',
      title: `new dependency ${name}@${v} is tiny (${bytes ?? '?'} bytes, ${count ?? '?'} files)`,
      evidence: [
        {
          kind: 'metadata',
          label: `${name}@${v} size`,
          field: `${name}:dist.unpackedSize`,
          value: bytes,
          excerpt: `${bytes ?? '?'} bytes in ${count ?? '?'} files`,
        },
      ],
    });
  }
}
