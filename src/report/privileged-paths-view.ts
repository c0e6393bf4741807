/**
 * Which library paths of a privileged service to show first: the paths that matter are the ones
 * to libraries that are themselves flagged (a finding on them) or fragile (carried by one person),
 * then libraries loaded only through another library (sshd → libsystemd0 → liblzma5, the xz-utils
 * shape), then the rest. Shared by the terminal and Markdown renderers; reads `facts.debian`.
 */
import type { ScanResult } from '../core/result.js';
import type { Severity } from '../core/types.js';
import { severityRank } from '../core/result-builder.js';
import { carriedByOnePerson } from '../analyzers/debian/people.js';
import { readResultFacts } from '../core/facts.js';
import { isObj } from '../core/guards.js';
import { DEBIAN_FACTS } from '../analyzers/debian/host-analysis.js';

export interface RankedLibraryPath {
  path: string[];
  library: string;
  source: string;
  /** Highest unsuppressed finding on the library, with its rule. */
  flagged?: { severity: Severity; rule: string };
  /** The one person carrying the library's source package (or "orphaned"). */
  fragile?: string;
  /** Loaded only through another library (path longer than service → library). */
  indirect: boolean;
}

export interface RankedService {
  service: string;
  package: string;
  exposure: string;
  libraries: number;
  paths: RankedLibraryPath[];
}

export function rankPrivilegedPaths(r: ScanResult): RankedService[] {
  const debian = readResultFacts(r, DEBIAN_FACTS);
  // Read tolerantly: a stored or hand-made result may hold other shapes; only service facts are ranked.
  const services = (debian?.privilegedPaths ?? []).filter((s) => isObj(s) && Array.isArray(s.libraries));
  const people = debian?.people ?? {};
  const worst = new Map<string, { severity: Severity; rule: string }>();
  for (const f of r.findings) {
    if (f.suppressed) continue;
    const prev = worst.get(f.subject);
    if (!prev || severityRank(f.severity) > severityRank(prev.severity)) worst.set(f.subject, { severity: f.severity, rule: f.rule });
  }
  return services.map((s) => {
    const paths = s.libraries
      .filter((l) => Array.isArray(l?.path))
      .map((l): RankedLibraryPath => {
        const p = people[l.source];
        const one =
          p && carriedByOnePerson(p) ? (p.kind === 'orphaned' ? 'orphaned' : (p.individuals[0]?.name ?? 'one person')) : undefined;
        const flagged = worst.get(l.purl);
        return {
          path: l.path,
          library: l.name,
          source: l.source,
          ...(flagged ? { flagged } : {}),
          ...(one ? { fragile: one } : {}),
          indirect: l.path.length > 2,
        };
      });
    const score = (x: RankedLibraryPath) =>
      (x.flagged ? 100 + severityRank(x.flagged.severity) * 10 : 0) + (x.fragile ? 20 : 0) + (x.indirect ? 5 + x.path.length : 0);
    paths.sort((a, b) => score(b) - score(a) || a.path.join(' ').localeCompare(b.path.join(' ')));
    return { service: s.service, package: s.package, exposure: s.exposure, libraries: s.libraries.length, paths };
  });
}

/** Why this path is listed: "high deb/…; one maintainer: X; loaded through libsystemd0". */
export function pathReasons(p: RankedLibraryPath): string {
  const why: string[] = [];
  if (p.flagged) why.push(`${p.flagged.severity} ${p.flagged.rule}`);
  if (p.fragile) why.push(p.fragile === 'orphaned' ? `${p.source} is orphaned` : `${p.source} carried by one person: ${p.fragile}`);
  if (p.indirect) why.push(`loaded through ${p.path.slice(1, -1).join(' › ')}`);
  return why.join('; ');
}
