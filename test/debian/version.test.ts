import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  compareDebianVersions,
  parseDebianVersion,
  satisfiesDebianRelation,
  validateDebianVersion,
} from '../../src/formats/debian/version.js';

interface Pair {
  a: string;
  b: string;
  cmp: number;
}
const table = JSON.parse(readFileSync(new URL('../fixtures/debian/version-table/table.json', import.meta.url), 'utf8')) as {
  pairs: Pair[];
};

describe('compareDebianVersions (table answered by dpkg --compare-versions)', () => {
  test('the table is big enough and contains the xz rollback case', () => {
    assert.ok(table.pairs.length >= 100, `only ${table.pairs.length} pairs`);
    assert.ok(table.pairs.some((p) => p.a === '5.6.1+really5.4.5-1' && p.b === '5.6.1-1'));
  });
  test('every pair agrees with dpkg, both ways round', () => {
    const bad: string[] = [];
    for (const { a, b, cmp } of table.pairs) {
      if (compareDebianVersions(a, b) !== cmp) bad.push(`${a} vs ${b}: dpkg ${cmp}, got ${compareDebianVersions(a, b)}`);
      if (compareDebianVersions(b, a) !== -cmp) bad.push(`${b} vs ${a} (reversed)`);
    }
    assert.deepEqual(bad, []);
  });
  test('xz: the +really rollback sorts above 5.6.1-1 and above 5.4.5-0.3', () => {
    assert.equal(compareDebianVersions('5.6.1+really5.4.5-1', '5.6.1-1'), 1);
    assert.equal(compareDebianVersions('5.6.1+really5.4.5-1', '5.4.5-0.3'), 1);
    assert.equal(compareDebianVersions('1.0~rc1', '1.0'), -1);
    assert.equal(compareDebianVersions('1:0.1', '9.9'), 1);
  });
});

describe('parseDebianVersion', () => {
  test('splits epoch, upstream and the revision after the LAST dash', () => {
    assert.deepEqual(parseDebianVersion('1:9.2p1-2+deb12u3'), { epoch: 1, upstream: '9.2p1', revision: '2+deb12u3' });
    assert.deepEqual(parseDebianVersion('1.0-1-2'), { epoch: 0, upstream: '1.0-1', revision: '2' });
    assert.deepEqual(parseDebianVersion('20230311'), { epoch: 0, upstream: '20230311', revision: '' });
  });
  test('validate reports what dpkg rejects', () => {
    assert.equal(validateDebianVersion('1.0-1'), undefined);
    assert.match(validateDebianVersion('1.0-') ?? '', /revision number is empty/);
    assert.match(validateDebianVersion('x:1.0') ?? '', /epoch/);
    assert.match(validateDebianVersion('') ?? '', /empty/);
    assert.match(validateDebianVersion('1.0 2') ?? '', /spaces/);
  });
  test('relations as written in Depends', () => {
    assert.ok(satisfiesDebianRelation('5.4.1-0.2', '>=', '5.1.1alpha+20120614'));
    assert.ok(!satisfiesDebianRelation('1.0-1', '>>', '1.0-1'));
    assert.ok(satisfiesDebianRelation('1.0~rc1', '<<', '1.0'));
    assert.ok(satisfiesDebianRelation('2:1.0', '=', '2:1.0-0'));
  });
});
