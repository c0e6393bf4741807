/** How two inventories of the same project differ, in (name, version) terms, for one readable line. */
import type { Inventory } from '../core/types.js';

export interface InventoryDiff {
  onlyInA: string[];
  onlyInB: string[];
  /** name: versions in A vs versions in B */
  versionDiffs: { name: string; a: string[]; b: string[] }[];
}

function versionsByName(inv: Inventory): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const c of inv.components) (m.get(c.name) ?? m.set(c.name, new Set()).get(c.name)!).add(c.version);
  return m;
}

export function diffInventories(a: Inventory, b: Inventory): InventoryDiff {
  const va = versionsByName(a);
  const vb = versionsByName(b);
  const onlyInA: string[] = [];
  const onlyInB: string[] = [];
  const versionDiffs: InventoryDiff['versionDiffs'] = [];
  for (const [name, vs] of va) {
    const other = vb.get(name);
    if (!other) onlyInA.push(`${name}@${[...vs].join(',')}`);
    else if ([...vs].sort().join() !== [...other].sort().join()) versionDiffs.push({ name, a: [...vs].sort(), b: [...other].sort() });
  }
  for (const [name, vs] of vb) if (!va.has(name)) onlyInB.push(`${name}@${[...vs].join(',')}`);
  return { onlyInA: onlyInA.sort(), onlyInB: onlyInB.sort(), versionDiffs: versionDiffs.sort((x, y) => x.name.localeCompare(y.name)) };
}

export function diffIsEmpty(d: InventoryDiff): boolean {
  return d.onlyInA.length === 0 && d.onlyInB.length === 0 && d.versionDiffs.length === 0;
}

/** "42 packages differ: 3 only in A, 1 only in B, 38 at other versions (e.g. lodash 4.17.21 vs 4.17.20, ...)". */
export function describeDiff(d: InventoryDiff, aName: string, bName: string, examples = 3): string {
  const total = d.onlyInA.length + d.onlyInB.length + d.versionDiffs.length;
  const eg = [
    ...d.versionDiffs.slice(0, examples).map((v) => `${v.name} ${v.a.join(',')} in ${aName} vs ${v.b.join(',')} in ${bName}`),
    ...d.onlyInA.slice(0, examples).map((x) => `${x} only in ${aName}`),
    ...d.onlyInB.slice(0, examples).map((x) => `${x} only in ${bName}`),
  ].slice(0, examples);
  return (
    `${total} package${total === 1 ? '' : 's'} differ: ${d.onlyInA.length} only in ${aName}, ${d.onlyInB.length} only in ${bName}, ` +
    `${d.versionDiffs.length} at other versions (e.g. ${eg.join('; ')})`
  );
}
