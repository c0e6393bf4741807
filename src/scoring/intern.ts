/**
 * Shares equal factor lists between components. A scan of 200,000 components holds ~1.3 million
 * factors, but only a few hundred distinct ones (the same explanation for every leaf, every
 * unknown signal, every "no findings"): one object per distinct factor and per distinct list keeps
 * the scores of a large scan in megabytes, not hundreds of them. Lists are shared, so consumers
 * must treat them as read-only (they are: reports and the dashboard only read them).
 */
import type { Factor } from './types.js';

export class FactorInterner {
  private readonly factors = new Map<string, { id: number; factor: Factor }>();
  private readonly lists = new Map<string, Factor[]>();
  private readonly filtered = new Map<Factor[], Factor[]>();

  /** The shared list equal to `list` (same factors, same order). */
  list(list: Factor[]): Factor[] {
    const ids: number[] = [];
    const shared: Factor[] = [];
    for (const f of list) {
      const key = `${f.name}\u0000${typeof f.value}\u0000${String(f.value)}\u0000${f.weight}\u0000${f.contribution}\u0000${f.explanation}`;
      let hit = this.factors.get(key);
      if (!hit) {
        hit = { id: this.factors.size, factor: f };
        this.factors.set(key, hit);
      }
      ids.push(hit.id);
      shared.push(hit.factor);
    }
    const key = ids.join(',');
    const known = this.lists.get(key);
    if (known) return known;
    this.lists.set(key, shared);
    return shared;
  }

  /** `keep` applied to a shared list, once per distinct list. */
  filter(list: Factor[], keep: (f: Factor) => boolean): Factor[] {
    let out = this.filtered.get(list);
    if (!out) this.filtered.set(list, (out = list.filter(keep)));
    return out;
  }
}
