import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildPlan } from '../../src/fund/plan.js';
import { renderFundingCsv } from '../../src/fund/csv.js';
import { renderFundingTable } from '../../src/fund/table.js';
import { pledgeSummary, renderPledge } from '../../src/fund/pledge.js';
import { parsePackageFunding } from '../../src/sources/funding/package-funding.js';
import type { FundingChannel } from '../../src/sources/funding/channel.js';
import type { ComponentScore } from '../../src/scoring/types.js';
import { scoreResult } from '../../src/scoring/score-result.js';
import { readFunding } from '../../src/report/html/read-facts.js';
import { isVigilError } from '../../src/core/errors.js';
import type { Packument } from '../../src/sources/npm/types.js';
import { C, assertFinite, graphInventory, resultOf, served } from '../scoring/helpers.js';

fc.configureGlobal({ interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true });

const ch = (url: string): FundingChannel[] => parsePackageFunding(url, 'test').channels;

function scenario() {
  const inv = graphInventory();
  const pk = new Map<string, Packument>([
    [C.parser.name, served(C.parser, ['solo'], { funding: 'https://github.com/sponsors/solo' })],
    [C.debug.name, served(C.debug, ['solo'], { funding: { type: 'github', url: 'https://github.com/sponsors/solo' } })],
    [C.framework.name, served(C.framework, ['a', 'b', 'c', 'd', 'e'], { funding: 'https://opencollective.com/framework' })],
    [C.plugin.name, served(C.plugin, ['p'], { funding: 'https://liberapay.com/plugin' })],
    [C.cycleA.name, served(C.cycleA, ['q'])],
  ]);
  const channels = new Map<string, FundingChannel[]>();
  for (const c of inv.components) {
    const m = pk.get(c.name)?.versions[c.version];
    if (m) channels.set(c.purl, parsePackageFunding(m.funding, c.name).channels);
  }
  const scores = scoreResult(resultOf(inv), { packuments: pk, funding: channels }).scores;
  return { inv, scores, channels };
}

const cents = (plan: ReturnType<typeof buildPlan>) => plan.shares.reduce((a, s) => a + s.amountCents, 0) + plan.unallocatedCents;

