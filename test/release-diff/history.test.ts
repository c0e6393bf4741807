/** previousVersion, publish order, and packuments with tens of thousands of versions. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bumpKind, previousVersion, publishOrder } from '../../src/analyzers/release-diff/previous-version.js';
import { indexHistory } from '../../src/analyzers/release-diff/history-index.js';
import { compareReleases } from '../../src/analyzers/release-diff/compare.js';
import { inCaretRange } from '../../src/analyzers/release-diff/score.js';
import { toPackument } from './helpers.js';

function doc(versions: [string, string, string?][]): Record<string, any> {
  const d: Record<string, any> = { name: 'p', 'dist-tags': { latest: versions.at(-1)![0] }, versions: {}, time: {} };
  for (const [v, t, user] of versions) {
    d.versions[v] = {
      name: 'p',
      version: v,
      dist: { tarball: `http://127.0.0.1:9/p/-/p-${v}.tgz` },
      ...(user ? { _npmUser: { name: user } } : {}),
    };
    d.time[v] = t;
  }
  d.time.created = versions[0]![1];
  d.time.modified = versions.reduce((m, [, t]) => (t > m ? t : m), '');
  return d;
}

describe('previousVersion', () => {
  const p = toPackument(
    doc([
      ['1.0.0', '2020-01-01T00:00:00Z'],
      ['1.1.0', '2020-02-01T00:00:00Z'],
      ['2.0.0-beta.1', '2020-03-01T00:00:00Z'],
      ['2.0.0', '2020-04-01T00:00:00Z'],
      ['1.1.1', '2020-05-01T00:00:00Z'],
      ['2.0.1', '2020-06-01T00:00:00Z'],
    ]),
  );
  test('is the semver predecessor among stable versions (backports compare within their line)', () => {
    assert.equal(previousVersion(p, '2.0.1'), '2.0.0');
    assert.equal(previousVersion(p, '2.0.0'), '1.1.1');
    assert.equal(previousVersion(p, '1.1.1'), '1.1.0');
    assert.equal(previousVersion(p, '2.0.0-beta.1'), '1.1.1');
    assert.equal(previousVersion(p, '1.0.0'), undefined);
    assert.equal(previousVersion(p, 'not-a-version'), undefined);
  });
  test('publish order follows real times, else semver', () => {
    assert.deepEqual(publishOrder(p).order, ['1.0.0', '1.1.0', '2.0.0-beta.1', '2.0.0', '1.1.1', '2.0.1']);
    const noTime = doc([
      ['1.1.0', '2020-02-01T00:00:00Z'],
      ['1.0.0', '2020-03-01T00:00:00Z'],
    ]);
    delete noTime.time;
    const o = publishOrder(toPackument(noTime));
    assert.equal(o.byTime, false);
    assert.deepEqual(o.order, ['1.0.0', '1.1.0']);
  });
  test('bump kinds and caret reach', () => {
    assert.equal(bumpKind('1.2.3', '1.2.4'), 'patch');
    assert.equal(bumpKind('1.2.3', '1.3.0'), 'minor');
    assert.equal(bumpKind('1.2.3', '2.0.0'), 'major');
    assert.equal(bumpKind('1.2.3', '1.2.2'), 'downgrade');
    assert.equal(inCaretRange('1.2.3', '1.9.0'), true);
    assert.equal(inCaretRange('0.1.1', '0.2.0'), false);
    assert.equal(inCaretRange('1.2.3', '1.2.4-rc.1'), false);
  });
});

describe('huge packuments', () => {
  test('30,000 versions: predecessor, history index and a comparison of the last release', async () => {
    const n = 30_000;
    const versions: [string, string, string][] = [];
    const start = Date.parse('2015-01-01T00:00:00Z');
    for (let i = 0; i < n; i++)
      versions.push([
        `1.${Math.floor(i / 100)}.${i % 100}`,
        new Date(start + i * 3_600_000).toISOString(),
        i === n - 1 ? 'mallory' : 'alice',
      ]);
    const p = toPackument(doc(versions));
    assert.equal(Object.keys(p.versions).length, n);
    assert.equal(previousVersion(p, '1.299.99'), '1.299.98');
    const h = indexHistory(p);
    assert.equal(h.order.length, n);
    assert.equal(h.firstPublish.get('mallory'), n - 1);
    const { delta } = await compareReleases({
      packument: p,
      history: h,
      subject: 'p',
      to: { version: '1.299.99', manifest: p.versions['1.299.99']! },
      from: { version: '1.299.98', manifest: p.versions['1.299.98']! },
    });
    assert.ok(delta.signals.some((s) => s.rule === 'release-diff/new-publisher'));
  });
});

describe('release burst', () => {
  const rules = async (p: ReturnType<typeof toPackument>, v: string) => {
    const h = indexHistory(p);
    const prev = previousVersion(p, v);
    const { delta } = await compareReleases({
      packument: p,
      history: h,
      subject: 'p',
      to: { version: v, manifest: p.versions[v]! },
      ...(prev ? { from: { version: prev, manifest: p.versions[prev]! } } : {}),
    });
    return delta.signals.filter((s) => s.rule === 'release-diff/release-burst');
  };
  const history: [string, string, string][] = [
    ['0.7.26', '2021-06-01T10:00:00Z', 'owner'],
    ['0.7.27', '2021-08-01T10:00:00Z', 'owner'],
    ['0.7.28', '2021-09-10T10:00:00Z', 'owner'],
  ];
  test('three release lines within minutes, after earlier history: a context signal naming the others', async () => {
    const p = toPackument(
      doc([
        ...history,
        ['0.7.29', '2021-10-22T12:15:00Z', 'owner'],
        ['0.8.0', '2021-10-22T12:20:00Z', 'owner'],
        ['1.0.0', '2021-10-22T12:25:00Z', 'owner'],
      ]),
    );
    const [s] = await rules(p, '0.7.29');
    assert.ok(s, 'burst found');
    assert.equal(s.weight, 0);
    assert.match(s.title, /0\.8\.0, 1\.0\.0 on 2 other release line/);
  });
  test('patches on one line, lines a week apart, or a new package publishing its first versions: no burst', async () => {
    const sameLine = toPackument(
      doc([...history, ['0.7.29', '2021-10-22T12:15:00Z', 'owner'], ['0.7.30', '2021-10-22T13:00:00Z', 'owner']]),
    );
    assert.deepEqual(await rules(sameLine, '0.7.30'), []);
    const apart = toPackument(doc([...history, ['0.7.29', '2021-10-22T12:15:00Z', 'owner'], ['1.0.0', '2021-10-29T12:15:00Z', 'owner']]));
    assert.deepEqual(await rules(apart, '1.0.0'), []);
    const fresh = toPackument(
      doc([
        ['0.1.0', '2021-10-22T12:00:00Z', 'owner'],
        ['1.0.0', '2021-10-22T13:00:00Z', 'owner'],
      ]),
    );
    assert.deepEqual(await rules(fresh, '1.0.0'), []);
  });
});
