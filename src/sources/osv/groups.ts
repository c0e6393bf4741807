/**
 * Alias groups: advisories that name each other (id or alias, transitively) describe one issue
 * (CVE-2024-3094 = DSA-5649-1 ...).
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
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function pickRepresentative(ids: string[]): string {
  let best: string | undefined;
  for (const id of ids) if (best === undefined || rank(id) < rank(best) || (rank(id) === rank(best) && id < best)) best = id;
  return best ?? '';
}

/**
 * Alias groups computed on demand: an index from every id and alias to the records naming it, and a
 * breadth-first walk from the asked id. Only the groups a scan touches are built (a full union-find
 * over a 10,000-record dump costs more than the whole match).
 */
export class AliasIndex {
  private readonly byName = new Map<string, Advisory[]>();
  private readonly memo = new Map<string, AdvisoryGroup>();

  constructor(advisories: Iterable<Advisory>) {
    for (const a of advisories) {
      this.add(a.id, a);
      for (const al of a.aliases) this.add(al, a);
    }
  }

  private add(name: string, a: Advisory): void {
    const l = this.byName.get(name);
    if (l) l.push(a);
    else this.byName.set(name, [a]);
  }

  group(idOrAlias: string): AdvisoryGroup | undefined {
    const hit = this.memo.get(idOrAlias);
    if (hit) return hit;
    if (!this.byName.has(idOrAlias)) return undefined;
    const ids = new Set<string>([idOrAlias]);
    const advisories = new Set<Advisory>();
    const queue = [idOrAlias];
    for (let i = 0; i < queue.length; i++) {
      for (const a of this.byName.get(queue[i]!) ?? []) {
        if (advisories.has(a)) continue;
        advisories.add(a);
        for (const n of [a.id, ...a.aliases])
          if (!ids.has(n)) {
            ids.add(n);
            queue.push(n);
          }
      }
    }
    const sorted = [...ids].sort(byCodeUnit);
    const group: AdvisoryGroup = { id: pickRepresentative(sorted), ids: sorted, advisories: [...advisories] };
    for (const id of sorted) this.memo.set(id, group);
    return group;
  }
}
