/**
 * Checks of installed packages against the configured archive indexes: is each installed
 * (name, version, arch) vouched for by a signed Packages index? Superseded versions (older than
 * what the archive carries) are facts, not findings: that is an out-of-date host, which the
 * advisory analyzers judge.
 */
import type { Evidence, Finding, InventoryComponent, Unavailable } from '../../core/types.js';
import type { DebArchiveData } from '../../sources/debian/archive-data.js';
import { compareDebianVersions } from '../../formats/debian/version.js';
import { RULE_NOT_IN_ARCHIVE, RULE_UNKNOWN_ORIGIN } from './rules.js';
import type { AnalyzerRef } from '../../core/types.js';

export interface ArchiveCheckFacts {
  /** name → suite where the installed version was found. */
  matched: number;
  superseded: { name: string; installed: string; archive: string; suite: string }[];
  notChecked: number;
}

export function checkAgainstArchive(
  comps: InventoryComponent[],
  archive: DebArchiveData,
  arches: ReadonlySet<string>,
  analyzer: AnalyzerRef,
): { findings: Finding[]; facts: ArchiveCheckFacts; unavailable: Unavailable[] } {
  const findings: Finding[] = [];
  const facts: ArchiveCheckFacts = { matched: 0, superseded: [], notChecked: 0 };
  const unavailable: Unavailable[] = [];
  const suites = archive.suites.map((s) => `${s.uri} ${s.suite}`).join(', ');
  for (const c of comps) {
    const arch = String(c.meta?.arch ?? '');
    if (arch !== 'all' && !arches.has(arch)) {
      facts.notChecked++;
      unavailable.push({ subject: c.purl, field: 'archive-index', reason: `no Packages index loaded for architecture ${arch}` });
      continue;
    }
    const entries = (archive.packages.get(c.name) ?? []).filter((e) => e.arch === arch || (arch === 'all' && e.arch === 'all'));
    const where: Evidence = {
      kind: 'metadata',
      label: 'installed (dpkg status)',
      field: 'Version',
      value: c.version,
      file: c.locations[0]?.file,
      line: c.locations[0]?.line,
    };
    if (!entries.length) {
      findings.push({
        rule: RULE_UNKNOWN_ORIGIN,
        severity: 'low',
        confidence: 'medium',
        subject: c.purl,
        analyzer,
        title: `${c.name} ${c.version} (${arch}) is in none of the configured archive suites`,
        evidence: [where, { kind: 'text', label: 'suites searched', excerpt: suites }],
        explanation: `No Packages index of ${suites} lists a package named ${c.name} for ${arch}: it was installed from a repository that is no longer configured, from a .deb file, or it was removed from the distribution.`,
        remediation: 'Configure the repository it comes from, or remove the package if it is obsolete.',
      });
      continue;
    }
    if (entries.some((e) => e.version === c.version)) {
      facts.matched++;
      continue;
    }
    const newest = entries.reduce((a, b) => (compareDebianVersions(a.version, b.version) >= 0 ? a : b));
    if (compareDebianVersions(c.version, newest.version) < 0) {
      facts.superseded.push({ name: c.name, installed: c.version, archive: newest.version, suite: newest.suite });
      continue;
    }
    findings.push({
      rule: RULE_NOT_IN_ARCHIVE,
      severity: 'medium',
      confidence: 'high',
      subject: c.purl,
      analyzer,
      title: `${c.name} ${c.version} is newer than anything in ${newest.suite} (${newest.version})`,
      evidence: [
        where,
        {
          kind: 'metadata',
          label: `archive (${newest.suite})`,
          field: 'Version',
          value: newest.version,
          before: newest.version,
          after: c.version,
        },
      ],
      explanation: `The configured suites (${suites}) carry ${c.name} up to ${newest.version}, but ${c.version} is installed: it was built locally, taken from another suite, or installed from a .deb file, and no signed index vouches for it.`,
      remediation: `Find where ${c.name} ${c.version} came from (apt policy ${c.name}); reinstall it from the archive if it should not be there.`,
    });
  }
  return { findings, facts, unavailable };
}