describe('funding plan', () => {
  test('a sole maintainer carrying the shared parser is one payee, ranked above the team-run framework', () => {
    const { inv, scores, channels } = scenario();
    const plan = buildPlan(inv, scores, channels, { budgetCents: 100_000 });
    assert.equal(cents(plan), 100_000);
    assert.deepEqual(plan.shares.map((s) => s.recipient).sort(), ['github:solo', 'liberapay:plugin', 'open_collective:framework']);
    assert.equal(plan.shares[0]!.recipient, 'github:solo');
    const fw = plan.shares.find((s) => s.recipient === 'open_collective:framework')!;
    assert.ok(
      plan.shares[0]!.amountCents > 2 * fw.amountCents,
      'one tired person carrying two shared packages gets more than a five-person team',
    );
    const solo = plan.shares[0]!;
    assert.equal(solo.packages, 2);
    assert.match(solo.components, /tiny-parser@1\.2\.3, debug@2\.6\.9|debug@2\.6\.9, tiny-parser@1\.2\.3/);
    assert.match(solo.reason, /2 package\(s\).*heaviest .*criticality/);
    assert.equal(solo.channel, 'https://github.com/sponsors/solo');
    // cycle-a is critical enough and has no channel: listed, not paid.
    assert.deepEqual(plan.unfunded.map((u) => u.name).includes('cycle-a@1.0.0'), scores[C.cycleA.purl]!.criticality >= 0.5);
    assertFinite(plan);
  });

  test("transitive shares: dependencies of dependencies receive part of their dependents' weight", () => {
    const { inv, scores, channels } = scenario();
    const none = buildPlan(inv, scores, channels, { budgetCents: 100_000, transitiveShare: 0 });
    const half = buildPlan(inv, scores, channels, { budgetCents: 100_000, transitiveShare: 0.5 });
    const amt = (p: typeof none, r: string) => p.shares.find((s) => s.recipient === r)!.amountCents;
    assert.ok(amt(half, 'github:solo') > amt(none, 'github:solo'));
    assert.ok(amt(half, 'open_collective:framework') < amt(none, 'open_collective:framework'));
    assert.match(half.shares[0]!.reason, /passed on from dependents such as/);
  });

  test('cap and minimum: respected, rest redistributed, budget conserved', () => {
    const { inv, scores, channels } = scenario();
    const plan = buildPlan(inv, scores, channels, { budgetCents: 10_000, capPercent: 40, minCents: 2_500 });
    assert.equal(cents(plan), 10_000);
    for (const s of plan.shares) assert.ok(s.amountCents <= 4_000 && s.amountCents >= 2_500);
    assert.equal(plan.capCents, 4_000);
    assert.match(plan.shares[0]!.reason, /capped at 40\.00/);
  });

  test('nobody declares a channel: nothing paid, the budget reported unallocated, critical packages listed', () => {
    const inv = graphInventory();
    const scores = scoreResult(resultOf(inv)).scores;
    const plan = buildPlan(inv, scores, new Map(), { budgetCents: 5_000 });
    assert.equal(plan.shares.length, 0);
    assert.equal(plan.unallocatedCents, 5_000);
    assert.ok(plan.unfunded.length > 0);
    assert.match(renderFundingTable(plan), /unallocated: 50\.00 USD \(no component declares a funding channel\)/);
  });

  test('missing scores and a cyclic graph: no NaN, still conserved', () => {
    const inv = graphInventory();
    const channels = new Map(inv.components.map((c, i) => [c.purl, ch(`https://opencollective.com/c${i % 3}`)] as const));
    const scores: Record<string, ComponentScore> = {
      [C.cycleA.purl]: {
        name: 'cycle-a',
        version: '1.0.0',
        criticality: Number.NaN,
        fragility: Number.POSITIVE_INFINITY,
        suspicion: 0,
        quadrant: 'peripheral-robust',
        factors: [],
      },
    };
    const plan = buildPlan(inv, scores, channels, { budgetCents: 999 });
    assertFinite(plan);
    assert.equal(cents(plan), 999);
  });

  test('renderers: CSV quoting and formula guard, terminal table, the HTML reader, pledge', () => {
    const { inv, scores, channels } = scenario();
    const plan = buildPlan(inv, scores, channels, { budgetCents: 50_000, period: 'month', currency: 'EUR' });
    plan.shares[0]!.reason = '=HYPERLINK("x"), "quoted"';
    const csv = renderFundingCsv(plan);
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines[0], 'channel,recipient,amount,currency,period,platform,packages,reason');
    assert.equal(lines.length, plan.shares.length + 1);
    assert.ok(lines[1]!.endsWith(`"'=HYPERLINK(""x""), ""quoted"""`));
    assert.equal(
      lines.slice(1).reduce((a, l) => a + Math.round(Number(l.split(',')[2]) * 100), 0),
      50_000,
    );
    const table = renderFundingTable(plan);
    assert.match(table, /Funding plan: 500\.00 EUR per month, 3 recipient\(s\)/);
    assert.match(table, /1 +\d+\.\d\d +github:solo/);
    const view = readFunding(plan);
    assert.equal(view!.rows.length, 3);
    assert.equal(view!.rows[0]!['recipient'], 'github:solo');
    assert.equal(view!.budget, 500);
    plan.pledge = pledgeSummary(plan, 4);
    assert.equal(plan.pledge.annual, 6000);
    assert.equal(plan.pledge.perDeveloperPerYear, 1500);
    assert.equal(plan.pledge.meetsPledge, false);
    assert.match(plan.pledge.note, /2000\.00 more per year would meet it/);
    assert.match(renderPledge(plan), /\| github:solo \| https:\/\/github\.com\/sponsors\/solo \| \d+\.\d\d \|/);
    assert.throws(
      () => pledgeSummary(plan, 0),
      (e) => isVigilError(e, 'E_USAGE'),
    );
  });

  test('deterministic: the same input gives the same plan', () => {
    const a = scenario();
    const b = scenario();
    assert.deepEqual(
      buildPlan(a.inv, a.scores, a.channels, { budgetCents: 12_345, minCents: 100 }),
      buildPlan(b.inv, b.scores, b.channels, { budgetCents: 12_345, minCents: 100 }),
    );
  });

  test('property: monotone in criticality and need (without transitive flow; leaves always)', () => {
    const inv = graphInventory();
    const purls = inv.components.map((c) => c.purl);
    const channels = new Map(purls.map((p, i) => [p, ch(`https://opencollective.com/r${i}`)] as const));
    const arbScores = fc.array(
      fc.record({ c: fc.double({ min: 0, max: 1, noNaN: true }), f: fc.double({ min: 0, max: 1, noNaN: true }) }),
      { minLength: purls.length, maxLength: purls.length },
    );
    fc.assert(
      fc.property(
        arbScores,
        fc.nat({ max: purls.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        fc.integer({ min: 100, max: 1_000_000 }),
        (raw, i, bump, which, budget) => {
          const mk = (r: typeof raw): Record<string, ComponentScore> =>
            Object.fromEntries(
              purls.map((p, j) => [
                p,
                {
                  name: p,
                  version: '1',
                  criticality: r[j]!.c,
                  fragility: r[j]!.f,
                  suspicion: 0,
                  quadrant: 'peripheral-robust' as const,
                  factors: [],
                },
              ]),
            );
          const raised = raw.map((x, j) =>
            j === i ? (which ? { ...x, c: Math.min(1, x.c + bump) } : { ...x, f: Math.min(1, x.f + bump) }) : x,
          );
          const leaf = !inv.edges.some((e) => e.from === purls[i]);
          for (const tau of leaf ? [0, 0.3] : [0]) {
            const before = buildPlan(inv, mk(raw), channels, { budgetCents: budget, transitiveShare: tau });
            const after = buildPlan(inv, mk(raised), channels, { budgetCents: budget, transitiveShare: tau });
            const amt = (p: typeof before) => p.shares.find((s) => s.recipient === `open_collective:r${i}`)?.amountCents ?? 0;
            assert.ok(amt(after) >= amt(before) - 1, `recipient ${i}: ${amt(before)} → ${amt(after)}`);
            assert.equal(cents(after), budget);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
