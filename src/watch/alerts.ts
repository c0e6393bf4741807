/** Changes → alerts, with the analysis of each new release and the projects that would take it. */
import { severityRank } from '../core/result-builder.js';
import type { Finding, Severity } from '../core/types.js';
import type { Change } from './detect.js';
import { exposureOf, type WatchedProject } from './exposure.js';
import type { Alert } from './types.js';

/** Findings of a new release: its content and its difference from the previous release. */
export type AnalyzeRelease = (
  name: string,
  version: string,
  previous: string | undefined,
) => Promise<{ findings: Finding[]; problems: string[] }>;

function maxSeverity(findings: readonly Finding[], floor: Severity): Severity {
  let best = floor;
  for (const f of findings) if (!f.suppressed && severityRank(f.severity) > severityRank(best)) best = f.severity;
  return best;
}

function inUse(projects: readonly WatchedProject[], name: string, version: string): string[] {
  return projects.filter((p) => p.inventory.components.some((c) => c.name === name && c.version === version)).map((p) => p.name);
}

export async function alertsFor(
  name: string,
  changes: readonly Change[],
  projects: readonly WatchedProject[],
  analyze: AnalyzeRelease,
  at: string,
): Promise<Alert[]> {
  const out: Alert[] = [];
  const pkg = `npm:${name}`;
  // A tag moved onto a release published in the same poll is the ordinary publish: one alert, not two.
  const fresh = new Set(changes.flatMap((c) => (c.kind === 'new-version' ? [c.version] : [])));
  const taggedFresh = (v: string) =>
    changes.filter((c) => c.kind === 'dist-tag' && c.to === v).map((c) => (c.kind === 'dist-tag' ? c.tag : ''));
  for (const c of changes) {
    if (c.kind === 'dist-tag' && fresh.has(c.to)) continue;
    switch (c.kind) {
      case 'new-version': {
        const { findings, problems } = await analyze(name, c.version, c.previous);
        const top = [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[0];
        const severity = maxSeverity(findings, 'info');
        out.push({
          id: `${pkg}@${c.version}:new-version`,
          kind: c.kind,
          package: name,
          version: c.version,
          severity,
          title: `${name}@${c.version} published${top && severityRank(top.severity) >= severityRank('medium') ? `: ${top.title}` : ''}`,
          detail: `${taggedFresh(c.version)
            .map((t) => `now "${t}"; `)
            .join(
              '',
            )}${c.previous ? `compared with ${c.previous}; ` : ''}${findings.length} finding(s)${problems.length ? `; not checked: ${problems.join('; ')}` : ''}`,
          findings,
          exposed: exposureOf(projects, name, c.version),
          at,
        });
        break;
      }
      case 'dist-tag':
        out.push({
          id: `${pkg}:dist-tag:${c.tag}:${c.to}`,
          kind: c.kind,
          package: name,
          version: c.to,
          severity: 'low',
          title: `${name}: dist-tag "${c.tag}" moved ${c.from ? `from ${c.from} ` : ''}to ${c.to}`,
          detail: 'installs that ask for this tag now get another version',
          findings: [],
          exposed: [],
          at,
        });
        break;
      case 'deprecated':
        out.push({
          id: `${pkg}@${c.version}:deprecated`,
          kind: c.kind,
          package: name,
          version: c.version,
          severity: 'low',
          title: `${name}@${c.version} deprecated: ${c.message}`,
          detail: inUse(projects, name, c.version)
            .map((p) => `used by ${p}`)
            .join('; '),
          findings: [],
          exposed: [],
          at,
        });
        break;
      case 'yanked': {
        const users = inUse(projects, name, c.version);
        out.push({
          id: `${pkg}@${c.version}:yanked`,
          kind: c.kind,
          package: name,
          version: c.version,
          severity: users.length ? 'medium' : 'low',
          title: `${name}@${c.version} was removed from the registry`,
          detail: users.length
            ? `locked by ${users.join(', ')}: a removed release is often a malicious one taken down`
            : 'no watched project locks it',
          findings: [],
          exposed: [],
          at,
        });
        break;
      }
      case 'maintainer-added':
        out.push({
          id: `${pkg}:maintainer:${c.name}`,
          kind: c.kind,
          package: name,
          severity: 'medium',
          title: `${name}: new maintainer ${c.name}`,
          detail: 'someone new can publish releases of this package',
          findings: [],
          exposed: [],
          at,
        });
        break;
    }
  }
  return out;
}
