/** What guard analyses (the plan's new and changed components) and how the policy decides. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { changedInventory, plannedChanges } from '../../src/app/guard/changes.js';
import { decide, type GuardPolicy } from '../../src/app/guard/policy.js';
import { allowScriptSuppressions } from '../../src/app/guard/allow-scripts.js';
import { applySuppressions } from '../../src/engine/suppressions.js';
import { finalizeResult, newResult } from '../../src/core/result-builder.js';
import { comp, findingOf, inventoryOf } from '../helpers/factories.js';

const POLICY: GuardPolicy = { blockAt: 'high', warnAt: 'medium', allowScripts: [], failClosed: true };

function analysed(purls: string[], findings = [] as ReturnType<typeof findingOf>[]) {
  const r = newResult('guard', '/p');
  r.facts['content'] = Object.fromEntries(purls.map((p) => [p, { files: [] }]));
  r.findings = findings;
  return r;
}

describe('plannedChanges', () => {
  test('new packages, new versions of present ones and changed bytes of the same version; unchanged ones are left out', () => {
    const before = inventoryOf(
      comp('a', '1.0.0', { integrity: 'sha512-A' }),
      comp('b', '1.0.0'),
      comp('c', '2.0.0', { integrity: 'sha512-C' }),
    );
    const after = inventoryOf(
      comp('a', '1.0.0', { integrity: 'sha512-A' }),
      comp('b', '1.1.0'),
      comp('c', '2.0.0', { integrity: 'sha512-X' }),
      comp('d', '0.1.0'),
    );
    const ch = plannedChanges(before, after);
    assert.deepEqual(
      ch.map((c) => [c.component.name, c.kind, c.from]),
      [
        ['b', 'updated', ['1.0.0']],
        ['c', 'integrity-changed', undefined],
        ['d', 'new', undefined],
      ],
    );
    const inv = changedInventory(after, ch);
    assert.deepEqual(
      inv.components.map((c) => c.name),
      ['b', 'c', 'd'],
    );
    assert.ok(inv.edges.every((e) => inv.components.some((c) => c.purl === e.to)));
  });
});

describe('decide', () => {
  const evil = comp('evil', '1.0.0');
  const good = comp('good', '1.0.0');
  const changes = [
    { component: evil, kind: 'new' as const },
    { component: good, kind: 'new' as const },
  ];

  test('a finding at block-at blocks; the reason names rule and title', () => {
    const d = decide(
      analysed(
        [evil.purl, good.purl],
        [findingOf('content/secret-exfiltration', evil.purl, { severity: 'critical', title: 'sends secrets' })],
      ),
      changes,
      POLICY,
    );
    assert.equal(d.action, 'block');
    assert.deepEqual(
      d.rows.map((r) => r.verdict),
      ['block', 'ok'],
    );
    assert.match(d.reasons[0]!, /^evil@1\.0\.0: critical content\/secret-exfiltration: sends secrets/);
  });

  test("a row's findings keep the finalized result's order, most severe first", () => {
    const r = finalizeResult(
      analysed(
        [evil.purl, good.purl],
        [
          findingOf('npm/install-script', evil.purl, { severity: 'medium' }),
          findingOf('content/secret-exfiltration', evil.purl, { severity: 'critical' }),
        ],
      ),
    );
    const row = decide(r, changes, POLICY).rows[0]!;
    assert.deepEqual(
      row.findings.map((f) => f.severity),
      ['critical', 'medium'],
    );
  });

  test('a finding between warn-at and block-at asks; below warn-at runs', () => {
    assert.equal(
      decide(analysed([evil.purl, good.purl], [findingOf('npm/install-script', evil.purl, { severity: 'medium' })]), changes, POLICY)
        .action,
      'confirm',
    );
    assert.equal(
      decide(analysed([evil.purl, good.purl], [findingOf('npm/missing-repository', evil.purl, { severity: 'low' })]), changes, POLICY)
        .action,
      'run',
    );
  });

  test('a component without content facts is not analysed: blocks when failing closed, asks otherwise', () => {
    const r = analysed([good.purl]);
    r.problems.push({ code: 'E_REGISTRY_HTTP', subject: evil.purl, message: 'GET … 404' });
    const closed = decide(r, changes, POLICY);
    assert.equal(closed.action, 'block');
    assert.match(closed.reasons[0]!, /evil@1\.0\.0 could not be analysed, failing closed: GET … 404/);
    assert.equal(decide(r, changes, { ...POLICY, failClosed: false }).action, 'confirm');
  });

  test('allow-scripts accepts a reviewed install script, never exfiltration', () => {
    const findings = [
      findingOf('npm/install-script', evil.purl, { severity: 'high' }),
      findingOf('content/secret-exfiltration', evil.purl, { severity: 'critical' }),
    ];
    const policy = { ...POLICY, allowScripts: ['evil@1.0.0'] };
    applySuppressions(findings, allowScriptSuppressions(policy, 'test'));
    assert.ok(findings[0]!.suppressed);
    assert.equal(findings[1]!.suppressed, undefined);
    assert.equal(decide(analysed([evil.purl, good.purl], findings), changes, policy).action, 'block');
    // A different version is not covered by a versioned entry.
    const other = [findingOf('npm/install-script', comp('evil', '1.0.1').purl, { severity: 'high' })];
    applySuppressions(other, allowScriptSuppressions(policy, 'test'));
    assert.equal(other[0]!.suppressed, undefined);
  });
});
