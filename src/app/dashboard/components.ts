/**
 * A component page: one package across every project — which versions are in use where, what each
 * analyzer recorded about it (the scan's facts keyed by its purl, also read into readable sections:
 * versions, people, scores, funding — component-profile.ts),
 * its findings with triage, the versions each project had over its stored scans, and its alerts.
 */
import { VigilError } from '../../core/errors.js';
import { parsePurl } from '../../core/purl.js';
import type { Store } from '../../store/types.js';
import type { Alert } from '../../watch/types.js';
import { listAlerts } from './alerts.js';
import { componentProfile, type ComponentProfile } from './component-profile.js';
import { matchesQuery } from './findings.js';
import { triagedScan, type TriagedFinding } from './overlay.js';
import { projectId } from './projects.js';

export interface ComponentUse {
  project: string;
  path: string;
  purl: string;
  version: string;
  dev: boolean;
  /** Facts of each analyzer about this exact purl, as recorded. */
  facts: Record<string, unknown>;
  /** The same facts as readable sections: versions, people, scores, funding. */
  profile: ComponentProfile;
  findings: TriagedFinding[];
}

export interface ComponentPage {
  name: string;
  ecosystem: string;
  uses: ComponentUse[];
  /** Version in each stored scan of each project using it, oldest first. */
  history: { project: string; scan: number; at: string; version: string }[];
  alerts: Alert[];
}

const HISTORY_SCANS = 50;

/** `pkg:npm/x@1` (that version) or `pkg:npm/x` / `x` (every version). */
export function componentPage(store: Store, ref: string): ComponentPage {
  let name = ref;
  let ecosystem: string | undefined;
  let version: string | undefined;
  if (ref.startsWith('pkg:')) {
    try {
      const p = parsePurl(ref);
      name = p.fullName;
      ecosystem = p.type;
      version = p.version;
    } catch (e) {
      throw new VigilError('E_USAGE', `not a purl: ${ref}`, { cause: e });
    }
  }
  const wants = (c: { name: string; ecosystem: string; version: string }) =>
    c.name === name && (ecosystem === undefined || c.ecosystem === ecosystem) && (version === undefined || c.version === version);
  const uses: ComponentUse[] = [];
  const history: ComponentPage['history'] = [];
  for (const s of store.latestScans?.() ?? []) {
    const hits = s.result.inventory.components.filter(wants);
    if (hits.length === 0) continue;
    const t = triagedScan(store, s);
    for (const c of hits) {
      const facts: Record<string, unknown> = {};
      for (const [analyzer, byPurl] of Object.entries(s.result.facts))
        if (byPurl && Object.hasOwn(byPurl, c.purl)) facts[analyzer] = byPurl[c.purl];
      uses.push({
        project: t.project,
        path: s.result.target.path,
        purl: c.purl,
        version: c.version,
        dev: c.dev === true,
        facts,
        profile: componentProfile(c.purl, c.version, facts),
        findings: t.result.findings.filter((f) => matchesQuery(f, { package: c.purl })),
      });
    }
    for (const old of store.scanHistory(s.targetKey, HISTORY_SCANS).reverse())
      for (const c of old.result.inventory.components.filter(wants))
        history.push({ project: projectId(s.targetKey), scan: old.id, at: old.at, version: c.version });
  }
  if (uses.length === 0) throw new VigilError('E_INPUT_NOT_FOUND', `no project uses ${ref}`);
  return {
    name,
    ecosystem: ecosystem ?? uses[0]!.purl.slice(4).split('/')[0]!,
    uses,
    history,
    alerts: listAlerts(store, { package: name }),
  };
}
