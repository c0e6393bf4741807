/**
 * The Debian host analysis over an Inventory: privileged library paths (always, offline), and
 * when archive data is available (the `debianArchive` service of the run): who maintains each
 * installed source package, single-maintainer libraries on privileged paths, and the
 * installed-versus-archive checks. Without archive data those checks are reported Unavailable.
 */
import type { AnalyzerRef, Finding, Inventory, InventoryComponent, Unavailable } from '../../core/types.js';
import type { InventoryAnalyzer } from '../types.js';
import type { DebArchiveData, LoadedSuite } from '../../sources/debian/archive-data.js';
import { compareDebianVersions } from '../../formats/debian/version.js';
import { checkAgainstArchive, type ArchiveCheckFacts } from './archive-checks.js';
import { carriedByOnePerson, sourcePeople, type SourcePeople } from './people.js';
import { computePrivilegedPaths, type PrivilegedPathFact } from './privileged-paths.js';
import { confirmWithElf } from './elf-confirm.js';
import { riskSignals, singleMaintainerSeverity, type RiskSignals } from './risk-signals.js';
import { hostCriticality, type SourceCriticality } from './criticality.js';
import { DEBIAN_RULES, RULE_SINGLE_MAINTAINER } from './rules.js';
import { defineFacts } from '../../core/facts.js';
import { isObj } from '../../core/guards.js';

export const DEBIAN_ANALYZER: AnalyzerRef = { id: 'debian', version: '0.1.0' };

export interface DebianFacts {
  privilegedPaths: PrivilegedPathFact[];
  /** Source package → its people (only with archive data). */
  people: Record<string, SourcePeople>;
  /** Individuals carrying source packages on privileged paths, most first. */
  criticalLoad: { person: string; email: string; sources: string[] }[];
  suites: LoadedSuite[];
  archive?: ArchiveCheckFacts;
  /** Upload history (debian/changelog) per source package on a privileged path (host scans with the archive). */
  uploads?: Record<string, import('./uploads.js').UploadHistory>;
  /** Installed source packages ranked by criticality on this host, with reasons. */
  criticality: SourceCriticality[];
  /** Archive indexes read for a host scan, and how long it took (`vigil host`). */
  archiveLoad?: Record<string, number>;
}

export function latestSource(archive: DebArchiveData, source: string) {
  const list = archive.sources.get(source);
  return list?.reduce((a, b) => (compareDebianVersions(a.version, b.version) >= 0 ? a : b));
}

export interface DebianAnalysisOptions {
  /** Root filesystem of the scanned system: enables ELF DT_NEEDED confirmation of privileged paths. */
  root?: string;
  nativeArch?: string;
  /** Upload histories (debian/changelog) by source package, used as evidence. */
  uploads?: Record<string, import('./uploads.js').UploadHistory>;
}

