/**
 * Version ordering per scheme. npm uses semver (prereleases order before their release); Debian uses
 * dpkg ordering from the Debian source module. `other` cannot be ordered: only exact matches count.
 */
import semver from 'semver';
import { compareDebianVersions } from '../debian/version.js';
import type { VersionScheme } from './model.js';

export type Compare = (a: string, b: string) => number;

/** A loose sanity check for a Debian version: `[epoch:]upstream[-revision]`, starting with a digit. */
const DEB_VERSION = /^(\d+:)?[0-9][A-Za-z0-9.+~:-]*$/;

export function isValidVersion(scheme: VersionScheme, v: string): boolean {
  if (scheme === 'semver') return semver.valid(v) !== null;
  if (scheme === 'dpkg') return DEB_VERSION.test(v);
  return v.length > 0;
}

export function comparatorFor(scheme: VersionScheme): Compare | undefined {
  if (scheme === 'semver') return (a, b) => semver.compare(a, b);
  if (scheme === 'dpkg') return compareDebianVersions;
  return undefined;
}

/** Compare two versions, or undefined when the scheme cannot or either side is invalid. */
export function compareVersions(scheme: VersionScheme, a: string, b: string): number | undefined {
  const cmp = comparatorFor(scheme);
  if (!cmp || !isValidVersion(scheme, a) || !isValidVersion(scheme, b)) return undefined;
  return cmp(a, b);
}
