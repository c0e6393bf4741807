/**
 * `vigil audit check`: every dependency version against the project's audit policy. Each is covered
 * (full audit, delta chain, trusted import, exemption), unaudited (with the cheapest next review), or
 * violated (someone reported it unsafe). Pure: the caller loads files, scores and sizes.
 */
import { VigilError } from '../core/errors.js';
import type { Inventory, InventoryComponent } from '../core/types.js';
import { coverage, isExpired, type AuditItem } from './coverage.js';

export type { AuditItem } from './coverage.js';
import { rankReviews, type Importance, type ReviewSuggestion, type SizeOf } from './rank.js';
import { trustedEntries } from './trust.js';
import type { Exemption, SupplyChain } from './types.js';

export interface AuditReport {
  dir: string;
  policy: SupplyChain['policy'];
  checked: number;
  covered: AuditItem[];
  unaudited: ReviewSuggestion[];
  violations: AuditItem[];
  /** Violated versions that an audit also certifies: someone disagrees. */
  conflicts: AuditItem[];
  expiredExemptions: Exemption[];
  /** Exemptions for versions no dependency uses any more. */
  unusedExemptions: Exemption[];
  unfetchedImports: string[];
  /** True when every dependency is covered and nothing is violated. */
  passed: boolean;
}

export interface CheckOptions {
  today?: string;
  importance?: Importance;
  sizeOf?: SizeOf;
}

export function packageKey(c: Pick<InventoryComponent, 'ecosystem' | 'name'>): string {
  return `${c.ecosystem}:${c.name}`;
}

export function checkAudits(inventory: Inventory, sc: SupplyChain, o: CheckOptions = {}): AuditReport {
  const today = o.today ?? new Date().toISOString().slice(0, 10);
  const trusted = trustedEntries(sc);
  for (const c of [sc.policy.criteria, sc.policy.devCriteria]) {
    if (!trusted.graph.has(c))
      throw new VigilError('E_CONFIG', `policy names criterion "${c}", which is neither built in nor defined in audits.toml`, {
        file: `${sc.dir}/config.toml`,
      });
  }
  const items: AuditItem[] = [];
  const usedExemptions = new Set<Exemption>();
  for (const c of inventory.components) {
    if (!c.version) continue;
    const pkg = packageKey(c);
    const required = c.dev ? sc.policy.devCriteria : sc.policy.criteria;
    const exemptions = sc.exemptions.filter((x) => x.package === pkg);
    for (const x of exemptions) if (x.version === c.version) usedExemptions.add(x);
    items.push({
      purl: c.purl,
      package: pkg,
      version: c.version,
      required,
      dev: c.dev,
      coverage: coverage({
        pkg,
        version: c.version,
        required,
        entries: trusted.byPackage.get(pkg) ?? [],
        exemptions,
        graph: trusted.graph,
        today,
      }),
    });
  }
  const covered = items.filter((i) => i.coverage.status === 'covered');
  const violations = items.filter((i) => i.coverage.status === 'violated');
  const conflicts = violations.filter((i) => i.coverage.status === 'violated' && i.coverage.coveredBy.length > 0);
  const unaudited = rankReviews(
    items.filter((i) => i.coverage.status === 'unaudited'),
    o.importance,
    o.sizeOf,
  );
  const expiredExemptions = [...usedExemptions].filter((x) => isExpired(x, today));
  const unusedExemptions = sc.exemptions.filter((x) => !usedExemptions.has(x));
  return {
    dir: sc.dir,
    policy: sc.policy,
    checked: items.length,
    covered,
    unaudited,
    violations,
    conflicts,
    expiredExemptions,
    unusedExemptions,
    unfetchedImports: trusted.unfetched,
    passed: unaudited.length === 0 && violations.length === 0 && trusted.unfetched.length === 0,
  };
}
