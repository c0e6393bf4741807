/**
 * `vigil affected`: for one advisory group and many inventories (projects, hosts), which target has
 * which affected version through which path, the nearest safe version in each direction, and the
 * exact fix. Pure: inventories and version catalogs come in, a table and findings go out.
 */
import semver from 'semver';
import { parsePurl } from '../../core/purl.js';
import type { Finding, Inventory, Severity } from '../../core/types.js';
import type { AdvisoryDb, AdvisoryGroup } from '../../sources/osv/index.js';
import { hitToFinding } from './finding.js';
import { aptFix, npmClientFor, npmFix, type FixSnippets } from './fix.js';
import { matchInventory, type AdvisoryHit } from './match.js';
import { entriesFor, fixedVersions, nearestSafe } from './nearest-safe.js';
import { fleetCatalog, type VersionCatalog } from './catalog.js';
import { defineFacts } from '../../core/facts.js';
import { isObj } from '../../core/guards.js';

export interface AffectedTarget {
  /** Project or host label (relative path of the inventory file). */
  label: string;
  inventory: Inventory;
}

export interface AffectedRow {
  target: string;
  package: string;
  ecosystem: string;
  purl: string;
  version: string;
  /** `xz-utils 5.6.1-1 (source)` when a deb binary matched through its source package. */
  matchedAs: string;
  advisory: string;
  malicious: boolean;
  severity: Severity;
  path: string[];
  safeDowngrade?: string;
  safeUpgrade?: string;
  /** The version the fix moves to (see `chooseTarget`). */
  recommended?: string;
  /** Exact fix for this target's package manager; absent when no safe version is known. */
  fix?: string;
  fixes?: FixSnippets;
  /** Where candidate versions came from (`registry`, `index`, `fleet`, `advisory`). */
  versionSources: string[];
  /** Why there is no fix, when there is none. */
  note?: string;
}

export interface AffectedTable {
  advisory: { id: string; ids: string[]; summary: string; malicious: boolean; references: string[] };
  rows: AffectedRow[];
  targets: { label: string; components: number; affected: number; sources: string[] }[];
}

export interface AffectedOutcome {
  table: AffectedTable;
  findings: Finding[];
}

export function findAffected(
  db: AdvisoryDb,
  group: AdvisoryGroup,
  targets: AffectedTarget[],
  catalogs: VersionCatalog[] = [],
): AffectedOutcome {
  const all = [...catalogs, fleetCatalog(targets.flatMap((t) => t.inventory.components))];
  const active = group.advisories.filter((a) => !a.withdrawn);
  const rows: AffectedRow[] = [];
  const findings: Finding[] = [];
  const summary: AffectedTable['targets'] = [];
  for (const t of targets) {
    const hits = matchInventory(db, t.inventory, { group });
    const client = npmClientFor(t.inventory.sources.map((s) => `${s.format} ${s.file}`));
    const tRows = hits.map((h) => rowFor(t, h, active, all, client));
    addAptFixes(tRows);
    hits.forEach((h, i) => findings.push(rowFinding(h, tRows[i]!, t)));
    rows.push(...tRows);
    summary.push({
      label: t.label,
      components: t.inventory.components.length,
      affected: tRows.length,
      sources: t.inventory.sources.map((s) => s.file),
    });
  }
  rows.sort((a, b) => a.target.localeCompare(b.target) || a.package.localeCompare(b.package));
  const rep = active.find((a) => a.id === group.id) ?? active[0];
  return {
    table: {
      advisory: {
        id: group.id,
        ids: group.ids,
        summary: rep?.summary ?? group.id,
        malicious: active.some((a) => a.malicious),
        references: [...new Set(active.flatMap((a) => a.references.map((r) => r.url)))],
      },
      rows,
      targets: summary,
    },
    findings,
  };
}

