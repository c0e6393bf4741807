import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeGraph, cappedClosureCounts, closureCounts, condense, COUNT_CAP } from '../../src/scoring/graph-metrics.js';
import type { Inventory } from '../../src/core/types.js';
import { C, graphInventory } from './helpers.js';

/** `n` components named `<prefix><i>` under one root, no edges yet. */
function namedInventory(n: number, prefix: string): { purls: string[]; inv: Inventory } {
  const purls = Array.from({ length: n }, (_, i) => `pkg:npm/${prefix}${i}@1.0.0`);
  const components = purls.map((purl, i) => ({
    purl,
    ecosystem: 'npm',
    name: `${prefix}${i}`,
    version: '1.0.0',
    locations: [],
    dev: false,
    optional: false,
  }));
  return { purls, inv: { sources: [], problems: [], roots: [{ id: 'root:r', name: 'r', path: '.' }], components, edges: [] } };
}

describe('graph metrics', () => {
  test('roots reaching, depth, dependents and dependencies, cycle members counted once', () => {
    const g = analyzeGraph(graphInventory());
    const m = (c: { purl: string }) => g.metrics.get(c.purl)!;
    assert.equal(g.roots, 2);
    assert.deepEqual([m(C.framework).rootsReaching, m(C.framework).depth, m(C.framework).directDependents], [2, 1, 2]);
    assert.deepEqual([m(C.parser).rootsReaching, m(C.parser).depth], [2, 2]);
    // parser: framework, plugin, cycle-a, cycle-b, devtool depend on it.
    assert.equal(m(C.parser).dependents, 5);
    assert.equal(m(C.parser).directDependents, 4);
    // plugin pulls in parser, cycle-a, cycle-b.
    assert.equal(m(C.plugin).dependencies, 3);
    // In a cycle each member depends on the other: cycle-a → {cycle-b, parser}; dependents {plugin, cycle-b}.
    assert.deepEqual([m(C.cycleA).dependencies, m(C.cycleA).dependents], [2, 2]);
    assert.deepEqual([...g.inCycle].sort(), [C.cycleA.purl, C.cycleB.purl].sort());
    assert.equal(m(C.devdep).rootsReaching, 1);
  });

  test('3,000 components with random edges and cycles: bitset closure equals a plain BFS', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const n = 3000;
    const { purls, inv } = namedInventory(n, 'p');
    for (let i = 0; i < 20; i++) inv.edges.push({ from: 'root:r', to: purls[i]!, kind: 'prod' });
    for (let i = 0; i < n * 3; i++)
      inv.edges.push({ from: purls[Math.floor(rnd() * n)]!, to: purls[Math.floor(rnd() * n)]!, kind: 'prod' });
    const g = analyzeGraph(inv);
    const out = new Map<string, string[]>();
    for (const e of inv.edges) if (!e.from.startsWith('root:')) (out.get(e.from) ?? out.set(e.from, []).get(e.from)!).push(e.to);
    for (const i of [0, 7, 500, 1234, 2999]) {
      const seen = new Set<string>([purls[i]!]);
      const q = [purls[i]!];
      while (q.length)
        for (const t of out.get(q.pop()!) ?? [])
          if (!seen.has(t)) {
            seen.add(t);
            q.push(t);
          }
      seen.delete(purls[i]!);
      assert.equal(g.metrics.get(purls[i]!)!.dependencies, seen.size, `dependencies of p${i}`);
    }
    const total = [...g.metrics.values()].reduce((a, m) => a + m.dependents, 0);
    const totalDeps = [...g.metrics.values()].reduce((a, m) => a + m.dependencies, 0);
    assert.equal(total, totalDeps, 'every dependency pair is counted once from each side');
  });

  test('closure a block of columns at a time (tiny memory budget) counts exactly what one block does', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const n = 700;
    const out: number[][] = Array.from({ length: n }, () => []);
    // Mostly forward edges (a DAG, as real dependency graphs are) and a few back edges making cycles.
    for (let i = 0; i < n - 1; i++) for (let k = 0; k < 2; k++) out[i]!.push(Math.min(n - 1, i + 1 + Math.floor(rnd() * 40)));
    for (let k = 0; k < 15; k++) {
      const i = Math.floor(rnd() * (n - 10));
      const j = i + 1 + Math.floor(rnd() * 8);
      out[i]!.push(j);
      out[j]!.push(i);
    }
    const { comp, count, members, succ, pred } = condense(n, out);
    assert.ok(count > 600 && count < n, `a graph with some cycles (${count} SCCs)`);
    for (const [next, reverse] of [
      [succ, false],
      [pred, true],
    ] as const) {
      const whole = closureCounts(count, members, next, reverse);
      const blocked = closureCounts(count, members, next, reverse, 64);
      assert.deepEqual([...blocked], [...whole]);
    }
    // And against a plain BFS from a few nodes.
    const deps = closureCounts(count, members, succ);
    for (const i of [0, 3, 350, 698]) {
      const seen = new Set([i]);
      const q = [i];
      while (q.length) for (const t of out[q.pop()!]!) if (!seen.has(t) && seen.add(t)) q.push(t);
      assert.equal(deps[comp[i]!]! + members[comp[i]!]!.length - 1, seen.size - 1, `dependencies of ${i}`);
    }
  });

  test('capped counts are the exact ones below the cap and the cap above it', () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const n = 900;
    const out: number[][] = Array.from({ length: n }, () => []);
    for (let i = 0; i < n - 1; i++) for (let k = 0; k < 2; k++) out[i]!.push(Math.min(n - 1, i + 1 + Math.floor(rnd() * 60)));
    for (let k = 0; k < 20; k++) {
      const i = Math.floor(rnd() * (n - 10));
      out[i + 3]!.push(i);
    }
    const { count, members, succ, pred } = condense(n, out);
    for (const next of [succ, pred]) {
      const exact = closureCounts(count, members, next, next === pred);
      for (const cap of [1, 50, 400, 5000]) {
        const capped = cappedClosureCounts(count, members, next, cap);
        assert.deepEqual(
          [...capped],
          [...exact].map((x) => Math.min(x, cap)),
          `cap ${cap}`,
        );
      }
    }
  });

  test('a graph too large to count exactly: counts stop at the cap and say so; small counts stay exact', () => {
    // A chain of COUNT_CAP + 50 components: the head pulls in everything, the tail nothing.
    const n = COUNT_CAP + 50;
    const { purls, inv } = namedInventory(n, 'c');
    inv.edges = [
      { from: 'root:r', to: purls[0]!, kind: 'prod' },
      ...purls.slice(1).map((to, k) => ({ from: purls[k]!, to, kind: 'prod' as const })),
    ];
    const exact = analyzeGraph(inv);
    const capped = analyzeGraph(inv, 0);
    const head = capped.metrics.get(purls[0]!)!;
    assert.equal(exact.metrics.get(purls[0]!)!.dependencies, n - 1);
    assert.deepEqual([head.dependencies, head.dependenciesAtLeast], [COUNT_CAP, true]);
    const tail = capped.metrics.get(purls[n - 1]!)!;
    assert.deepEqual([tail.dependents, tail.dependentsAtLeast], [COUNT_CAP, true]);
    const mid = capped.metrics.get(purls[n - 10]!)!;
    assert.deepEqual([mid.dependencies, mid.dependenciesAtLeast], [9, undefined]);
    assert.deepEqual(capped.metrics.get(purls[20]!)!.dependents, 20);
  });

  test('empty inventory and dangling edges do not throw', () => {
    const g = analyzeGraph({
      sources: [],
      roots: [],
      components: [],
      edges: [{ from: 'root:x', to: 'pkg:npm/missing@1', kind: 'prod' }],
      problems: [],
    });
    assert.equal(g.metrics.size, 0);
  });
});
