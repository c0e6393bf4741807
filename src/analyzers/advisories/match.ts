/**
 * Match an inventory against the advisory set: one hit per (component, alias group), carrying
 * every matching record of the group, the merged facts and the dependency path.
 */
import type { Inventory, InventoryComponent, Severity } from '../../core/types.js';
import { severityRank } from '../../core/result-builder.js';
import type { Advisory, AdvisoryDb, AdvisoryGroup, AdvisoryMatch } from '../../sources/osv/index.js';
import { dependencyPaths } from './dep-path.js';

export interface AdvisoryHit {
  component: InventoryComponent;
  group: AdvisoryGroup;
  /** The group's records that matched this component (withdrawn ones never do). */
  matches: AdvisoryMatch[];
  malicious: boolean;
  severity: Severity;
  /** Every id and alias of the group. */
  ids: string[];
  summary: string;
  references: string[];
  path: string[];
}

export interface MatchOptions {
  /** Only records of this group (the `affected ID` case). */
  group?: AdvisoryGroup;
}

export function matchInventory(db: AdvisoryDb, inv: Inventory, opts: MatchOptions = {}): AdvisoryHit[] {
  const only = opts.group ? new Set(opts.group.advisories) : undefined;
  const paths = dependencyPaths(inv);
  const hits: AdvisoryHit[] = [];
  for (const c of inv.components) {
    const matches = db.match(c, only ? (a) => only.has(a) : undefined);
    if (matches.length === 0) continue;
    const byGroup = new Map<AdvisoryGroup, AdvisoryMatch[]>();
    for (const m of matches) {
      const g = opts.group ?? db.group(m.advisory.id);
      if (!g) continue;
      const list = byGroup.get(g) ?? [];
      if (!list.some((x) => x.advisory === m.advisory)) list.push(m);
      byGroup.set(g, list);
    }
    for (const [group, ms] of byGroup) hits.push(makeHit(c, group, ms, paths(c.purl)));
  }
  return hits;
}

function makeHit(component: InventoryComponent, group: AdvisoryGroup, matches: AdvisoryMatch[], path: string[]): AdvisoryHit {
  const advs: Advisory[] = matches.map((m) => m.advisory);
  const malicious = group.advisories.some((a) => a.malicious);
  const severity = malicious
    ? 'critical'
    : advs.map((a) => a.level).reduce<Severity>((a, b) => (severityRank(b) > severityRank(a) ? b : a), 'info');
  const rep = advs.find((a) => a.id === group.id) ?? advs[0]!;
  const summary = rep.summary ?? advs.find((a) => a.summary)?.summary ?? rep.details?.slice(0, 200) ?? group.id;
  const references = [...new Set(group.advisories.flatMap((a) => a.references.map((r) => r.url)))];
  return { component, group, matches, malicious, severity, ids: group.ids, summary, references, path };
}
