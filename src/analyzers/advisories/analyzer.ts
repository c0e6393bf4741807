/**
 * InventoryAnalyzer: every component matching a known advisory becomes a finding. The advisory set
 * is the built-in one plus whatever `advisories update` stored. The engine gives the store either by
 * putting a prepared AdvisoryDb in the memo under ADVISORY_DB_MEMO_KEY, or the Store itself under
 * STORE_MEMO_KEY; without either, only the built-in set is used.
 */
import type { InventoryAnalyzer } from '../types.js';
import { AdvisoryDb, loadAdvisoryDb } from '../../sources/osv/index.js';
import type { Store } from '../../store/types.js';
import { ANALYZER_ID, ANALYZER_VERSION, hitToFinding } from './finding.js';
import { matchInventory } from './match.js';
import { ADVISORY_RULES } from './rules.js';
import { safeVersionHint } from './remediation.js';

export const ADVISORY_DB_MEMO_KEY = 'advisories:db';
export const STORE_MEMO_KEY = 'store';

const isStore = (x: unknown): x is Store =>
  typeof x === 'object' && x !== null && typeof (x as Store).getCache === 'function' && typeof (x as Store).putCache === 'function';

export function createAdvisoriesAnalyzer(source?: AdvisoryDb | Store | (() => AdvisoryDb)): InventoryAnalyzer {
  let db: AdvisoryDb | undefined;
  const resolve = (memo: Map<string, unknown>): AdvisoryDb => {
    const fromMemo = memo.get(ADVISORY_DB_MEMO_KEY);
    if (fromMemo instanceof AdvisoryDb) return fromMemo;
    const store = memo.get(STORE_MEMO_KEY);
    if (source === undefined && isStore(store)) {
      const fromStore = loadAdvisoryDb(store);
      memo.set(ADVISORY_DB_MEMO_KEY, fromStore);
      return fromStore;
    }
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
    analyze({ inventory, memo }) {
      const adb = resolve(memo);
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

/** Default instance: built-in advisories (plus a memo-provided AdvisoryDb when the engine sets one). */
export const advisoriesAnalyzer: InventoryAnalyzer = createAdvisoriesAnalyzer();
