import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fundCommand } from '../../src/cli/commands/fund.js';
import { isVigilError } from '../../src/core/errors.js';
import type { ScanResult } from '../../src/core/result.js';
import type { FundingPlan } from '../../src/fund/plan-types.js';
import { startRegistryServer, type RegistryServer } from '../helpers/registry-server.js';
import { assertFinite } from '../scoring/helpers.js';

let reg: RegistryServer;
let dir: string;

/** A packument the way this machine's registry serves it: no maintainers, no _npmUser. */
function packument(name: string, version: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    'dist-tags': { latest: version },
    versions: { [version]: { name, version, dist: { tarball: `${reg.url}${name}/-/${name}-${version}.tgz` }, ...extra } },
  };
}

before(async () => {
  reg = await startRegistryServer();
  reg.addPackument('framework', packument('framework', '4.0.0', { funding: 'https://opencollective.com/framework' }));
  reg.addPackument(
    'plugin',
    packument('plugin', '1.0.0', { funding: [42, { type: 'github', url: 'https://github.com/sponsors/plugin-dev' }] }),
  );
  reg.addPackument('tiny-parser', packument('tiny-parser', '1.2.3', { funding: { type: 'individual', url: 'not a url' } }));
  reg.addPackument('cycle-a', packument('cycle-a', '1.0.0'));
  reg.addPackument('cycle-b', packument('cycle-b', '1.0.0', { funding: 'https://liberapay.com/cycles' }));
  reg.addPackument('devtool', packument('devtool', '5.0.0', { funding: 'https://github.com/sponsors/devtool' }));
  dir = mkdtempSync(join(tmpdir(), 'vigil-fund-'));
  cpSync('test/fixtures/fund/project-small', dir, { recursive: true });
  // The installed parser has a FLOSS/fund manifest the registry manifest lacks.
  mkdirSync(join(dir, 'node_modules/tiny-parser'), { recursive: true });
  writeFileSync(join(dir, 'node_modules/tiny-parser/package.json'), JSON.stringify({ name: 'tiny-parser', version: '1.2.3' }));
  cpSync('test/fixtures/fund/funding-json-floss/funding.json', join(dir, 'node_modules/tiny-parser/funding.json'));
});
after(async () => {
  await reg.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(values: Record<string, unknown>, positionals = [dir]) {
  const base = {
    period: 'month',
    currency: 'USD',
    min: '0',
    transitive: 0.3,
    pledge: false,
    concurrency: 4,
    offline: false,
    store: ':memory:',
    registry: reg.url,
  };
  const out = await fundCommand.run({
    options: { values: { ...base, ...values }, sources: {}, positionals },
    cwd: dir,
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    events: () => {},
    env: {},
  });
  assert.equal(out.kind, 'result');
  return (out as { result: ScanResult }).result;
}

describe('vigil fund', () => {
  test('plan from the registry manifests and the installed funding.json; CSV written; budget conserved', async () => {
    const csv = join(dir, 'plan.csv');
    const r = await run({ budget: '1,000.00', cap: 50, csv });
    const plan = r.facts['funding'] as unknown as FundingPlan;
    assert.equal(r.command, 'fund');
    assert.equal(plan.budgetCents, 100_000);
    assert.equal(plan.shares.reduce((a, s) => a + s.amountCents, 0) + plan.unallocatedCents, 100_000);
    const recipients = plan.shares.map((s) => s.recipient).sort();
    assert.deepEqual(recipients, [
      'floss:alice@example.org',
      'github:devtool',
      'github:plugin-dev',
      'liberapay:cycles',
      'open_collective:framework',
    ]);
    assert.equal(plan.shares.find((s) => s.recipient === 'floss:alice@example.org')!.channel, 'https://opencollective.com/tiny-parser');
    for (const s of plan.shares) assert.ok(s.amountCents <= 50_000);
    // Malformed funding entries are problems naming the package, not crashes.
    assert.ok(r.problems.some((p) => /plugin@1\.0\.0: funding\[0\] is a number/.test(p.message)));
    assert.ok(r.problems.some((p) => /tiny-parser@1\.2\.3: funding: not a URL/.test(p.message)));
    // Scores are stored for the report; maintainers are unknown from this registry, and said so.
    const scoring = r.facts['scoring'] as Record<
      string,
      { criticality: number; factors: { name: string; value: unknown; explanation: string }[] }
    >;
    const parser = Object.entries(scoring).find(([k]) => k.includes('tiny-parser'))![1];
    assert.equal(parser.factors.find((f) => f.name === 'fragility.noFunding')!.value, false);
    assert.ok(parser.criticality > 0);
    assert.match(r.unavailable.find((u) => u.field === 'fragility.maintainers')!.reason, /not available from this registry/);
    assert.ok(r.skipped.some((s) => s.analyzer === 'suspicion'));
    const text = readFileSync(csv, 'utf8');
    assert.match(text, /^channel,recipient,amount,/);
    assert.equal(text.trimEnd().split('\r\n').length, plan.shares.length + 1);
    assertFinite(r.facts);
  });

  test('the dev-only tool gets less than the runtime parser it sits next to', async () => {
    const plan = (await run({ budget: '100' })).facts['funding'] as unknown as FundingPlan;
    const amt = (r: string) => plan.shares.find((s) => s.recipient === r)!.amountCents;
    assert.ok(amt('floss:alice@example.org') > amt('github:devtool'));
  });

  test('--pledge with --developers adds the Open Source Pledge summary and writes the report', async () => {
    const file = join(dir, 'pledge.md');
    const r = await run({ budget: '500', period: 'month', pledge: true, developers: 2, 'pledge-file': file });
    const plan = r.facts['funding'] as unknown as FundingPlan;
    assert.equal(plan.pledge!.perDeveloperPerYear, 3000);
    assert.equal(plan.pledge!.meetsPledge, true);
    assert.match(readFileSync(file, 'utf8'), /# Open Source Pledge report[\s\S]*Per developer per year: 3000\.00 USD/);
  });

  for (const [what, values, re] of [
    ['no budget', {}, /needs --budget/],
    ['zero budget', { budget: '0' }, /--budget must be more than zero/],
    ['negative budget', { budget: '-5' }, /--budget must not be negative/],
    ['budget with letters', { budget: '12abc' }, /--budget must be an amount/],
    ['three decimals', { budget: '1.005' }, /--budget must be an amount/],
    ['cap over 100', { budget: '10', cap: 150 }, /--cap must be a percentage/],
    ['min above budget', { budget: '10', min: '20' }, /--min \(20\.00\) is larger than --budget/],
    ['cap below the minimum', { budget: '100', cap: 1, min: '50' }, /--cap 1% \(1\.00\) is less than --min \(50\.00\)/],
    ['pledge without developers', { budget: '10', pledge: true }, /--pledge needs --developers/],
  ] as const) {
    test(`${what}: a clear E_USAGE before any work`, async () => {
      const before = reg.count();
      await assert.rejects(run(values as Record<string, unknown>), (e) => isVigilError(e, 'E_USAGE') && re.test((e as Error).message));
      assert.equal(reg.count(), before, 'nothing was fetched');
    });
  }
});
