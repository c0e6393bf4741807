/**
 * Labelled, position-based taint inside one file. Source sites carry the indices of the sources
 * they stand for; an assignment (or a callback parameter) whose value range contains a tainted
 * site taints its name; references to a tainted name become tainted sites; a sink whose argument
 * range contains a tainted site receives those sources. Approximate on purpose: no aliasing
 * through objects or across files, bounded spans so that big functions in bundles do not
 * spread taint everywhere.
 */
import { RefIndex } from '../ref-index.js';
import { lowerBound } from '../../../core/sorted.js';

const MAX_SPAN = 2500;
/** References of one name read per binding, within the binding's function (ref-index.ts). */
const MAX_REFS = 3000;
const ROUNDS = 8;

interface Assign {
  name: string;
  start: number;
  end: number;
  /** Where the binding lives (for its scope). */
  at: number;
}

export class FlowTaint {
  private readonly sites = new Map<number, Set<number>>();
  private readonly assigns: Assign[] = [];
  private readonly refs = new RefIndex();
  private readonly fns: [number, number][] = [];
  private readonly sinks: { idx: number; ranges: [number, number][] }[] = [];

  source(pos: number, sourceIdx: number): void {
    let s = this.sites.get(pos);
    if (!s) this.sites.set(pos, (s = new Set()));
    s.add(sourceIdx);
  }

  assign(name: string, start: number, end: number, at: number): void {
    if (end - start <= MAX_SPAN) this.assigns.push({ name, start, end, at });
  }

  fn(start: number, end: number): void {
    this.fns.push([start, end]);
  }

  ref(name: string, at: number): void {
    this.refs.add(name, at);
  }

  sink(idx: number, ranges: [number, number][]): void {
    if (ranges.length > 0) this.sinks.push({ idx, ranges });
  }

  get empty(): boolean {
    return this.sites.size === 0 || this.sinks.length === 0;
  }

  private sortedFns = false;

  /** Innermost function strictly around `pos` (the program when none): the last-starting one that still contains it. */
  scopeOf(pos: number): [number, number] {
    if (!this.sortedFns) {
      this.fns.sort((a, b) => a[0] - b[0]);
      this.sortedFns = true;
    }
    // The same positions are asked again and again (each reference, once per assignment of its name).
    let sc = this.scopes.get(pos);
    if (!sc) this.scopes.set(pos, (sc = this.findScope(pos)));
    return sc;
  }

  /** Functions are all known before the first question (fn() is called during the walk, scopeOf after it). */
  private readonly scopes = new Map<number, [number, number]>();

  private findScope(pos: number): [number, number] {
    let lo = 0;
    let hi = this.fns.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.fns[mid]![0] < pos) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1, steps = 0; i >= 0 && steps < 5000; i--, steps++) {
      const [s, e] = this.fns[i]!;
      if (e > pos) return [s, e];
    }
    return [0, Number.MAX_SAFE_INTEGER];
  }

  /** The labels of the sites in [from, to); undefined when there are none (most ranges: no set is made for them). */
  private within(sorted: number[], from: number, to: number): Set<number> | undefined {
    const lo = lowerBound(sorted, from);
    if (lo >= sorted.length || sorted[lo]! >= to) return undefined;
    const out = new Set<number>();
    for (let i = lo; i < sorted.length && sorted[i]! < to; i++) for (const s of this.sites.get(sorted[i]!)!) out.add(s);
    return out;
  }

  /** Per sink index, the source indices that reach it. */
  resolve(): Map<number, Set<number>> {
    const res = new Map<number, Set<number>>();
    if (this.empty) return res;
    const done = new Set<Assign>();
    let sorted = [...this.sites.keys()].sort((a, b) => a - b);
    for (let round = 0; round < ROUNDS; round++) {
      let grew = false;
      for (const a of this.assigns) {
        if (done.has(a)) continue;
        const labels = this.within(sorted, a.start, a.end);
        if (labels === undefined) continue;
        done.add(a);
        const [s, e] = this.scopeOf(a.at);
        // Uses in the binding's own function; in nested functions too for names long enough not
        // to be a minifier's reused one-letter names.
        const nested = a.name.length >= 3;
        for (const r of this.refs.within(a.name, s, e, MAX_REFS)) {
          if (r >= a.start && r < a.end) continue;
          const rs = this.scopeOf(r)[0];
          if (rs !== s && !(nested && r > s && r < e)) continue;
          for (const l of labels) this.source(r, l);
        }
        grew = true;
      }
      if (!grew) break;
      sorted = [...this.sites.keys()].sort((a, b) => a - b);
    }
    for (const k of this.sinks) {
      const got = new Set<number>();
      for (const [f, t] of k.ranges) for (const l of this.within(sorted, f, t) ?? []) got.add(l);
      if (got.size > 0) res.set(k.idx, new Set([...(res.get(k.idx) ?? []), ...got]));
    }
    return res;
  }
}
