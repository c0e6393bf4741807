import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allocate, type AllocationItem } from '../../src/fund/allocate.js';
import { isVigilError } from '../../src/core/errors.js';

// A failing property shrinks; bound it so a counterexample search can never stall the suite.
fc.configureGlobal({ interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true });

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

const itemsArb = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 6 }),
    weight: fc.oneof(fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer({ min: 0, max: 50 })),
  }),
  { selector: (i) => i.id, minLength: 0, maxLength: 40 },
);
const budgetArb = fc.integer({ min: 1, max: 10_000_000 });

describe('allocate: properties', () => {
  test('budget conserved to the cent; every amount a non-negative integer', () => {
    fc.assert(
      fc.property(itemsArb, budgetArb, (items, budget) => {
        const a = allocate(items, { budgetCents: budget });
        assert.equal(sum(a.amounts) + a.unallocatedCents, budget);
        for (const v of a.amounts.values()) assert.ok(Number.isSafeInteger(v) && v >= 0);
        if (items.some((i) => i.weight > 0)) assert.equal(a.unallocatedCents, 0);
      }),
      { numRuns: 300 },
    );
  });

  test('caps and minimums respected, budget still conserved', () => {
    fc.assert(
      fc.property(
        itemsArb,
        budgetArb,
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 30 }),
        (items, budget, capPct, minPct) => {
          const cap = Math.max(1, Math.floor((budget * capPct) / 100));
          const min = Math.min(cap, Math.floor((budget * minPct) / 100));
          const a = allocate(items, { budgetCents: budget, capCents: cap, minCents: min });
          assert.equal(sum(a.amounts) + a.unallocatedCents, budget);
          for (const [id, v] of a.amounts) {
            assert.ok(v <= cap, `${id} got ${v} > cap ${cap}`);
            if (v > 0) assert.ok(v >= min, `${id} got ${v} < min ${min}`);
          }
          // Money is left over only when every paid recipient sits at the cap.
          if (a.unallocatedCents > 0 && items.some((i) => i.weight > 0))
            for (const v of a.amounts.values()) if (v > 0) assert.equal(v, cap);
          // A recipient dropped for the minimum never outweighs one that is paid.
          const paid = items.filter((i) => a.amounts.get(i.id)! > 0);
          for (const d of a.belowMinimum) {
            const w = items.find((i) => i.id === d)!.weight;
            for (const p of paid) assert.ok(p.weight >= w);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test('deterministic: same input (in any order) gives the same cents', () => {
    fc.assert(
      fc.property(itemsArb, budgetArb, fc.integer({ min: 0, max: 1000 }), (items, budget, seed) => {
        const shuffled = [...items].sort((a, b) => ((a.id.charCodeAt(0) * 31 + seed) % 97) - ((b.id.charCodeAt(0) * 31 + seed) % 97));
        const a = allocate(items, { budgetCents: budget, minCents: 0 });
        const b = allocate(shuffled, { budgetCents: budget, minCents: 0 });
        assert.deepEqual([...a.amounts].sort(), [...b.amounts].sort());
      }),
      { numRuns: 200 },
    );
  });

  test('monotone across recipients: a larger weight never gets fewer cents', () => {
    fc.assert(
      fc.property(itemsArb, budgetArb, fc.option(fc.integer({ min: 1, max: 100 })), (items, budget, capPct) => {
        const cap = capPct ? Math.max(1, Math.floor((budget * capPct) / 100)) : undefined;
        const a = allocate(items, { budgetCents: budget, ...(cap ? { capCents: cap } : {}) });
        const sorted = [...items].sort((x, y) => y.weight - x.weight);
        for (let i = 1; i < sorted.length; i++) {
          if (sorted[i - 1]!.weight > sorted[i]!.weight) assert.ok(a.amounts.get(sorted[i - 1]!.id)! >= a.amounts.get(sorted[i]!.id)!);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("monotone in a recipient's own weight (criticality × need): raising it never lowers its share by more than the rounding cent", () => {
    fc.assert(
      fc.property(
        itemsArb.filter((x) => x.length > 0),
        budgetArb,
        fc.nat(),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        (items, budget, pick, factor, minPct) => {
          const i = pick % items.length;
          const min = Math.floor((budget * minPct) / 100);
          const before = allocate(items, { budgetCents: budget, minCents: min });
          const raised: AllocationItem[] = items.map((x, j) => (j === i ? { ...x, weight: x.weight * factor + 0.001 } : x));
          const after = allocate(raised, { budgetCents: budget, minCents: min });
          assert.ok(after.amounts.get(items[i]!.id)! >= before.amounts.get(items[i]!.id)! - 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('allocate: bad input', () => {
  for (const budget of [0, -100, 1.5, Number.NaN]) {
    test(`budget ${budget} is a clear E_USAGE`, () => {
      assert.throws(
        () => allocate([{ id: 'a', weight: 1 }], { budgetCents: budget }),
        (e) => isVigilError(e, 'E_USAGE') && /budget/.test((e as Error).message),
      );
    });
  }
  test('minimum above the budget, cap below the minimum: E_USAGE', () => {
    assert.throws(
      () => allocate([{ id: 'a', weight: 1 }], { budgetCents: 100, minCents: 101 }),
      (e) => isVigilError(e, 'E_USAGE'),
    );
    assert.throws(
      () => allocate([{ id: 'a', weight: 1 }], { budgetCents: 100, capCents: 10, minCents: 20 }),
      (e) => isVigilError(e, 'E_USAGE'),
    );
  });
  test('NaN, Infinity and negative weights get nothing and no NaN leaks', () => {
    const a = allocate(
      [
        { id: 'nan', weight: Number.NaN },
        { id: 'inf', weight: Number.POSITIVE_INFINITY },
        { id: 'neg', weight: -3 },
        { id: 'ok', weight: 2 },
      ],
      { budgetCents: 1001 },
    );
    assert.deepEqual(
      [...a.amounts],
      [
        ['nan', 0],
        ['inf', 0],
        ['neg', 0],
        ['ok', 1001],
      ],
    );
    assert.deepEqual([...a.noWeight].sort(), ['inf', 'nan', 'neg']);
  });
  test('nobody to pay: the whole budget is reported unallocated', () => {
    const a = allocate([], { budgetCents: 500 });
    assert.equal(a.unallocatedCents, 500);
    assert.equal(allocate([{ id: 'z', weight: 0 }], { budgetCents: 7 }).unallocatedCents, 7);
  });
});

describe('allocate: worked examples', () => {
  test('largest remainder: 100 cents over three equal weights is 34/33/33, ties by id', () => {
    const a = allocate(
      [
        { id: 'b', weight: 1 },
        { id: 'a', weight: 1 },
        { id: 'c', weight: 1 },
      ],
      { budgetCents: 100 },
    );
    assert.deepEqual(Object.fromEntries(a.amounts), { a: 34, b: 33, c: 33 });
  });
  test('cap with redistribution: 90/5/5 weights under a 50% cap', () => {
    const a = allocate(
      [
        { id: 'big', weight: 90 },
        { id: 'x', weight: 5 },
        { id: 'y', weight: 5 },
      ],
      { budgetCents: 10000, capCents: 5000 },
    );
    assert.deepEqual(Object.fromEntries(a.amounts), { big: 5000, x: 2500, y: 2500 });
    assert.deepEqual([...a.capped], ['big']);
  });
  test('minimum: small shares are dropped one at a time and redistributed', () => {
    const a = allocate(
      [
        { id: 'a', weight: 60 },
        { id: 'b', weight: 30 },
        { id: 'c', weight: 6 },
        { id: 'd', weight: 4 },
      ],
      { budgetCents: 1000, minCents: 100 },
    );
    // d (40) is dropped first; then c gets 62.5 < 100 and is dropped too; a and b split 2:1.
    assert.deepEqual(Object.fromEntries(a.amounts), { a: 667, b: 333, c: 0, d: 0 });
    assert.deepEqual([...a.belowMinimum].sort(), ['c', 'd']);
  });
  test('every recipient capped: the remainder is unallocated, never silently lost', () => {
    const a = allocate(
      [
        { id: 'a', weight: 1 },
        { id: 'b', weight: 1 },
      ],
      { budgetCents: 1000, capCents: 300 },
    );
    assert.deepEqual(Object.fromEntries(a.amounts), { a: 300, b: 300 });
    assert.equal(a.unallocatedCents, 400);
  });
  test('2,000 recipients: conserved, one pass', () => {
    const items = Array.from({ length: 2000 }, (_, i) => ({ id: `p${i}`, weight: 1 / (1 + i) }));
    const a = allocate(items, { budgetCents: 123_456_78, capCents: 50_000_0, minCents: 2_000 });
    assert.equal(sum(a.amounts) + a.unallocatedCents, 123_456_78);
    assert.ok(a.belowMinimum.size > 0 && a.capped.size > 0);
  });
});

describe('allocate: regressions', () => {
  test('near-equal weights that quantise alike still keep the heavier one first', () => {
    const a = allocate(
      [
        { id: 'a', weight: 1 },
        { id: 'b', weight: 1 + 1e-14 },
      ],
      { budgetCents: 101 },
    );
    assert.deepEqual(Object.fromEntries(a.amounts), { a: 50, b: 51 });
  });
});
