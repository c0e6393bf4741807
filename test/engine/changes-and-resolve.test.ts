import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeChanges } from '../../src/engine/changes.js';
import { digestOf } from '../../src/store/scan-digest.js';
import { pickVersion } from '../../src/engine/resolve-range.js';
import { finalizeResult, newResult } from '../../src/core/result-builder.js';
import { comp, findingOf, inventoryOf } from '../helpers/factories.js';

describe('scan changes', () => {
  test('reports version changes, new components and new/resolved findings by fingerprint', () => {
    const prev = newResult('scan', '/p');
    prev.inventory = inventoryOf(comp('a', '1.0.0'), comp('b', '1.0.0'), comp('gone', '1.0.0'));
    prev.findings = [findingOf('npm/deprecated', comp('b', '1.0.0').purl), findingOf('npm/install-script', comp('a', '1.0.0').purl)];
    finalizeResult(prev);
    const cur = newResult('scan', '/p');
    cur.inventory = inventoryOf(comp('a', '1.0.0'), comp('b', '1.1.0'), comp('fresh', '0.1.0'));
    cur.findings = [
      findingOf('npm/install-script', comp('a', '1.0.0').purl),
      findingOf('npm/remote-dependency', comp('fresh', '0.1.0').purl),
    ];
    finalizeResult(cur);
    const ch = computeChanges(cur, { id: 7, targetKey: 'k', at: '2026-01-01T00:00:00Z', ...digestOf(prev) });
    assert.deepEqual(ch.changedVersions, [{ name: 'b', from: '1.0.0', to: '1.1.0' }]);
    assert.deepEqual(ch.newComponents, [comp('fresh', '0.1.0').purl]);
    assert.deepEqual(ch.removedComponents, [comp('gone', '1.0.0').purl]);
    assert.equal(ch.newFindings.length, 1);
    assert.equal(ch.resolvedFindings.length, 1);
    assert.equal(ch.previousScanId, 7);
  });

  test('a finding suppressed since the last scan is listed as suppressed, not as resolved', () => {
    const prev = newResult('scan', '/p');
    prev.inventory = inventoryOf(comp('a', '1.0.0'), comp('b', '1.0.0'));
    prev.findings = [findingOf('npm/install-script', comp('a', '1.0.0').purl), findingOf('npm/deprecated', comp('b', '1.0.0').purl)];
    finalizeResult(prev);
    const cur = newResult('scan', '/p');
    cur.inventory = inventoryOf(comp('a', '1.0.0'), comp('b', '1.0.0'));
    cur.findings = [findingOf('npm/install-script', comp('a', '1.0.0').purl), findingOf('npm/deprecated', comp('b', '1.0.0').purl)];
    cur.findings[0]!.suppressed = { reason: 'reviewed' };
    const silenced = cur.findings[0]!;
    finalizeResult(cur);
    const ch = computeChanges(cur, { id: 1, targetKey: 'k', at: '2026-01-01T00:00:00Z', ...digestOf(prev) });
    assert.deepEqual(ch.resolvedFindings, []);
    assert.deepEqual(ch.suppressedFindings, [silenced.fingerprint]);
    assert.deepEqual(ch.newFindings, []);
  });
});

describe('range resolution like npm', () => {
  const versions = ['1.0.0', '1.2.0', '1.3.0-beta.1', '2.0.0', '2.1.0'];
  test('latest wins when it satisfies; otherwise the highest match; prereleases excluded', () => {
    assert.equal(pickVersion(versions, '2.0.0', '^2.0.0'), '2.0.0');
    assert.equal(pickVersion(versions, '2.1.0', '^1.0.0'), '1.2.0');
    assert.equal(pickVersion(versions, '2.1.0', '*'), '2.1.0');
    assert.equal(pickVersion(versions, '2.1.0', '^3.0.0'), undefined);
  });
});
