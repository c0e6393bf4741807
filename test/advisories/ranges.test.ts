import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { packageAffects, rangeAffects } from '../../src/sources/osv/ranges.js';
import { parseOsvRecord } from '../../src/sources/osv/parse.js';
import { npmEntry, osv, parsed } from './helpers.js';

const affects = (entry: Record<string, unknown>, v: string): boolean => packageAffects(parsed(osv('T-1', [entry])).affected[0]!, v);

describe('OSV range semantics (semver)', () => {
  test('introduced/fixed is a half-open interval', () => {
    const e = npmEntry('a', [{ introduced: '1.2.0' }, { fixed: '1.4.0' }]);
    assert.equal(affects(e, '1.1.9'), false);
    assert.equal(affects(e, '1.2.0'), true);
    assert.equal(affects(e, '1.3.99'), true);
    assert.equal(affects(e, '1.4.0'), false);
    assert.equal(affects(e, '2.0.0'), false);
  });

  test('introduced "0" means from the beginning; no fix means every later version', () => {
    const e = npmEntry('a', [{ introduced: '0' }]);
    assert.equal(affects(e, '0.0.1'), true);
    assert.equal(affects(e, '99.0.0'), true);
  });

  test('last_affected includes its own version and nothing after', () => {
    const e = npmEntry('a', [{ introduced: '2.0.0' }, { last_affected: '2.3.1' }]);
    assert.equal(affects(e, '2.3.1'), true);
    assert.equal(affects(e, '2.3.2'), false);
    assert.equal(affects(e, '1.9.9'), false);
  });

  test('several introduced/fixed pairs in one range (events sorted by version)', () => {
    const e = npmEntry('a', [{ introduced: '3.0.0' }, { fixed: '3.1.0' }, { introduced: '1.0.0' }, { fixed: '1.0.5' }]);
    assert.deepEqual(
      ['0.9.0', '1.0.0', '1.0.5', '2.0.0', '3.0.9', '3.1.0'].map((v) => affects(e, v)),
      [false, true, false, false, true, false],
    );
  });

  test('limit bounds the range; "*" is no limit', () => {
    const limited = npmEntry('a', [{ introduced: '0' }, { limit: '2.0.0' }]);
    assert.equal(affects(limited, '1.9.0'), true);
    assert.equal(affects(limited, '2.0.0'), false);
    assert.equal(affects(npmEntry('a', [{ introduced: '1.0.0' }, { limit: '*' }]), '50.0.0'), true);
  });

  test('semver prereleases order before their release', () => {
    const e = npmEntry('a', [{ introduced: '0' }, { fixed: '2.0.0' }]);
    assert.equal(affects(e, '2.0.0-rc.1'), true, 'rc of the fixed version is still affected');
    const from = npmEntry('a', [{ introduced: '2.0.0' }]);
    assert.equal(affects(from, '2.0.0-beta.3'), false, 'a prerelease precedes its introduced release');
    assert.equal(affects(from, '2.0.1-alpha'), true);
  });

  test('explicit versions list matches exactly, alongside ranges', () => {
    const e = { package: { ecosystem: 'npm', name: 'rc' }, versions: ['1.2.9', '2.3.9'] };
    assert.equal(affects(e, '1.2.9'), true);
    assert.equal(affects(e, '1.2.8'), false);
    assert.equal(affects(e, '2.3.9'), true);
  });

  test('GIT ranges are kept but never match a version', () => {
    const a = parsed(
      osv('G-1', [
        {
          package: { ecosystem: 'npm', name: 'g' },
          ranges: [{ type: 'GIT', repo: 'https://example.test/g.git', events: [{ introduced: 'abc123' }, { fixed: 'def456' }] }],
        },
      ]),
    );
    const range = a.affected[0]!.ranges[0]!;
    assert.equal(range.type, 'GIT');
    assert.equal(range.repo, 'https://example.test/g.git');
    assert.equal(rangeAffects(range, 'semver', '1.0.0'), false);
  });
});

describe('OSV range semantics (Debian / dpkg ordering)', () => {
  const xz = {
    package: { ecosystem: 'Debian:13', name: 'xz-utils' },
    ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '5.5.1alpha-0.1' }, { fixed: '5.6.1+really5.4.5-1' }] }],
  };
  test('backdoored uploads are inside, the +really revert and older releases outside', () => {
    for (const v of ['5.5.1alpha-0.1', '5.6.0-0.1', '5.6.0-0.2', '5.6.1-1']) assert.equal(affects(xz, v), true, v);
    for (const v of ['5.4.1-0.2', '5.4.5-0.3', '5.6.1+really5.4.5-1', '5.6.2-1', '5.5.0-0.1~exp1']) assert.equal(affects(xz, v), false, v);
  });
  test('epochs order above everything without one', () => {
    const e = {
      package: { ecosystem: 'Debian', name: 'p' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1:1.0-1' }] }],
    };
    assert.equal(affects(e, '9.9-1'), true);
    assert.equal(affects(e, '1:1.0-1'), false);
  });
});

describe('invalid ranges', () => {
  test('events out of order are rejected with a message naming the record', () => {
    const r = parseOsvRecord(osv('BAD-1', [npmEntry('a', [{ introduced: '2.0.0' }, { fixed: '1.0.0' }])]), { file: 'bad.json' });
    assert.equal(r.advisory, undefined, 'no usable affected entry left: record skipped');
    assert.match(
      r.problems.map((p) => p.message).join('\n'),
      /BAD-1: affected\[0\]\.ranges\[0\]: events out of order \(fixed 1\.0\.0 is not after introduced 2\.0\.0\)/,
    );
    assert.equal(r.problems[0]!.file, 'bad.json');
  });
  test('invalid semver and unknown range types are reported; valid entries of the same record survive', () => {
    const r = parseOsvRecord(
      osv('MIX-1', [
        npmEntry('a', [{ introduced: 'not-a-version' }]),
        { package: { ecosystem: 'npm', name: 'b' }, ranges: [{ type: 'WEIRD', events: [{ introduced: '0' }] }] },
        npmEntry('c', [{ introduced: '1.0.0' }, { fixed: '1.0.1' }]),
      ]),
      { file: 'mix.json' },
    );
    assert.equal(r.advisory?.affected.length, 1);
    assert.equal(r.advisory?.affected[0]!.name, 'c');
    const msgs = r.problems.map((p) => p.message).join('\n');
    assert.match(msgs, /"not-a-version" is not a valid semver version/);
    assert.match(msgs, /unknown range type "WEIRD"/);
  });
});
