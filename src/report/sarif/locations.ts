/**
 * Where a SARIF result points, so code scanning shows it in place:
 * - a finding on an inventory component → the lockfile (or SBOM) line that declares it;
 * - a finding on a repository or commit (history) → the file the evidence names, in that repo;
 * - otherwise → the first inventory source file, so every result has a location.
 * Files inside a package tarball are not in the user's repository: they stay in the message and
 * properties, not in locations.
 */
import type { Location } from 'sarif';
import type { ScanResult } from '../../core/result.js';
import type { Finding, SourceLocation } from '../../core/types.js';

const encodePath = (p: string): string => p.split('/').map(encodeURIComponent).join('/');

/** A repository-relative URI when the file is under the scanned directory, else a file: URI. */
export function artifactUri(file: string, targetPath: string): { uri: string; uriBaseId?: string } {
  const f = file.replace(/\\/g, '/');
  const base = targetPath.replace(/\\/g, '/').replace(/\/+$/, '');
  let rel: string | undefined;
  if (!f.startsWith('/') && !/^[A-Za-z]:\//.test(f)) rel = f.replace(/^\.\//, '');
  else if (base && f.startsWith(`${base}/`)) rel = f.slice(base.length + 1);
  if (rel !== undefined) return { uri: encodePath(rel), uriBaseId: '%SRCROOT%' };
  return { uri: `file://${f.startsWith('/') ? '' : '/'}${encodePath(f)}` };
}

export function physical(loc: SourceLocation, targetPath: string): Location {
  const region = loc.line && loc.line > 0 ? { startLine: loc.line, ...(loc.column && loc.column > 0 ? { startColumn: loc.column } : {}) } : undefined;
  return { physicalLocation: { artifactLocation: artifactUri(loc.file, targetPath), ...(region ? { region } : {}) } };
}

/** True for subjects that are a repository or a commit in one, not a package. */
export const isRepoSubject = (subject: string): boolean => !subject.startsWith('pkg:');

export function locationsFor(f: Finding, result: ScanResult, declared: Map<string, SourceLocation[]>): Location[] {
  const target = result.target.path;
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
