/**
 * Where each name is referenced in a file, for the taint passes: the references of a name inside
 * one function, found by position. A minified bundle reuses a one-letter name thousands of times;
 * only the references inside the binding's function can be its uses, so a cap over the whole file
 * would hide an injected module's flow while a cap inside the function does not.
 */
import { lowerBound } from '../../core/sorted.js';

export class RefIndex {
  private readonly refs = new Map<string, number[]>();
  private readonly sorted = new Set<string>();

  add(name: string, at: number): void {
    let a = this.refs.get(name);
    if (!a) this.refs.set(name, (a = []));
    a.push(at);
  }

  /** The first `max` references of `name` in [from, to), by position. */
  within(name: string, from: number, to: number, max: number): number[] {
    const refs = this.refs.get(name);
    if (!refs) return [];
    if (!this.sorted.has(name)) {
      refs.sort((x, y) => x - y);
      this.sorted.add(name);
    }
    const lo = lowerBound(refs, from);
    let end = lo;
    while (end < refs.length && refs[end]! < to && end - lo < max) end++;
    return refs.slice(lo, end);
  }
}
