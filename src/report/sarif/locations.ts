/**
 * Where a SARIF result points, so code scanning shows it in place:
 * - a finding on an inventory component → the lockfile (or SBOM) line that declares it;
 * - a finding on a repository or commit (history) → the file the evidence names, in that repo;
 * - otherwise → the first inventory source file, so every result has a location.
 * Files inside a package tarball are not in the user's repository: they stay in the message and
 * properties, not in locations.
 */
import { posix } from 'node:path';
import type { Location } from 'sarif';
import type { ScanResult } from '../../core/result.js';
import type { Finding, SourceLocation } from '../../core/types.js';

const encodePath = (p: string): string => p.split('/').map(encodeURIComponent).join('/');

const slash = (p: string): string => p.replace(/\\/g, '/');
const isAbs = (p: string): boolean => p.startsWith('/') || /^[A-Za-z]:\//.test(p);

/**
 * Where paths are resolved: files are read relative to the scanned directory (`targetPath`); SARIF
 * wants them relative to the repository root, which is `srcRoot` when given (e.g. the checkout
 * directory in CI, when a subdirectory was scanned) and the scanned directory otherwise.
 */
export interface UriBase {
  targetPath: string;
  srcRoot?: string;
}

/** A `%SRCROOT%`-relative URI when the file is under the root, else a file: URI. */
export function artifactUri(file: string, base: UriBase | string): { uri: string; uriBaseId?: string } {
  const b = typeof base === 'string' ? { targetPath: base } : base;
  const f = slash(file);
  const target = slash(b.targetPath).replace(/\/+$/, '');
  const root = b.srcRoot !== undefined ? slash(b.srcRoot).replace(/\/+$/, '') : undefined;
  let rel: string | undefined;
  if (root !== undefined && isAbs(target)) {
    const abs = isAbs(f) ? f : posix.join(target, f);
    const r = posix.relative(root, abs);
    if (!r.startsWith('..') && !isAbs(r)) rel = r;
  } else if (!isAbs(f)) rel = posix.normalize(f).replace(/^\.\//, '');
  else if (target && f.startsWith(`${target}/`)) rel = f.slice(target.length + 1);
  if (rel !== undefined && !rel.startsWith('../')) return { uri: encodePath(rel), uriBaseId: '%SRCROOT%' };
  const abs = isAbs(f) ? f : posix.join(target, f);
  return { uri: `file://${abs.startsWith('/') ? '' : '/'}${encodePath(abs)}` };
}

export function physical(loc: SourceLocation, targetPath: UriBase | string): Location {
  const region =
    loc.line && loc.line > 0 ? { startLine: loc.line, ...(loc.column && loc.column > 0 ? { startColumn: loc.column } : {}) } : undefined;
  return { physicalLocation: { artifactLocation: artifactUri(loc.file, targetPath), ...(region ? { region } : {}) } };
}

/** True for subjects that are a repository or a commit in one, not a package. */
export const isRepoSubject = (subject: string): boolean => !subject.startsWith('pkg:');

export function locationsFor(f: Finding, result: ScanResult, declared: Map<string, SourceLocation[]>, base: UriBase): Location[] {
  const target = base;
  const logical = [{ fullyQualifiedName: f.subject, kind: isRepoSubject(f.subject) ? 'repository' : 'package' }];
  const decl = declared.get(f.subject);
  if (decl?.length) return [{ ...physical(decl[0]!, target), logicalLocations: logical }];
  if (isRepoSubject(f.subject)) {
    const ev = f.evidence.find((e) => e.file);
    if (ev?.file) return [{ ...physical({ file: ev.file, ...(ev.line ? { line: ev.line } : {}) }, target), logicalLocations: logical }];
  }
  const src = result.inventory.sources[0]?.file;
  if (src) return [{ ...physical({ file: src, line: 1 }, target), logicalLocations: logical }];
  return [{ logicalLocations: logical }];
}
