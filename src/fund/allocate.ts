/**
 * Split a budget in integer cents over weighted recipients, exactly and deterministically:
 *
 * 1. Weights are quantised to integers (relative to the largest, 2^40 steps) so every share
 *    R·q_i/Q below is exact BigInt arithmetic — no float drift, same input → same cents.
 * 2. Cap (water-filling): a recipient whose proportional share exceeds the cap gets the cap; the
 *    rest is shared again among the others, until no share exceeds it. If every recipient is
 *    capped, what is left is returned as `unallocatedCents` (budget still conserved).
 * 3. Minimum: while the smallest share is under the minimum, the lowest-weight recipient is
 *    dropped and its share redistributed (found by binary search; equivalent to one at a time).
 * 4. Rounding: largest remainder (Hamilton): floors, then one cent each to the largest exact
 *    remainders (ties: higher weight, then id). A larger weight never gets fewer cents.
 *
 * Invariant: Σ amounts + unallocatedCents = budgetCents.
 */
import { VigilError } from '../core/errors.js';

export interface AllocationItem {
  id: string;
  weight: number;
}

export interface AllocationOptions {
  budgetCents: number;
  /** Most one recipient may get (cents); default: no cap. */
  capCents?: number;
  /** Least a paid recipient gets (cents); recipients below it are dropped and their share redistributed. */
  minCents?: number;
}

export interface Allocation {
  /** id → cents, for every input id (0 for dropped / zero weight). */
  amounts: Map<string, number>;
  capped: Set<string>;
  /** Dropped because their share would be under the minimum. */
  belowMinimum: Set<string>;
  /** Zero, negative or non-finite weight. */
  noWeight: Set<string>;
  /** Left over because every recipient reached the cap (or there was no one to pay). */
  unallocatedCents: number;
}

const SCALE = 2 ** 40;

function checkCents(name: string, v: number | undefined, min: number): void {
  if (v === undefined) return;
  if (!Number.isSafeInteger(v) || v < min) throw new VigilError('E_USAGE', `${name} must be a whole number of cents ≥ ${min} (got ${v})`);
}

export function allocate(items: readonly AllocationItem[], o: AllocationOptions): Allocation {
  checkCents('budget', o.budgetCents, 1);
  checkCents('cap', o.capCents, 1);
  checkCents('minimum', o.minCents, 0);
  const cap = o.capCents;
  const min = o.minCents ?? 0;
  if (min > o.budgetCents)
    throw new VigilError('E_USAGE', `the minimum payout (${min} cents) is larger than the budget (${o.budgetCents} cents)`);
  if (cap !== undefined && cap < min)
    throw new VigilError('E_USAGE', `the cap (${cap} cents) is smaller than the minimum payout (${min} cents)`);
  const seen = new Set<string>();
  for (const it of items) {
    if (seen.has(it.id)) throw new VigilError('E_INTERNAL', `allocation: duplicate recipient id ${it.id}`);
    seen.add(it.id);
  }

  const out: Allocation = {
    amounts: new Map(items.map((i) => [i.id, 0])),
    capped: new Set(),
    belowMinimum: new Set(),
    noWeight: new Set(),
    unallocatedCents: o.budgetCents,
  };
  const maxW = Math.max(0, ...items.map((i) => (Number.isFinite(i.weight) ? i.weight : 0)));
  const q = new Map<string, bigint>();
  for (const i of items) {
    const v = Number.isFinite(i.weight) && i.weight > 0 && maxW > 0 ? BigInt(Math.round((i.weight / maxW) * SCALE)) : 0n;
    if (v > 0n) q.set(i.id, v);
    else out.noWeight.add(i.id);
  }
  // Descending weight, then id: the deterministic order used everywhere below.
  // Quantisation can make near-equal weights equal: the float weight breaks those ties, then the id.
  const w = new Map(items.map((i) => [i.id, i.weight] as const));
  const order = [...q.keys()].sort((a, b) =>
    q.get(b)! > q.get(a)! ? 1 : q.get(b)! < q.get(a)! ? -1 : w.get(b)! - w.get(a)! || (a < b ? -1 : a > b ? 1 : 0),
  );
  if (order.length === 0) return out;
  const B = BigInt(o.budgetCents);
  const C = cap === undefined ? undefined : BigInt(cap);
  const M = BigInt(min);

  /** Water-fill over order[0..n): how many (a prefix) are capped, and R/Q shared by the rest. */
  const fill = (n: number) => {
    let R = B;
    let Q = 0n;
    for (let j = 0; j < n; j++) Q += q.get(order[j]!)!;
    let k = 0;
    while (C !== undefined && k < n && R * q.get(order[k]!)! > C * Q) {
      R -= C;
      Q -= q.get(order[k]!)!;
      k++;
    }
    return { k, R, Q };
  };
  const smallestOk = (n: number) => {
    const { k, R, Q } = fill(n);
    return k === n || R * q.get(order[n - 1]!)! >= M * Q;
  };
  let lo = 1;
  let hi = order.length;
  if (!smallestOk(hi)) {
    // Smallest n whose smallest share reaches the minimum fails monotonically upward: find the largest n that works.
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (smallestOk(mid)) lo = mid;
      else hi = mid - 1;
    }
    hi = lo;
  }
  const n = hi;
  for (const id of order.slice(n)) out.belowMinimum.add(id);
  const { k, R, Q } = fill(n);
  let given = 0n;
  for (let j = 0; j < k; j++) {
    out.amounts.set(order[j]!, cap!);
    out.capped.add(order[j]!);
    given += C!;
  }
  if (k === n) {
    out.unallocatedCents = Number(B - given);
    return out;
  }
  const rest = order.slice(k, n);
  const rem = new Map<string, bigint>();
  let floors = 0n;
  for (const id of rest) {
    const num = R * q.get(id)!;
    const f = num / Q;
    out.amounts.set(id, Number(f));
    rem.set(id, num % Q);
    floors += f;
  }
  let extra = Number(R - floors);
  const pos = new Map(order.map((id, i) => [id, i] as const));
  const byRemainder = [...rest].sort((a, b) => {
    const ra = rem.get(a)!,
      rb = rem.get(b)!;
    if (ra !== rb) return ra > rb ? -1 : 1;
    return pos.get(a)! - pos.get(b)!;
  });
  for (let i = 0; extra > 0; i = (i + 1) % byRemainder.length) {
    const id = byRemainder[i]!;
    if (cap !== undefined && out.amounts.get(id)! >= cap) continue;
    out.amounts.set(id, out.amounts.get(id)! + 1);
    extra--;
  }
  out.unallocatedCents = 0;
  return out;
}
