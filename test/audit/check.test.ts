/** Coverage rules of `vigil audit check`: full audits, delta chains, imports, exemptions, violations, criteria. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAudits } from '../../src/audit/check.js';
import type { AuditEntry, SupplyChain } from '../../src/audit/types.js';
import { comp, inventoryOf } from '../helpers/factories.js';

const who = 'Ada <ada@example.invalid>';
const full = (pkg: string, version: string, criteria = ['safe-to-deploy'], origin = 'local'): AuditEntry => ({
  kind: 'full',
  package: pkg,
  version,
  criteria,
  who,
  origin,
});
const delta = (pkg: string, from: string, to: string, criteria = ['safe-to-deploy'], origin = 'local'): AuditEntry => ({
  kind: 'delta',
  package: pkg,
  from,
  to,
  criteria,
  who,
  origin,
});

function chain(over: Partial<SupplyChain> = {}): SupplyChain {
  return {
    dir: '/p/supply-chain',
    policy: { criteria: 'safe-to-deploy', devCriteria: 'safe-to-run' },
    local: { criteria: [], entries: [] },
    exemptions: [],
    imports: [],
    imported: new Map(),
    ...over,
  };
}

const inv = inventoryOf(comp('a', '1.2.0'), comp('b', '2.0.3'), comp('c', '0.4.0', { dev: true }));

describe('audit coverage', () => {
  test('nothing recorded: every dependency is unaudited, a full audit is suggested, the check fails', () => {
    const r = checkAudits(inv, chain(), { today: '2026-12-03' });
    assert.equal(r.passed, false);
    assert.deepEqual(r.unaudited.map((u) => `${u.package}@${u.version}:${u.kind}:${u.required}`).sort(), [
      'npm:a@1.2.0:full:safe-to-deploy',
      'npm:b@2.0.3:full:safe-to-deploy',
      'npm:c@0.4.0:full:safe-to-run',
    ]);
  });

  test('a full audit, a delta chain from an audited version and an exemption cover; safe-to-deploy implies safe-to-run for dev deps', () => {
    const sc = chain({
      local: {
        criteria: [],
        entries: [
          full('npm:a', '1.2.0'),
          full('npm:b', '2.0.0'),
          delta('npm:b', '2.0.0', '2.0.1'),
          delta('npm:b', '2.0.1', '2.0.3'),
          full('npm:c', '0.4.0', ['safe-to-deploy']),
        ],
      },
    });
    const r = checkAudits(inv, sc, { today: '2026-12-03' });
    assert.equal(r.passed, true, JSON.stringify(r.unaudited));
    const b = r.covered.find((i) => i.package === 'npm:b')!;
    assert.equal(b.coverage.status === 'covered' && b.coverage.how, 'delta-chain');
    assert.deepEqual(b.coverage.status === 'covered' && b.coverage.chain.map((e) => (e.kind === 'delta' ? `${e.from}->${e.to}` : e.kind)), [
      'full',
      '2.0.0->2.0.1',
      '2.0.1->2.0.3',
    ]);
  });

  test('a broken chain is not coverage; the nearest audited version is suggested for a delta review', () => {
    const sc = chain({
      local: { criteria: [], entries: [full('npm:b', '2.0.0'), delta('npm:b', '2.0.1', '2.0.3'), full('npm:b', '3.0.0')] },
    });
    const r = checkAudits(inventoryOf(comp('b', '2.0.3')), sc, { today: '2026-12-03' });
    assert.equal(r.unaudited.length, 1);
    assert.equal(r.unaudited[0]!.kind, 'delta');
    assert.equal(r.unaudited[0]!.from, '2.0.0');
    assert.match(r.unaudited[0]!.command, /vigil audit delta npm:b 2\.0\.0 2\.0\.3 --criteria safe-to-deploy/);
  });

  test('safe-to-run does not cover a production dependency that needs safe-to-deploy', () => {
    const sc = chain({ local: { criteria: [], entries: [full('npm:a', '1.2.0', ['safe-to-run'])] } });
    const r = checkAudits(inventoryOf(comp('a', '1.2.0')), sc, { today: '2026-12-03' });
    assert.equal(r.passed, false);
  });

  test('user-defined criteria imply built-in ones', () => {
    const sc = chain({
      local: {
        criteria: [{ name: 'crypto-reviewed', description: 'x', implies: ['safe-to-deploy'] }],
        entries: [full('npm:a', '1.2.0', ['crypto-reviewed'])],
      },
    });
    assert.equal(checkAudits(inventoryOf(comp('a', '1.2.0')), sc, { today: '2026-12-03' }).passed, true);
  });

  test('exemptions cover until they expire; expired ones are reported and unused ones listed', () => {
    const sc = chain({
      exemptions: [
        { package: 'npm:a', version: '1.2.0', criteria: ['safe-to-deploy'], reason: 'legacy', expires: '2027-01-01' },
        { package: 'npm:b', version: '2.0.3', criteria: ['safe-to-deploy'], reason: 'legacy', expires: '2026-01-01' },
        { package: 'npm:z', version: '9.9.9', criteria: ['safe-to-deploy'], reason: 'gone' },
      ],
    });
    const r = checkAudits(inventoryOf(comp('a', '1.2.0'), comp('b', '2.0.3')), sc, { today: '2026-12-03' });
    assert.deepEqual(
      r.covered.map((i) => i.package),
      ['npm:a'],
    );
    assert.deepEqual(
      r.expiredExemptions.map((x) => x.package),
      ['npm:b'],
    );
    assert.deepEqual(
      r.unusedExemptions.map((x) => x.package),
      ['npm:z'],
    );
    assert.deepEqual(
      r.unaudited.map((u) => u.package),
      ['npm:b'],
    );
  });

  test('imports count only for the criteria and packages their trust policy accepts; unfetched imports fail the check', () => {
    const imported = {
      criteria: [],
      entries: [full('npm:a', '1.2.0', ['safe-to-deploy'], 'acme'), full('npm:b', '2.0.3', ['safe-to-deploy'], 'acme')],
    };
    const sc = chain({
      imports: [
        { name: 'acme', url: 'x.toml', criteria: ['safe-to-deploy'], packages: ['npm:a'] },
        { name: 'later', url: 'y.toml', criteria: [], packages: [] },
      ],
      imported: new Map([['acme', imported]]),
    });
    const r = checkAudits(inventoryOf(comp('a', '1.2.0'), comp('b', '2.0.3')), sc, { today: '2026-12-03' });
    assert.deepEqual(
      r.covered.map((i) => i.package),
      ['npm:a'],
    );
    assert.deepEqual(
      r.unaudited.map((u) => u.package),
      ['npm:b'],
    );
    assert.deepEqual(r.unfetchedImports, ['later']);
  });

  test('a violation fails the version even when an audit covers it (a conflict), and only for criteria it implies', () => {
    const v: AuditEntry = {
      kind: 'violation',
      package: 'npm:b',
      range: '>=2.0.2 <2.1.0',
      criteria: ['safe-to-run'],
      who: 'Eve',
      origin: 'acme',
    };
    const sc = chain({
      local: { criteria: [], entries: [full('npm:b', '2.0.3')] },
      imports: [{ name: 'acme', url: 'x', criteria: [], packages: [] }],
      imported: new Map([['acme', { criteria: [], entries: [v] }]]),
    });
    const r = checkAudits(inventoryOf(comp('b', '2.0.3'), comp('b', '2.0.1')), sc, { today: '2026-12-03' });
    assert.equal(r.passed, false);
    assert.deepEqual(
      r.violations.map((i) => i.version),
      ['2.0.3'],
    );
    assert.deepEqual(
      r.conflicts.map((i) => i.version),
      ['2.0.3'],
    );
    // A safe-to-deploy violation does not fail a dev-only dependency that needs safe-to-run.
    const v2: AuditEntry = { ...v, criteria: ['safe-to-deploy'] };
    const sc2 = chain({
      local: { criteria: [], entries: [full('npm:b', '2.0.3')] },
      imports: sc.imports,
      imported: new Map([['acme', { criteria: [], entries: [v2] }]]),
    });
    assert.equal(checkAudits(inventoryOf(comp('b', '2.0.3', { dev: true })), sc2, { today: '2026-12-03' }).violations.length, 0);
  });

  test('reviews are ranked by importance over cost: a cheap delta of an important package first', () => {
    const sc = chain({ local: { criteria: [], entries: [full('npm:b', '2.0.0')] } });
    const importance = (purl: string) => (purl.includes('/b@') ? 10 : 1);
    const sizes: Record<string, number> = { 'npm:a@1.2.0': 500_000, 'npm:b@2.0.0': 40_000, 'npm:b@2.0.3': 41_000, 'npm:c@0.4.0': 2_000 };
    const r = checkAudits(inv, sc, { today: '2026-12-03', importance, sizeOf: (p, v) => sizes[`${p}@${v}`] });
    assert.deepEqual(
      r.unaudited.map((u) => u.package),
      ['npm:b', 'npm:c', 'npm:a'],
    );
    assert.equal(r.unaudited[0]!.reviewBytes, 1000);
  });

  test('a policy naming an unknown criterion is a configuration error naming the file', () => {
    assert.throws(
      () => checkAudits(inv, chain({ policy: { criteria: 'reviewed-by-legal', devCriteria: 'safe-to-run' } })),
      (e: Error & { code?: string; file?: string }) => e.code === 'E_CONFIG' && /config\.toml$/.test(e.file ?? ''),
    );
  });
});