function rowFor(
  t: AffectedTarget,
  h: AdvisoryHit,
  active: AdvisoryGroup['advisories'],
  catalogs: VersionCatalog[],
  client: ReturnType<typeof npmClientFor>,
): AffectedRow {
  const m = h.matches[0]!;
  const c = h.component;
  const entries = entriesFor(active, m.pkg.kind, m.pkg.name);
  const cands = new Map<string, string>();
  for (const cat of catalogs) for (const v of cat.versions(m.pkg.kind, m.pkg.name) ?? []) if (!cands.has(v)) cands.set(v, cat.source);
  for (const v of fixedVersions(entries)) if (!cands.has(v)) cands.set(v, 'advisory');
  const safe = nearestSafe(entries, m.version, cands);
  const specs = t.inventory.edges.filter((e) => e.to === c.purl && e.spec).map((e) => e.spec!);
  const recommended = chooseTarget(c.ecosystem, safe.downgrade, safe.upgrade, specs);
  const pkgName = c.ecosystem === 'deb' ? debBinaryName(c.purl, c.name) : c.name;
  const bySource = m.pkg.kind === 'deb' && m.pkg.name.toLowerCase() !== pkgName.toLowerCase();
  const row: AffectedRow = {
    target: t.label,
    package: pkgName,
    ecosystem: c.ecosystem,
    purl: c.purl,
    version: c.version,
    matchedAs: bySource ? `${m.pkg.name} ${m.version} (source)` : `${c.name} ${m.version}`,
    advisory: h.group.id,
    malicious: h.malicious,
    severity: h.severity,
    path: h.path,
    safeDowngrade: safe.downgrade,
    safeUpgrade: safe.upgrade,
    recommended,
    versionSources: safe.sources,
  };
  if (!recommended) row.note = noSafeNote(entries);
  if (recommended && c.ecosystem === 'npm') {
    row.fixes = npmFix(c.name, recommended, client);
    row.fix = row.fixes.fix;
  }
  return row;
}

/** deb binary package name from the purl (SBOM components carry `debian/NAME` as their name). */
function debBinaryName(purl: string, fallback: string): string {
  try {
    return parsePurl(purl).name;
  } catch {
    return fallback;
  }
}

function noSafeNote(entries: ReturnType<typeof entriesFor>): string {
  const everything = entries.some((p) =>
    p.ranges.some(
      (r) =>
        r.type !== 'GIT' &&
        r.events.some((e) => e.kind === 'introduced' && e.version === '0') &&
        !r.events.some((e) => e.kind !== 'introduced'),
    ),
  );
  return everything
    ? 'every version is affected: remove the package (or the dependency that pulls it in)'
    : 'no safe version known: give --index / --packument, or run online so the registry lists the versions';
}

/**
 * npm: a safe version every dependent's declared range accepts (no lockfile-breaking change) wins,
 * upgrade first; otherwise the upgrade, else the downgrade. Others: upgrade, else downgrade.
 */
export function chooseTarget(ecosystem: string, down: string | undefined, up: string | undefined, specs: string[]): string | undefined {
  if (ecosystem === 'npm' && specs.length > 0) {
    const ok = (v: string | undefined): boolean =>
      v !== undefined && specs.every((s) => semver.validRange(s) === null || semver.satisfies(v, s, { includePrerelease: true }));
    if (ok(up)) return up;
    if (ok(down)) return down;
  }
  return up ?? down;
}

/** deb: one `apt-get install` line per target and source, pinning every affected binary of it. */
function addAptFixes(rows: AffectedRow[]): void {
  const groups = new Map<string, AffectedRow[]>();
  for (const r of rows) {
    if (r.ecosystem !== 'deb' || !r.recommended) continue;
    const key = `${r.matchedAs.split(' ')[0]}=${r.recommended}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const g of groups.values()) {
    const fixes = aptFix(
      g.map((r) => r.package),
      g[0]!.recommended!,
    );
    for (const r of g) {
      r.fixes = fixes;
      r.fix = fixes.fix;
    }
  }
}

function rowFinding(h: AdvisoryHit, row: AffectedRow, t: AffectedTarget): Finding {
  const safe =
    [row.safeDowngrade && `nearest safe downgrade ${row.safeDowngrade}`, row.safeUpgrade && `nearest safe upgrade ${row.safeUpgrade}`]
      .filter(Boolean)
      .join(', ') || 'no safe version known (give --index/--packument or run online)';
  const remediation = row.fix ? `${safe}. Fix: ${row.fix}` : `${row.note ?? safe}.`;
  const f = hitToFinding(h, remediation);
  f.title = `${t.label}: ${f.title}`;
  f.evidence.push({
    kind: 'text',
    label: 'target',
    file: t.label,
    value: t.label,
    excerpt: t.inventory.sources.map((s) => s.file).join(', '),
  });
  if (row.fix) f.evidence.push({ kind: 'text', label: 'fix', excerpt: row.fix, before: row.version, after: row.recommended });
  return f;
}

export const AFFECTED_FACTS = defineFacts<AffectedTable>({
  key: 'affected',
  scope: 'result',
  version: 1,
  about: 'vigil affected: one advisory against the inventories, a row per affected component',
  is: (v): v is AffectedTable => isObj(v) && isObj(v['advisory']) && Array.isArray(v['rows']) && Array.isArray(v['targets']),
});
