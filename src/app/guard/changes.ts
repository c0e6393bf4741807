/**
 * What a plan adds: components whose name@version is not in the project yet (new packages and new
 * versions of existing ones), and components whose version is there but whose locked bytes
 * (integrity) differ — a republished or tampered artifact. Only these are analysed.
 */
import type { Inventory, InventoryComponent } from '../../core/types.js';

export type ChangeKind = 'new' | 'updated' | 'integrity-changed';

export interface PlannedChange {
  component: InventoryComponent;
  kind: ChangeKind;
  /** Versions of the same package before the command (for `updated`). */
  from?: string[];
}

export function plannedChanges(before: Inventory, after: Inventory): PlannedChange[] {
  const byPurl = new Map<string, InventoryComponent>();
  const versions = new Map<string, string[]>();
  for (const c of before.components) {
    byPurl.set(c.purl, c);
    versions.set(c.name, [...(versions.get(c.name) ?? []), c.version]);
  }
  const out: PlannedChange[] = [];
  const seen = new Set<string>();
  for (const c of after.components) {
    if (seen.has(c.purl) || c.meta?.workspace) continue;
    seen.add(c.purl);
    const old = byPurl.get(c.purl);
    if (!old) {
      const from = versions.get(c.name);
      out.push(from ? { component: c, kind: 'updated', from: [...new Set(from)].sort() } : { component: c, kind: 'new' });
    } else if (old.integrity && c.integrity && old.integrity !== c.integrity) {
      out.push({ component: c, kind: 'integrity-changed' });
    }
  }
  return out.sort((a, b) => byCodeUnits(a.component.name, b.component.name) || byCodeUnits(a.component.version, b.component.version));
}

/** Plain code-unit order: stable across locales, and no ICU collator to set up (about 10 ms) on every guarded install. */
const byCodeUnits = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * The planned inventory cut down to the changed components (and the edges that reach them), so the
 * analyzers and scoring look only at what the command adds.
 */
export function changedInventory(after: Inventory, changes: PlannedChange[]): Inventory {
  const keep = new Set(changes.map((c) => c.component.purl));
  const rootIds = new Set(after.roots.map((r) => r.id));
  return {
    sources: after.sources,
    roots: after.roots,
    components: changes.map((c) => c.component),
    edges: after.edges.filter((e) => keep.has(e.to) && (keep.has(e.from) || rootIds.has(e.from))),
    problems: after.problems,
  };
}