export function analyzeDebianInventory(
  inv: Inventory,
  archive?: DebArchiveData,
  opts: DebianAnalysisOptions = {},
): { findings: Finding[]; facts: DebianFacts; unavailable: Unavailable[] } {
  const debs = inv.components.filter((c) => c.ecosystem === 'deb');
  const privilegedPaths = computePrivilegedPaths(inv);
  if (opts.root && opts.nativeArch) confirmWithElf(privilegedPaths, opts.root, opts.nativeArch);
  const facts: DebianFacts = {
    privilegedPaths,
    people: {},
    criticalLoad: [],
    suites: archive?.suites ?? [],
    criticality: hostCriticality(inv, privilegedPaths),
  };
  const findings: Finding[] = [];
  const unavailable: Unavailable[] = [];
  if (!archive || archive.suites.length === 0) {
    unavailable.push({
      subject: inv.sources[0]?.file ?? 'host',
      field: 'debian-archive',
      reason: 'Debian archive indexes not loaded: maintainers and archive checks skipped',
    });
    return { findings, facts, unavailable };
  }
  for (const c of debs) {
    const src = String(c.meta?.source ?? c.name);
    if (facts.people[src]) continue;
    const entry = latestSource(archive, src);
    if (entry) facts.people[src] = sourcePeople(src, entry);
    else unavailable.push({ subject: c.purl, field: 'maintainers', reason: `source package ${src} not in the loaded Sources indexes` });
  }
  // Libraries on privileged paths, grouped by source package (one finding per source).
  const bySource = new Map<string, { comps: InventoryComponent[]; hits: Hit[] }>();
  const byPurl = new Map(debs.map((c) => [c.purl, c] as const));
  for (const svc of privilegedPaths) {
    for (const lib of svc.libraries) {
      const comp = byPurl.get(lib.purl);
      if (!comp) continue;
      const src = String(comp.meta?.source ?? comp.name);
      const g = bySource.get(src) ?? bySource.set(src, { comps: [], hits: [] }).get(src)!;
      if (!g.comps.includes(comp)) g.comps.push(comp);
      g.hits.push({ svc, path: lib.path, elf: lib.elf?.confirmed ? (lib.elf.via?.join(' → ') ?? lib.elf.soname) : undefined });
    }
  }
  const arches = new Set(
    Object.keys(Object.assign({}, ...archive.suites.map((s) => s.indexes)))
      .map((p) => /binary-([^/]+)\//.exec(p)?.[1])
      .filter((a): a is string => !!a),
  );
  const chk = checkAgainstArchive(debs, archive, arches, DEBIAN_ANALYZER);
  const load = new Map<string, { person: string; email: string; sources: Set<string> }>();
  for (const [src, { comps, hits }] of bySource) {
    const people = facts.people[src];
    if (!people) continue;
    for (const p of people.individuals) {
      const k = p.email.toLowerCase();
      (load.get(k) ?? load.set(k, { person: p.name, email: p.email, sources: new Set() }).get(k)!).sources.add(src);
    }
    if (!carriedByOnePerson(people)) continue;
    const uploads = opts.uploads?.[src];
    findings.push(singleMaintainerFinding(src, comps, hits, people, uploads, riskSignals(comps, chk.findings, uploads)));
  }
  facts.criticalLoad = [...load.values()]
    .map((l) => ({ person: l.person, email: l.email, sources: [...l.sources].sort() }))
    .sort((a, b) => b.sources.length - a.sources.length || a.email.localeCompare(b.email))
    .slice(0, 25);
  findings.push(...chk.findings);
  unavailable.push(...chk.unavailable);
  facts.archive = chk.facts;
  return { findings, facts, unavailable };
}

interface Hit {
  svc: PrivilegedPathFact;
  path: string[];
  elf?: string;
}

function singleMaintainerFinding(
  src: string,
  comps: InventoryComponent[],
  hits: Hit[],
  people: SourcePeople,
  uploads: import('./uploads.js').UploadHistory | undefined,
  risks: RiskSignals,
): Finding {
  comps.sort((a, b) => a.name.localeCompare(b.name));
  const network = hits.some((h) => h.svc.exposure === 'network');
  const services = [...new Set(hits.map((h) => h.svc.service))];
  const names = comps.map((c) => c.name).join(', ');
  const who =
    people.kind === 'orphaned' ? 'orphaned (Debian QA group)' : `one person: ${people.maintainer.name} <${people.maintainer.email}>`;
  const label = `${people.suite} Sources, ${src} ${people.version}`;
  // Shortest path per service, so the evidence shows each service once.
  const shortest = new Map<string, Hit>();
  const elf = hits.filter((h) => h.elf);
  for (const h of hits) {
    const cur = shortest.get(h.svc.service);
    if (!cur || h.path.length < cur.path.length) shortest.set(h.svc.service, h);
  }
  return {
    rule: RULE_SINGLE_MAINTAINER,
    severity: singleMaintainerSeverity(network, risks.level),
    confidence: elf.length ? 'high' : 'medium',
    subject: comps[0]!.purl,
    analyzer: DEBIAN_ANALYZER,
    title: `${names} (source ${src}) loaded by ${services.join(', ')} is maintained by ${who}`,
    evidence: [
      {
        kind: 'metadata',
        label,
        field: 'Maintainer',
        value: people.maintainer.email ? `${people.maintainer.name} <${people.maintainer.email}>` : people.maintainer.name,
        line: people.line,
      },
      { kind: 'metadata', label, field: 'Uploaders', value: people.uploaders.map((u) => `${u.name} <${u.email}>`).join(', ') || '(none)' },
      ...[...shortest.values()]
        .slice(0, 6)
        .map((h) => ({ kind: 'path' as const, label: `${h.svc.service} (${h.svc.exposure})`, path: h.path })),
      ...elf.slice(0, 3).map((h) => ({
        kind: 'file' as const,
        label: `ELF DT_NEEDED of ${h.svc.elf?.binaries.join(', ')}`,
        file: h.svc.elf?.binaries[0],
        excerpt: `DT_NEEDED chain: ${h.elf}`,
      })),
      ...(uploads
        ? [
            {
              kind: 'metadata' as const,
              label: 'debian/changelog',
              field: 'uploads',
              value: `${uploads.uploads} uploads since ${uploads.first?.slice(0, 10) ?? '?'}, last ${uploads.last?.slice(0, 10) ?? '?'}, ${uploads.recent} in its last 2 years, ${uploads.nmus} NMUs; uploaders: ${uploads.people
                .slice(0, 3)
                .map((p) => `${p.name} (${p.uploads})`)
                .join(', ')}`,
            },
          ]
        : []),
      ...risks.evidence,
    ],
    explanation:
      `${src} ${people.version} in ${people.suite} has no maintaining team and ${people.individuals.length === 0 ? 'no' : 'one'} individual maintainer. ` +
      `Its binary package(s) ${names} are on the shared-library path of ${services.join(', ')}${network ? ' (network-facing)' : ''}, so this code runs inside those services. ` +
      'This is the profile xz-utils had before CVE-2024-3094: critical placement, one person carrying it. ' +
      (risks.evidence.length
        ? `It comes with ${risks.evidence.length} risk signal${risks.evidence.length === 1 ? '' : 's'} (see evidence), so it is reported above fragility, to look at.`
        : 'Alone that is fragility to rank and fund, not an incident: no risk signal (an unvouched build, a newcomer uploading) was seen.'),
    remediation:
      "Review the package's recent uploads; consider funding or co-maintaining it; prefer service builds that do not load it when possible.",
  };
}

/** Registry entry: works offline (privileged paths); archive checks need the memoized archive data. */
export const debianHostAnalyzer: InventoryAnalyzer = {
  kind: 'inventory',
  id: DEBIAN_ANALYZER.id,
  version: DEBIAN_ANALYZER.version,
  needs: {},
  code: ['analyzers/debian', 'sources/debian', 'formats/debian', 'core/types.ts'],
  rules: DEBIAN_RULES,
  analyze(ctx) {
    if (!ctx.inventory.components.some((c) => c.ecosystem === 'deb')) return { findings: [] };
    const out = analyzeDebianInventory(ctx.inventory, ctx.services.debianArchive);
    return { findings: out.findings, facts: out.facts, unavailable: out.unavailable };
  },
};

export const DEBIAN_FACTS = defineFacts<DebianFacts>({
  key: 'debian',
  scope: 'result',
  version: 1,
  about: 'a Debian host: privileged paths (services → shared libraries), their people, critical load and criticality',
  is: (v): v is DebianFacts => isObj(v) && Array.isArray(v['privilegedPaths']) && isObj(v['people']),
});
