import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreResult, scoringFacts } from '../../src/scoring/score-result.js';
import { readScores } from '../../src/report/html/read-facts.js';
import { debPurl } from '../../src/core/purl.js';
import type { InventoryComponent } from '../../src/core/types.js';
import type { Packument } from '../../src/sources/npm/types.js';
import { findingOf, manifestOf, packumentOf } from '../helpers/factories.js';
import { C, assertFinite, graphInventory, resultOf, served } from './helpers.js';

const factor = (s: { factors: { name: string }[] }, name: string) =>
  s.factors.find((f) => f.name === name) as { name: string; value: unknown; weight: number; contribution: number; explanation: string };

describe('criticality', () => {
  test('runtime and widely depended-on components outrank dev-only ones; factors say why', () => {
    const s = scoreResult(resultOf(graphInventory())).scores;
    assert.ok(s[C.parser.purl]!.criticality > s[C.devdep.purl]!.criticality);
    assert.ok(s[C.framework.purl]!.criticality > s[C.devtool.purl]!.criticality);
    const dep = factor(s[C.parser.purl]!, 'criticality.dependents');
    assert.equal(dep.value, 5);
    assert.match(dep.explanation, /5 package\(s\) in your graph depend on it/);
    assert.equal(factor(s[C.devtool.purl]!, 'criticality.runtime').value, false);
    assert.match(factor(s[C.devtool.purl]!, 'criticality.runtime').explanation, /dev-only/);
    // Contributions add up to the score (rounded per factor).
    const sum = s[C.parser.purl]!.factors.filter((f) => f.name.startsWith('criticality.')).reduce((a, f) => a + f.contribution, 0);
    assert.ok(Math.abs(sum - s[C.parser.purl]!.criticality) < 0.01);
  });

  test('equal factors are one shared object, equal factor lists one shared list; each still reads as its own', () => {
    const s = scoreResult(resultOf(graphInventory())).scores;
    const all = Object.values(s);
    const lists = new Set(all.map((x) => x.factors));
    const factors = new Set(all.flatMap((x) => x.factors));
    const distinct = new Set(all.flatMap((x) => x.factors.map((f) => JSON.stringify(f))));
    assert.equal(factors.size, distinct.size, 'one object per distinct factor');
    assert.equal(lists.size, new Set(all.map((x) => JSON.stringify(x.factors))).size, 'one list per distinct list');
    assert.ok(factors.size < all.reduce((k, x) => k + x.factors.length, 0), 'components share factors');
    // Shared or not, each component's factors are its own values.
    const runtime = factor(s[C.parser.purl]!, 'criticality.runtime');
    assert.equal(runtime.value, true);
    assert.equal(factor(s[C.devtool.purl]!, 'criticality.runtime').value, false);
  });

  test('unknown signals are said to be unknown and weigh nothing; unknown everywhere → listed once', () => {
    const eco = new Map([[C.debug.purl, { dependents: 10, source: 'imported' }]]);
    const out = scoreResult(resultOf(graphInventory()), { ecosystem: eco });
    const s = out.scores[C.parser.purl]!;
    const f = factor(s, 'criticality.ecosystemDependents');
    assert.deepEqual([f.value, f.weight, f.contribution], ['unknown', 0, 0]);
    assert.match(f.explanation, /^unknown: no source provided ecosystem-wide dependents/);
    // No Debian facts at all: the signal is not repeated per component but reported once.
    assert.equal(factor(s, 'criticality.privileged'), undefined);
    assert.deepEqual(
      out.unknown.find((u) => u.signal === 'criticality.privileged'),
      { signal: 'criticality.privileged', reason: 'unknown: no privileged-path facts (Debian host scans only)' },
    );
  });

  test('ecosystem dependents only from data that was given', () => {
    const eco = new Map([[C.debug.purl, { dependents: 40_000, source: 'imported dependents counts' }]]);
    const s = scoreResult(resultOf(graphInventory()), { ecosystem: eco }).scores;
    assert.equal(factor(s[C.debug.purl]!, 'criticality.ecosystemDependents').value, 40_000);
    assert.equal(factor(s[C.framework.purl]!, 'criticality.ecosystemDependents').value, 'unknown');
  });
});

