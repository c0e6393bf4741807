/**
 * Fleet views over the latest stored scan of every project in one store (`Store.latestScans`):
 * which projects depend on NAME@RANGE, every finding at or above a severity since a date, and
 * rollups per team. Pure functions of stored scans, so they work the same on either backend.
 */
import semver from 'semver';
import type { ScanResult } from '../core/result.js';
import { SEVERITIES, type Finding, type Severity } from '../core/types.js';
import type { StoredScan } from '../store/types.js';

export interface DependentRow {
  project: string;
  scannedAt: string;
  name: string;
  version: string;
  dev: boolean;
  /** A direct dependency of one of the project's roots. */
  direct: boolean;
}

export interface FleetFinding {
  project: string;
  scannedAt: string;
  finding: Finding;
}

export interface TeamRollup {
  team: string;
  projects: number;
  components: number;
  findings: Record<Severity, number>;
  /** Projects with a finding at high or above. */
  atRisk: string[];
}

/** How a project is named in fleet views: the scanned path (or release spec). */
export function projectOf(s: StoredScan): string {
  return s.result.target.path;
}

function directPurls(r: ScanResult): Set<string> {
  const roots = new Set(r.inventory.roots.map((x) => x.id));
  return new Set(r.inventory.edges.filter((e) => roots.has(e.from)).map((e) => e.to));
}

/** Projects whose latest scan holds NAME at a version in RANGE (any version when RANGE is `*` or empty). */
export function dependents(scans: readonly StoredScan[], name: string, range = '*'): DependentRow[] {
  const out: DependentRow[] = [];
  for (const s of scans) {
    const direct = directPurls(s.result);
    for (const c of s.result.inventory.components) {
      if (c.name !== name) continue;
      if (range !== '*' && range !== '' && !semver.satisfies(c.version, range, { includePrerelease: true, loose: true })) continue;
      out.push({ project: projectOf(s), scannedAt: s.at, name: c.name, version: c.version, dev: c.dev, direct: direct.has(c.purl) });
    }
  }
  return out.sort((a, b) => a.project.localeCompare(b.project) || semver.compareLoose(a.version, b.version));
}

const rank = (s: Severity): number => SEVERITIES.indexOf(s);

/** Unsuppressed findings at or above MIN in the latest scan of each project scanned at or after SINCE. */
export function findingsSince(scans: readonly StoredScan[], min: Severity, since?: string): FleetFinding[] {
  const cut = since ? Date.parse(since) : -Infinity;
  const out: FleetFinding[] = [];
  for (const s of scans) {
    if (Date.parse(s.at) < cut) continue;
    for (const f of s.result.findings) {
      if (!f.suppressed && rank(f.severity) >= rank(min)) out.push({ project: projectOf(s), scannedAt: s.at, finding: f });
    }
  }
  return out.sort((a, b) => rank(b.finding.severity) - rank(a.finding.severity) || a.project.localeCompare(b.project));
}

/** Findings and projects per team; TEAM_OF maps a scan's target key to its team (unknown: `(no team)`). */
export function teamRollups(scans: readonly StoredScan[], teamOf: (targetKey: string) => string | undefined): TeamRollup[] {
  const byTeam = new Map<string, TeamRollup>();
  for (const s of scans) {
    const team = teamOf(s.targetKey) ?? '(no team)';
    let t = byTeam.get(team);
    if (!t) {
      t = { team, projects: 0, components: 0, findings: { info: 0, low: 0, medium: 0, high: 0, critical: 0 }, atRisk: [] };
      byTeam.set(team, t);
    }
    t.projects++;
    t.components += s.result.inventory.components.length;
    let risky = false;
    for (const f of s.result.findings) {
      if (f.suppressed) continue;
      t.findings[f.severity]++;
      if (rank(f.severity) >= rank('high')) risky = true;
    }
    if (risky) t.atRisk.push(projectOf(s));
  }
  return [...byTeam.values()].sort(
    (a, b) => b.findings.critical - a.findings.critical || b.findings.high - a.findings.high || a.team.localeCompare(b.team),
  );
}
