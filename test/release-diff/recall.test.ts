/**
 * Recall: documented takeover shapes rebuilt as release sequences must be flagged high; the same
 * histories served by a stripping mirror must say which checks could not run.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WEIGHTS } from '../../src/analyzers/release-diff/weights.js';
import { join } from 'node:path';
import { compareReleases } from '../../src/analyzers/release-diff/compare.js';
import { deltaFindings } from '../../src/analyzers/release-diff/findings.js';
import { previousVersion } from '../../src/analyzers/release-diff/previous-version.js';
import { RELEASE_DIFF_ANALYZER } from '../../src/analyzers/release-diff/analyzer.js';
import { severityRank } from '../../src/core/result-builder.js';
import type { Packument } from '../../src/sources/npm/types.js';
import { filesOfDir, rawPackument, scenarioPackument, SCENARIOS, stripped, toPackument } from './helpers.js';

const rules = (d: { signals: { rule: string; weight: number }[] }) =>
  d.signals
    .filter((s) => s.weight > 0)
    .map((s) => s.rule)
    .sort();

async function compareLatest(
  p: Packument,
  lookup?: (n: string) => Promise<Packument>,
  files?: Record<string, Awaited<ReturnType<typeof filesOfDir>>>,
) {
  const to = p.distTags.latest as string;
  const from = previousVersion(p, to) as string;
  return compareReleases({
    packument: p,
    subject: `pkg:npm/${p.name}@${to}`,
    to: { version: to, manifest: p.versions[to]!, ...(files?.[to] ? { files: files[to] } : {}) },
    from: { version: from, manifest: p.versions[from]!, ...(files?.[from] ? { files: files[from] } : {}) },
    ...(lookup ? { lookup } : {}),
  });
}

describe('takeover shapes are flagged high', () => {
  test('new publisher adds a brand-new tiny dependency in a patch release of a dormant package (event-stream)', async () => {
    const s = 'dormant-publisher-new-dependency';
    const pk = new Map(['stream-joiner', 'flat-stream-x', 'through'].map((n) => [n, scenarioPackument(s, n)]));
    const { delta } = await compareLatest(pk.get('stream-joiner')!, async (n) => pk.get(n)!);
    assert.equal(delta.from, '3.3.4');
    assert.deepEqual(rules(delta), [
      'release-diff/dormant-new-publisher',
      'release-diff/githead-missing',
      'release-diff/maintainer-added',
      'release-diff/new-dependency',
      'release-diff/new-publisher',
      'release-diff/patch-release-change',
      'release-diff/tiny-dependency',
      'release-diff/young-dependency',
    ]);
    assert.ok(severityRank(delta.severity) >= severityRank('high'), `severity ${delta.severity} score ${delta.score}`);
    // Each signal alone stays far below: the combination is what ranks.
    for (const sig of delta.signals) assert.ok(sig.weight < 70, `${sig.rule} alone would be high`);
    const young = delta.signals.find((x) => x.rule === 'release-diff/young-dependency');
    assert.match(young!.title, /flat-stream-x was first published 8 days before this release by mallory, who never published this package/);
    const findings = deltaFindings(delta, 'pkg:npm/stream-joiner@3.3.5', RELEASE_DIFF_ANALYZER);
    const combined = findings.find((f) => f.rule === 'release-diff/takeover-risk');
    assert.equal(combined?.severity, delta.severity);
    assert.ok(combined!.evidence.some((e) => e.label === 'release-diff/new-publisher (+30)'));
    assert.deepEqual(
      delta.unavailable.map((u) => u.field),
      ['tarball'],
      'only the files (not given here) were unavailable',
    );
  });

  test('install script appears in a patch release', async () => {
    const s = 'install-script-patch';
    const p = scenarioPackument(s, 'tiny-util');
    const files = {
      '1.2.3': await filesOfDir(join(SCENARIOS, s, 'files', '1.2.3'), 'npm:tiny-util@1.2.3'),
      '1.2.4': await filesOfDir(join(SCENARIOS, s, 'files', '1.2.4'), 'npm:tiny-util@1.2.4'),
    };
    const { delta } = await compareLatest(p, undefined, files);
    assert.ok(rules(delta).includes('release-diff/install-script-added'));
    assert.ok(rules(delta).includes('release-diff/patch-release-change'));
    assert.ok(severityRank(delta.severity) >= severityRank('high'), `severity ${delta.severity} score ${delta.score}`);
    const script = delta.signals.find((x) => x.rule === 'release-diff/install-script-added')!;
    assert.equal(script.evidence[0]?.before, null);
    assert.equal(script.evidence[0]?.after, 'node setup.js');
    assert.match(script.title, /runs setup\.js/);
    // Findings on the same file stay distinct (fingerprints differ by what is new).
    const { deltaFindings: df } = await import('../../src/analyzers/release-diff/findings.js');
    const { fingerprint } = await import('../../src/core/result-builder.js');
    const fps = df(delta, 'pkg:npm/tiny-util@1.2.4', RELEASE_DIFF_ANALYZER).map(fingerprint);
    assert.equal(new Set(fps).size, fps.length);
    const caps = delta.signals.filter((x) => x.rule === 'release-diff/new-capability');
    assert.ok(
      caps.some((c) => c.title.includes('network')) && caps.some((c) => c.title.includes('child-process')),
      caps.map((c) => c.title).join('; '),
    );
    const net = caps.find((c) => c.title.includes('network'))!;
    assert.equal(net.evidence[0]?.file, 'setup.js');
    assert.match(net.evidence[0]?.label ?? '', /changed line/);
    assert.deepEqual(delta.files && { a: delta.files.addedPaths, c: delta.files.changedPaths, u: delta.files.unchanged }, {
      a: ['setup.js'],
      c: ['package.json'],
      u: 1,
    });
  });

  test('provenance present on every earlier release drops', async () => {
    const { delta } = await compareLatest(scenarioPackument('provenance-dropped', 'prov-lib'));
    assert.deepEqual(rules(delta), ['release-diff/githead-missing', 'release-diff/provenance-dropped']);
    assert.ok(severityRank(delta.severity) >= severityRank('high'));
    assert.match(delta.signals.find((x) => x.rule === 'release-diff/provenance-dropped')!.title, /2\.0\.4 and the 3 releases before it/);
  });

  test('maintainer list replaced; the new account publishes a patch: metadata alone is capped at medium', async () => {
    const { delta } = await compareLatest(scenarioPackument('maintainers-replaced', 'left-padder'));
    assert.deepEqual(rules(delta), ['release-diff/maintainers-replaced', 'release-diff/new-publisher']);
    // 40 + 30 from registry metadata, capped: a handover says who, not what they shipped.
    assert.equal(delta.score, WEIGHTS.handoverMax);
    assert.equal(delta.severity, 'medium');
    const ev = delta.signals.find((x) => x.rule === 'release-diff/maintainers-replaced')!.evidence[0]!;
    assert.deepEqual(ev.before, ['alice <alice@example.org>', 'bob <bob@example.org>']);
    assert.deepEqual(ev.after, ['mallory <mallory@example.org>']);
  });

  test('the same handover starting a new major (not picked up by ^ranges) is discounted below high', async () => {
    const doc = rawPackument('maintainers-replaced', 'left-padder');
    doc.versions['2.0.0'] = { ...doc.versions['1.0.3'], version: '2.0.0' };
    delete doc.versions['1.0.3'];
    doc.time['2.0.0'] = doc.time['1.0.3'];
    delete doc.time['1.0.3'];
    doc['dist-tags'].latest = '2.0.0';
    const { delta } = await compareLatest(toPackument(doc));
    assert.ok(delta.signals.some((x) => x.rule === 'release-diff/outside-caret-range' && x.weight < 0));
    assert.ok(severityRank(delta.severity) < severityRank('high'), `score ${delta.score}`);
  });
});

describe('a registry that strips publisher metadata', () => {
  test('every publisher check reports "not available from this registry" and nothing is guessed', async () => {
    const s = 'dormant-publisher-new-dependency';
    const pk = new Map(['stream-joiner', 'flat-stream-x', 'through'].map((n) => [n, toPackument(stripped(rawPackument(s, n)))]));
    const { delta } = await compareLatest(pk.get('stream-joiner')!, async (n) => pk.get(n)!);
    const fields = delta.unavailable.map((u) => u.field).sort();
    for (const f of ['_npmUser', 'maintainers', 'time', 'dist.attestations', 'dist.signatures'])
      assert.ok(fields.includes(f), `${f} missing from ${fields}`);
    for (const u of delta.unavailable.filter((x) => x.field !== 'tarball')) assert.match(u.reason, /^not available from this registry/);
    assert.ok(!delta.signals.some((x) => /publisher|maintainer|dormant|young|tiny/.test(x.rule)));
    // gitHead is served by the mirror, so that check still runs.
    assert.deepEqual(rules(delta), ['release-diff/githead-missing', 'release-diff/new-dependency']);
  });
});
