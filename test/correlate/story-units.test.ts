/** The correlation rules on hand-built inputs: both halves needed, each signal once, dependency join. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correlateTakeovers, STORY_WEIGHTS } from '../../src/correlate/index.js';
import type { ReleaseDelta } from '../../src/analyzers/release-diff/types.js';
import { comp, findingOf, inventoryOf } from '../helpers/factories.js';

const app = comp('joiner', '2.0.1');
const dep = comp('fresh-dep', '0.1.1');
const handover: ReleaseDelta['handover'] = {
  publisher: 'mallory',
  firstRelease: '2.0.0',
  daysSinceFirst: 5,
  releasesSinceFirst: 1,
  wasMaintainerBefore: false,
  dormantDaysBefore: 900,
  previousPublishers: ['alice'],
};
const delta = (extra: Partial<ReleaseDelta>): ReleaseDelta => ({
  name: 'joiner',
  from: '2.0.0',
  to: '2.0.1',
  fromChosen: 'previous-by-semver',
  score: 0,
  severity: 'info',
  signals: [],
  unavailable: [],
  ...extra,
});
const young = {
  rule: 'release-diff/young-dependency',
  weight: 25,
  source: 'content' as const,
  title: 'new dependency fresh-dep was first published 3 days before this release by eve, who never published this package',
  evidence: [{ kind: 'metadata' as const, field: 'fresh-dep:time.created' }],
};
const inventory = () => {
  const inv = inventoryOf(app, dep);
  inv.edges.push({ from: app.purl, to: dep.purl, kind: 'prod' });
  return inv;
};

test('a handover alone, or a payload alone, tells no story', () => {
  assert.deepEqual(
    correlateTakeovers({ findings: [], facts: { 'release-diff': { [app.purl]: delta({ handover }) } }, inventory: inventory() }),
    [],
  );
  assert.deepEqual(
    correlateTakeovers({ findings: [], facts: { 'release-diff': { [app.purl]: delta({ signals: [young] }) } }, inventory: inventory() }),
    [],
  );
});

test('dormant handover from a sole owner + a young dependency by an unknown author is high, with every weight explained', () => {
  const [s] = correlateTakeovers({
    findings: [],
    facts: { 'release-diff': { [app.purl]: delta({ handover, signals: [young] }) } },
    inventory: inventory(),
  });
  const w = STORY_WEIGHTS;
  assert.equal(s?.severity, 'high');
  assert.match(
    s!.title,
    new RegExp(
      `score ${w['publisher-handover'].weight + w['handover-after-dormancy'].weight + w['handover-from-sole-owner'].weight + w['young-dependency'].weight}`,
    ),
  );
  for (const id of ['publisher-handover', 'handover-after-dormancy', 'handover-from-sole-owner', 'young-dependency'])
    assert.ok(
      s!.evidence.some((e) => e.label?.startsWith(`${id} (+`)),
      id,
    );
});

test('a handover by a co-maintainer with a young dependency by the same author stays below high', () => {
  const own = { ...young, weight: 5 };
  const out = correlateTakeovers({
    findings: [],
    facts: {
      'release-diff': {
        [app.purl]: delta({
          handover: { ...handover, wasMaintainerBefore: true, dormantDaysBefore: 10, previousPublishers: ['alice', 'bob'] },
          signals: [own],
        }),
      },
    },
    inventory: inventory(),
  });
  assert.deepEqual(out, [], 'an own-author young dependency is not a payload signal');
});

test('findings on a newly added dependency join the story; repeated signals count once', () => {
  const files = ['a.min.js', 'b.js', 'c.js'].map((file) =>
    findingOf('artifact/unexplained-file', dep.purl, {
      severity: 'high',
      title: `${file} only in the artifact`,
      evidence: [{ kind: 'file', file }],
    }),
  );
  const facts = {
    'release-diff': {
      [app.purl]: delta({ handover, signals: [young], dependencies: { added: { 'fresh-dep': '^0.1.0' }, removed: {}, changed: {} } }),
    },
  };
  const [s] = correlateTakeovers({ findings: files, facts, inventory: inventory() });
  assert.equal(s?.subject, app.purl);
  assert.equal(s?.severity, 'critical');
  const w = STORY_WEIGHTS;
  const expected =
    w['publisher-handover'].weight +
    w['handover-after-dormancy'].weight +
    w['handover-from-sole-owner'].weight +
    w['young-dependency'].weight +
    w['unexplained-code'].weight;
  assert.match(s!.title, new RegExp(`score ${expected}\\b`));
  for (const f of ['a.min.js', 'b.js', 'c.js'])
    assert.ok(
      s!.evidence.some((e) => e.file === f),
      f,
    );
  // The same findings on a dependency that was NOT added by this release do not join.
  const unrelated = correlateTakeovers({
    findings: files,
    facts: { 'release-diff': { [app.purl]: delta({ handover, signals: [young] }) } },
    inventory: inventory(),
  });
  assert.doesNotMatch(unrelated[0]!.title, /a\.min\.js/);
});

test('suppressed findings and low-severity content do not feed a story', () => {
  const f = [
    findingOf('history/newcomer-takeover', app.purl, { severity: 'high', suppressed: { reason: 'known' } }),
    findingOf('content/obfuscated-code', app.purl, { severity: 'low' }),
  ];
  assert.deepEqual(correlateTakeovers({ findings: f, facts: {}, inventory: inventory() }), []);
});
