/**
 * OSV range semantics (osv-schema "Evaluation"): events are sorted by version; a version is affected
 * when the greatest event at or below it is an `introduced` (or it equals a `last_affected`), and,
 * when `limit` events exist, it is below one of them. `introduced: "0"` is the lowest version and
 * `limit: "*"` the highest. GIT ranges are never matched (vigil does not map versions to commits).
 */
import type { AffectedPackage, AffectedRange, RangeEvent, VersionScheme } from './model.js';
import { comparatorFor, isValidVersion, type Compare } from './versions.js';

function eventCompare(cmp: Compare) {
  return (a: RangeEvent, b: RangeEvent): number => {
    if (a.version === b.version) return 0;
    if (a.kind === 'introduced' && a.version === '0') return -1;
    if (b.kind === 'introduced' && b.version === '0') return 1;
    if (a.version === '*') return 1;
    if (b.version === '*') return -1;
    return cmp(a.version, b.version);
  };
}

/** Sorted copy of the events; memoized per range object (ranges are immutable after parsing). */
const sortedCache = new WeakMap<AffectedRange, RangeEvent[]>();
function sortedEvents(range: AffectedRange, cmp: Compare): RangeEvent[] {
  let s = sortedCache.get(range);
  if (!s) {
    s = [...range.events].sort(eventCompare(cmp));
    sortedCache.set(range, s);
  }
  return s;
}

export function rangeAffects(range: AffectedRange, scheme: VersionScheme, version: string): boolean {
  if (range.type === 'GIT') return false;
  const cmp = comparatorFor(scheme);
  if (!cmp || !isValidVersion(scheme, version)) return false;
  let affected = false;
  const limits: RangeEvent[] = [];
  for (const e of sortedEvents(range, cmp)) {
    if (e.kind === 'limit') {
      limits.push(e);
      continue;
    }
    if (e.kind === 'introduced') {
      if (e.version === '0' || cmp(version, e.version) >= 0) affected = true;
    } else if (e.kind === 'fixed') {
      if (cmp(version, e.version) >= 0) affected = false;
    } else if (cmp(version, e.version) > 0) {
      affected = false;
    }
  }
  if (affected && limits.length > 0) {
    affected = limits.some((l) => l.version === '*' || cmp(version, l.version) < 0);
  }
  return affected;
}

/** Is `version` affected according to this entry's ranges or its explicit versions list? */
export function packageAffects(pkg: AffectedPackage, version: string): boolean {
  if (pkg.versions.includes(version)) return true;
  const cmp = comparatorFor(pkg.scheme);
  if (cmp && isValidVersion(pkg.scheme, version)) {
    for (const v of pkg.versions) if (isValidVersion(pkg.scheme, v) && cmp(v, version) === 0) return true;
  }
  return pkg.ranges.some((r) => rangeAffects(r, pkg.scheme, version));
}

/**
 * Reject ranges whose events are out of order as written: a `fixed`/`last_affected`/`limit` that is
 * at or below the `introduced` it follows. Returns a description of the first violation.
 */
export function rangeOrderError(range: AffectedRange, scheme: VersionScheme): string | undefined {
  const cmp = comparatorFor(scheme);
  if (!cmp || range.type === 'GIT') return undefined;
  let intro: string | undefined;
  for (const e of range.events) {
    if (e.kind === 'introduced') intro = e.version;
    else if (e.kind !== 'limit' && intro !== undefined && intro !== '0') {
      const c = cmp(e.version, intro);
      if (c < 0 || (c === 0 && e.kind === 'fixed')) return `${e.kind} ${e.version} is not after introduced ${intro}`;
    }
  }
  return undefined;
}
