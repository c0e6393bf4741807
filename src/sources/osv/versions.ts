/**
 * Version ordering per scheme. npm uses semver (prereleases order before their release); Debian uses
 * dpkg ordering from the Debian source module. `other` cannot be ordered: only exact matches count.
 */
import semver from 'semver';
import { compareDebianVersions } from '../../formats/debian/version.js';
import type { VersionScheme } from './model.js';

export type Compare = (a: string, b: string) => number;

/** A loose sanity check for a Debian version: `[epoch:]upstream[-revision]`, starting with a digit. */
const DEB_VERSION = /^(\d+:)?[0-9][A-Za-z0-9.+~:-]*$/;

/**
 * Parsed semver versions, memoized: matching compares the same few strings (range events, installed
 * versions) many times, and parsing dominates. Bounded so a huge import cannot grow it without end.
 */
const parsedSemver = new Map<string, semver.SemVer | null>();
const MAX_CACHED = 200_000;
function parseSemver(v: string): semver.SemVer | null {
  let p = parsedSemver.get(v);
  if (p === undefined) {
    p = semver.parse(v);
    if (parsedSemver.size >= MAX_CACHED) parsedSemver.clear();
    parsedSemver.set(v, p);
  }
  return p;
}
const compareSemver: Compare = (a, b) => {
  const pa = parseSemver(a),
    pb = parseSemver(b);
  return pa && pb ? pa.compare(pb) : semver.compare(a, b);
};

export function isValidVersion(scheme: VersionScheme, v: string): boolean {
  if (scheme === 'semver') return parseSemver(v) !== null;
  if (scheme === 'dpkg') return DEB_VERSION.test(v);
  return v.length > 0;
}

export function comparatorFor(scheme: VersionScheme): Compare | undefined {
  if (scheme === 'semver') return compareSemver;
  if (scheme === 'dpkg') return compareDebianVersions;
  return undefined;
}

/** Compare two versions, or undefined when the scheme cannot or either side is invalid. */
export function compareVersions(scheme: VersionScheme, a: string, b: string): number | undefined {
  const cmp = comparatorFor(scheme);
  if (!cmp || !isValidVersion(scheme, a) || !isValidVersion(scheme, b)) return undefined;
  return cmp(a, b);
}
