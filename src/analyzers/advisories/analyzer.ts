/**
 * InventoryAnalyzer: every component matching a known advisory becomes a finding. The advisory set
 * is the one given to `createAdvisoriesAnalyzer`, else the built-in one plus whatever `advisories
 * update` stored (read from the store service of the run, once per analysis).
 */
import type { InventoryAnalyzer } from '../types.js';
import { AdvisoryDb, loadAdvisoryDb } from '../../sources/osv/index.js';
import type { Store } from '../../store/types.js';
import { ANALYZER_ID, ANALYZER_VERSION, hitToFinding } from './finding.js';
import { matchInventory } from './match.js';
import { ADVISORY_RULES } from './rules.js';
import { safeVersionHint } from './remediation.js';
import { defineFacts } from '../../core/facts.js';
import { isObj } from '../../core/guards.js';

export function createAdvisoriesAnalyzer(source?: AdvisoryDb | Store | (() => AdvisoryDb)): InventoryAnalyzer {
  let db: AdvisoryDb | undefined;
  const resolve = (store: Store | undefined): AdvisoryDb => {
    if (source === undefined && store) return loadAdvisoryDb(store);
    if (source instanceof AdvisoryDb) return source;
    if (typeof source === 'function') return (db ??= source());
    return (db ??= loadAdvisoryDb(source));
  };
  return {
    kind: 'inventory',
    id: ANALYZER_ID,
    version: ANALYZER_VERSION,
    needs: {},
    code: ['analyzers/advisories', 'sources/osv', '../data/advisories', 'core/types.ts'],
    rules: ADVISORY_RULES,
    analyze({ inventory, services }) {
      const adb = resolve(services.store);
      const hits = matchInventory(adb, inventory);
      const facts: Record<string, unknown> = {};
      for (const h of hits) {
        const list = (facts[h.component.purl] as unknown[] | undefined) ?? [];
        list.push({ id: h.group.id, ids: h.ids, malicious: h.malicious, severity: h.severity, path: h.path });
        facts[h.component.purl] = list;
      }
      return {
        findings: hits.map((h) => hitToFinding(h, safeVersionHint(adb, h))),
        facts: { advisories: adb.size, ...facts },
      };
    },
  };
}

/** Default instance: built-in advisories, plus the stored ones when the run has a store. */
export const advisoriesAnalyzer: InventoryAnalyzer = createAdvisoriesAnalyzer();

/** How many advisories were matched against, and the hits per purl. */
export type AdvisoryFacts = { advisories: number } & Record<string, unknown>;

export const ADVISORIES_FACTS = defineFacts<AdvisoryFacts>({
  key: ANALYZER_ID,
  scope: 'result',
  version: 1,
  about: 'known advisories (built-in and imported OSV) matched against the inventory: hits per purl',
  is: (v): v is AdvisoryFacts => isObj(v) && typeof v['advisories'] === 'number',
});