describe('fragility', () => {
  test('a registry that strips maintainers and times: unknown, never invented', () => {
    const stripped = new Map(
      Object.values(C).map(
        (c) =>
          [
            c.name,
            packumentOf(manifestOf(c.name, c.version), {
              unavailableReasons: { maintainers: 'the registry did not serve the package maintainers' },
            }),
          ] as const,
      ),
    );
    const out = scoreResult(resultOf(graphInventory()), { packuments: stripped });
    const s = out.scores[C.parser.purl]!;
    const why = (signal: string) => out.unknown.find((u) => u.signal === signal)?.reason ?? '';
    assert.match(why('fragility.maintainers'), /^unknown: not available from this registry \(the registry did not serve/);
    assert.match(why('fragility.releaseAge'), /^unknown: not available from this registry/);
    assert.match(why('fragility.maintainerLoad'), /^unknown: maintainers not known/);
    assert.equal(factor(s, 'fragility.maintainers'), undefined, 'reported once, not per component');
    // Known here: no funding channel in the manifest, not deprecated → 1·1 / (1 + 2).
    assert.equal(factor(s, 'fragility.noFunding').value, true);
    assert.equal(s.fragility, 0.333);
  });

  test('served maintainers: a sole maintainer is more fragile than a five-person team; load counts critical packages per person', () => {
    const pk = new Map<string, Packument>([
      [C.parser.name, served(C.parser, ['solo'])],
      [C.debug.name, served(C.debug, ['solo'])],
      [C.framework.name, served(C.framework, ['a', 'b', 'c', 'd', 'e'], { funding: 'https://opencollective.com/framework' })],
    ]);
    const s = scoreResult(resultOf(graphInventory()), { packuments: pk }).scores;
    assert.ok(s[C.parser.purl]!.fragility > s[C.framework.purl]!.fragility);
    assert.equal(factor(s[C.parser.purl]!, 'fragility.maintainers').value, 1);
    assert.match(factor(s[C.parser.purl]!, 'fragility.maintainers').explanation, /one maintainer: solo/);
    assert.equal(factor(s[C.framework.purl]!, 'fragility.noFunding').value, false);
    const load = factor(s[C.parser.purl]!, 'fragility.maintainerLoad');
    assert.equal(load.value, 2);
    assert.match(load.explanation, /solo carries 2 of your critical components/);
    assert.deepEqual(s[C.parser.purl]!.people, ['npm:solo']);
  });

  test('release age only from real publish times', () => {
    const pk = new Map([[C.parser.name, served(C.parser, ['solo'], { published: '2020-01-01T00:00:00.000Z' })]]);
    const s = scoreResult(resultOf(graphInventory()), { packuments: pk, now: new Date('2025-01-01T00:00:00Z') }).scores[C.parser.purl]!;
    const f = factor(s, 'fragility.releaseAge');
    assert.equal(f.value, 60);
    assert.match(f.explanation, /newest release 2020-01-01, 60 months ago/);
  });

  test('history: truck factor and top-maintainer decline', () => {
    const history = new Map([
      [
        C.parser.purl,
        {
          truckFactor: { value: 1 },
          fragility: { topMaintainer: { name: 'Lasse', decline: { peakYear: 2012, peakCommits: 300, lastTwoYears: 12 } } },
        },
      ],
    ]);
    const s = scoreResult(resultOf(graphInventory()), { history }).scores[C.parser.purl]!;
    assert.equal(factor(s, 'fragility.truckFactor').value, 1);
    assert.match(factor(s, 'fragility.maintainerDecline').explanation, /Lasse down from 300 commits in 2012 to 12/);
    // The registry served no maintainers: the history's top author is who carries it (one person).
    assert.match(factor(s, 'fragility.maintainers').explanation, /^one person \(authors carrying the git history\): lasse/);
    assert.equal(s.peopleSource, 'git history');
    assert.ok(s.fragility > 0.9, String(s.fragility));
  });

  test('deprecated release counts as fragile', () => {
    const pk = new Map([[C.debug.name, packumentOf(manifestOf(C.debug.name, C.debug.version, { deprecated: 'use something else' }))]]);
    const s = scoreResult(resultOf(graphInventory()), { packuments: pk }).scores[C.debug.purl]!;
    assert.equal(factor(s, 'fragility.deprecated').value, true);
    assert.ok(s.fragility > 0.9);
  });
});

describe('Debian facts', () => {
  const deb = (name: string, source = name): InventoryComponent => ({
    purl: debPurl(name, '1.0', 'amd64'),
    ecosystem: 'deb',
    name,
    version: '1.0',
    locations: [],
    dev: false,
    optional: false,
    meta: { source },
  });

  test('privileged paths raise criticality; Maintainer + Uploaders drive fragility', () => {
    const sshd = deb('openssh-server', 'openssh');
    const lzma = deb('liblzma5', 'xz-utils');
    const zlib = deb('zlib1g', 'zlib');
    const r = resultOf({
      sources: [],
      problems: [],
      roots: [{ id: 'root:host', name: 'host', path: '/' }],
      components: [sshd, lzma, zlib],
      edges: [
        { from: 'root:host', to: sshd.purl, kind: 'prod' },
        { from: sshd.purl, to: lzma.purl, kind: 'prod' },
        { from: 'root:host', to: zlib.purl, kind: 'prod' },
      ],
    });
    r.facts['debian'] = {
      privilegedPaths: [
        {
          service: 'sshd',
          exposure: 'network',
          why: 'remote login',
          package: 'openssh-server',
          purl: sshd.purl,
          libraries: [{ name: 'liblzma5', purl: lzma.purl, source: 'xz-utils', path: ['openssh-server', 'liblzma5'] }],
        },
      ],
      people: {
        'xz-utils': { kind: 'individual', individuals: [{ name: 'Solo Dev', email: 'solo@example.org' }], teams: [] },
        zlib: {
          kind: 'team',
          individuals: [{ name: 'A', email: 'a@example.org' }],
          teams: [{ name: 'Zlib Team', email: 'team+zlib@example.org' }],
        },
      },
    };
    const s = scoreResult(r).scores;
    assert.equal(factor(s[lzma.purl]!, 'criticality.privileged').value, 2);
    assert.match(factor(s[lzma.purl]!, 'criticality.privileged').explanation, /sshd \(1 network-facing\)/);
    assert.ok(s[lzma.purl]!.criticality > s[zlib.purl]!.criticality);
    assert.equal(factor(s[lzma.purl]!, 'fragility.maintainers').value, 1);
    assert.match(factor(s[zlib.purl]!, 'fragility.maintainers').explanation, /maintained by Zlib Team/);
    assert.ok(s[lzma.purl]!.fragility > s[zlib.purl]!.fragility);
    assert.match(factor(s[sshd.purl]!, 'fragility.maintainers').explanation, /Debian archive \(Sources\) not loaded/);
  });
});

describe('suspicion, quadrant and the report shape', () => {
  test('severity-weighted findings; suppressed ones do not count', () => {
    const r = resultOf(graphInventory());
    r.findings.push(
      findingOf('content/hidden-payload', C.debug.purl, { severity: 'critical' }),
      findingOf('npm/install-script', C.parser.purl, { severity: 'low', confidence: 'low' }),
      findingOf('content/hidden-payload', C.framework.purl, { severity: 'critical', suppressed: { reason: 'reviewed' } }),
    );
    const s = scoreResult(r).scores;
    assert.equal(s[C.debug.purl]!.suspicion, 1);
    assert.ok(s[C.parser.purl]!.suspicion > 0 && s[C.parser.purl]!.suspicion < 0.3);
    assert.equal(s[C.framework.purl]!.suspicion, 0);
    assert.match(factor(s[C.debug.purl]!, 'suspicion.findings').explanation, /content\/hidden-payload \(critical\)/);
  });

  test('quadrant: every component placed once, suspicious first; the HTML reader reads the facts', () => {
    const r = resultOf(graphInventory());
    r.findings.push(findingOf('x/y', C.devdep.purl, { severity: 'high' }));
    const out = scoreResult(r);
    const q = out.quadrant;
    assert.equal(q.points.length, Object.keys(C).length);
    assert.equal(
      Object.values(q.counts).reduce((a, b) => a + b, 0),
      Object.keys(C).length,
    );
    assert.equal(q.points[0]!.purl, C.devdep.purl);
    const facts = scoringFacts(out);
    const read = readScores(facts);
    assert.equal(read.size, Object.keys(C).length, 'quadrant is not mistaken for a component');
    const parser = read.get(C.parser.purl)!;
    assert.equal(parser.criticality, out.scores[C.parser.purl]!.criticality);
    assert.ok(parser.factors.some((f) => /^criticality\.dependents = 5 \(weight 2\): /.test(f)));
  });

  test('no data at all: no roots, no edges, no packuments — every number finite', () => {
    const inv = graphInventory();
    inv.roots = [];
    inv.edges = [];
    const out = scoreResult(resultOf(inv), { packuments: new Map(), now: new Date(Number.NaN) });
    assertFinite(out);
    for (const s of Object.values(out.scores)) assert.ok(s.criticality >= 0 && s.criticality <= 1);
    assert.match(factor(out.scores[C.parser.purl]!, 'criticality.rootsReaching').explanation, /not reached from any root/);
  });
});
