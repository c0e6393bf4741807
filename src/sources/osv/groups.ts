/**
 * Alias groups: advisories that name each other (id or alias, transitively) describe one issue
 * (CVE-2024-3094 = DEBIAN-CVE-2024-3094 = GHSA-...). Union-find over all ids.
 */
import type { Advisory } from './model.js';

export interface AdvisoryGroup {
  /** Representative id: MAL- first, then CVE-, GHSA-, then the smallest id. */
  id: string;
  /** Every id and alias in the group, sorted. */
  ids: string[];
  advisories: Advisory[];
}

const PREFIX_RANK = ['MAL-', 'CVE-', 'GHSA-'];
function rank(id: string): number {
  const i = PREFIX_RANK.findIndex((p) => id.startsWith(p));
  return i < 0 ? PREFIX_RANK.length : i;
}
export function pickRepresentative(ids: string[]): string {
  return [...ids].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0] ?? '';
}

export function buildGroups(advisories: Advisory[]): Map<string, AdvisoryGroup> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    let c = x;
    while (c !== r) {
      const n = parent.get(c)!;
      parent.set(c, r);
      c = n;
    }
    return r;
  };
  const union = (a: string, b: string): void => {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a), rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const a of advisories) {
    if (!parent.has(a.id)) parent.set(a.id, a.id);
    for (const al of a.aliases) union(a.id, al);
  }
  const byRoot = new Map<string, { ids: Set<string>; advisories: Advisory[] }>();
  for (const id of parent.keys()) {
    const r = find(id);
    let g = byRoot.get(r);
    if (!g) byRoot.set(r, (g = { ids: new Set(), advisories: [] }));
    g.ids.add(id);
  }
  for (const a of advisories) byRoot.get(find(a.id))!.advisories.push(a);
  const byId = new Map<string, AdvisoryGroup>();
  for (const g of byRoot.values()) {
    const ids = [...g.ids].sort();
    const group: AdvisoryGroup = { id: pickRepresentative(ids), ids, advisories: g.advisories };
    for (const id of ids) byId.set(id, group);
  }
  return byId;
}
