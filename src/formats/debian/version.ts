/**
 * Debian version ordering, exactly as dpkg does it (lib/dpkg/version.c: parseversion, verrevcmp).
 *
 * A version is `[epoch:]upstream[-revision]`: the epoch is the digits before the first `:`, the
 * revision is what follows the LAST `-` (absent = empty, which compares equal to `0`). Parts are
 * compared left to right in alternating runs of non-digits (char by char: `~` sorts before the
 * end of the string, which sorts before letters, which sort before every other character) and
 * digits (numerically, leading zeros ignored).
 *
 * The comparison never throws: malformed input is compared the way dpkg would if it accepted it.
 * Use `validateDebianVersion` to learn what dpkg would reject.
 */

export interface DebianVersion {
  epoch: number;
  upstream: string;
  /** '' when the version has no `-revision` part. */
  revision: string;
}

export function parseDebianVersion(v: string): DebianVersion {
  const s = v.trim();
  const colon = s.indexOf(':');
  let epoch = 0;
  let rest = s;
  if (colon >= 0) {
    const e = s.slice(0, colon);
    epoch = /^[0-9]+$/.test(e) ? Number.parseInt(e, 10) : 0;
    rest = s.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  if (dash >= 0) return { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) };
  return { epoch, upstream: rest, revision: '' };
}

/** What dpkg would say about a version string, or undefined when it is acceptable. */
export function validateDebianVersion(v: string): string | undefined {
  const s = v.trim();
  if (s === '') return 'version string is empty';
  if (/\s/.test(s)) return 'version string has embedded spaces';
  const colon = s.indexOf(':');
  if (colon >= 0) {
    const e = s.slice(0, colon);
    if (e === '') return 'epoch in version is empty';
    if (!/^[0-9]+$/.test(e)) return 'epoch in version is not number';
  }
  const { upstream, revision } = parseDebianVersion(s);
  if (upstream === '') return 'nothing after colon in version number';
  if (s.slice(colon + 1).endsWith('-')) return 'revision number is empty';
  if (!/^[0-9]/.test(upstream)) return 'version number does not start with digit';
  if (!/^[A-Za-z0-9.+~:-]+$/.test(upstream)) return 'invalid character in version number';
  if (!/^[A-Za-z0-9.+~]*$/.test(revision)) return 'invalid character in revision number';
  return undefined;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** dpkg's `order()`: 0 for end/digit, letters by code, `~` = -1, anything else after letters. */
function order(c: number): number {
  if (Number.isNaN(c) || isDigit(c)) return 0;
  if (isAlpha(c)) return c;
  if (c === 126) return -1;
  return c + 256;
}

/** dpkg's `verrevcmp()` over one part (upstream or revision). Sign is the answer. */
export function compareVersionPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const ac = order(a.charCodeAt(i));
      const bc = order(b.charCodeAt(j));
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a.charCodeAt(i) === 48) i++;
    while (b.charCodeAt(j) === 48) j++;
    while (isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(j))) {
      if (!firstDiff) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a.charCodeAt(i))) return 1;
    if (isDigit(b.charCodeAt(j))) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}

/** Negative, zero or positive like `dpkg --compare-versions a lt|eq|gt b`. Returns -1, 0 or 1. */
export function compareDebianVersions(a: string, b: string): number {
  const va = parseDebianVersion(a);
  const vb = parseDebianVersion(b);
  if (va.epoch !== vb.epoch) return va.epoch > vb.epoch ? 1 : -1;
  const r = compareVersionPart(va.upstream, vb.upstream) || compareVersionPart(va.revision, vb.revision);
  return Math.sign(r);
}

/** Relation operators as they appear in Depends fields: `<<`, `<=`, `=`, `>=`, `>>` (and old `<`, `>`). */
export type DebianRelation = '<<' | '<=' | '=' | '>=' | '>>';

/** True when `version` satisfies `op ref` (old `<` and `>` mean `<=` and `>=`, as dpkg reads them). */
export function satisfiesDebianRelation(version: string, op: string, ref: string): boolean {
  const c = compareDebianVersions(version, ref);
  switch (op) {
    case '<<':
      return c < 0;
    case '<=':
    case '<':
      return c <= 0;
    case '=':
      return c === 0;
    case '>=':
    case '>':
      return c >= 0;
    case '>>':
      return c > 0;
    default:
      return false;
  }
}
