import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applySuppressions, parseSuppressions } from '../../src/engine/suppressions.js';
import { npmPurl } from '../../src/core/purl.js';
import { findingOf } from '../helpers/factories.js';

describe('suppressions', () => {
  const a = npmPurl('left-pad', '1.3.0');
  const b = npmPurl('@scope/tool', '2.0.0');
  test('match by versionless purl, exact purl, bare name and wildcard; unused and expired are reported', () => {
    const rules = parseSuppressions(
      [
        { rule: 'npm/install-script', subject: 'pkg:npm/left-pad', reason: 'reviewed' },
        { rule: 'npm/deprecated', subject: '@scope/tool', reason: 'migrating', expires: '2999-01-01' },
        { rule: 'npm/*', subject: 'pkg:npm/never-matches*', reason: 'stale' },
        { rule: 'npm/missing-repository', subject: b, reason: 'old', expires: '2000-01-01' },
      ],
      'vigil.config.json',
    );
    const fs = [findingOf('npm/install-script', a), findingOf('npm/deprecated', b), findingOf('npm/missing-repository', b)];
    const r = applySuppressions(fs, rules, new Date('2026-06-01'));
    assert.equal(r.applied, 2);
    assert.equal(fs[0]!.suppressed?.reason, 'reviewed');
    assert.equal(fs[1]!.suppressed?.expires, '2999-01-01');
    assert.equal(fs[2]!.suppressed, undefined, 'an expired suppression must not apply');
    assert.deepEqual(
      r.unused.map((u) => u.subject),
      ['pkg:npm/never-matches*'],
    );
    assert.deepEqual(
      r.expired.map((u) => u.rule),
      ['npm/missing-repository'],
    );
  });
  test('a suppression without a reason or with a bad date names the file and index', () => {
    assert.throws(() => parseSuppressions([{ rule: 'x', subject: 'y' }], 'cfg.json'), /cfg\.json: suppressions\[0\]\.reason/);
    assert.throws(
      () => parseSuppressions([{ rule: 'x', subject: 'y', reason: 'r', expires: 'soon' }], 'cfg.json'),
      /expires must be an ISO date/,
    );
    assert.throws(() => parseSuppressions({}, 'cfg.json'), /must be an array/);
    assert.throws(
      () => parseSuppressions([{ rule: 'npm/instal-script', subject: 'y', reason: 'r' }], 'cfg.json'),
      /cfg\.json: suppressions\[0\]\.rule: unknown rule "npm\/instal-script"/,
    );
    assert.throws(
      () => parseSuppressions([{ rule: 'nosuchfamily/*', subject: 'y', reason: 'r' }], 'cfg.json'),
      /unknown rule "nosuchfamily\/\*"/,
    );
    assert.equal(parseSuppressions([{ rule: 'deb/*', subject: 'y', reason: 'r' }], 'cfg.json').length, 1, 'a known family is accepted');
  });
});
