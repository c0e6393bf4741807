import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildViewModel } from '../../src/report/view-model.js';
import { readAffected, readDebianPaths, readFunding, readHistory, readScores } from '../../src/report/html/read-facts.js';
import { adjacency, pathsToRoots } from '../../web/src/paths.js';
import { keyChanges } from '../../web/src/timeline.js';
import { finalizeResult, newResult } from '../../src/core/result-builder.js';
import { rules, sample } from './helpers.js';

test('findings link to their components; worst severity ignores suppressed findings', () => {
  const vm = buildViewModel(sample(), { rules: rules() });
  const babel = vm.components.find((c) => c.name === '@babel/core')!;
  assert.equal(babel.findings.length, 1);
  assert.equal(babel.maxSeverity, undefined, 'its only finding is suppressed');
  const ua = vm.components.find((c) => c.name === 'ua-parser-js')!;
  assert.equal(ua.maxSeverity, 'high');
  assert.deepEqual(ua.loc, ['package-lock.json:82']);
  assert.equal(vm.findings.filter((f) => f.isNew).length, 1);
  assert.equal(vm.rules.find((r) => r.id === 'npm/install-script')!.title, 'Install script');
  assert.equal(vm.rules.find((r) => r.id === 'history/sandbox-check-broken')!.title, 'history/sandbox-check-broken');
});

test('top risks: worst finding first, then suspicion', () => {
  const vm = buildViewModel(sample());
  const names = vm.topRisks.map((i) => vm.components[i]!.name);
  assert.deepEqual(names.slice(0, 3), ['flatmap-stream', 'node-ipc', 'ua-parser-js']);
  assert.ok(!names.includes('express'), 'no finding and no suspicion: not a risk');
});

test('dependency paths from the roots, shortest first, cycles tolerated', () => {
  const vm = buildViewModel(sample());
  const g = { componentCount: vm.components.length, rootCount: vm.roots.length, edges: vm.edges };
  const adj = adjacency(g);
  const ms = vm.components.findIndex((c) => c.name === 'ms');
  const name = (i: number): string => (i >= vm.components.length ? vm.roots[i - vm.components.length]!.name : vm.components[i]!.name);
  const paths = pathsToRoots(g, adj, ms).map((p) => p.map(name).join(' > '));
  assert.deepEqual(paths, ['acme-web > express > debug > ms', 'acme-web > @babel/core > debug > ms']);
  // a cycle a <-> b under the root
  const cyc = {
    componentCount: 2,
    rootCount: 1,
    edges: [
      [2, 0, 0],
      [0, 1, 0],
      [1, 0, 0],
    ] as [number, number, 0 | 1][],
  };
  assert.deepEqual(pathsToRoots(cyc, adjacency(cyc), 1), [[2, 0, 1]]);
  assert.deepEqual(
    pathsToRoots({ componentCount: 1, rootCount: 0, edges: [] }, adjacency({ componentCount: 1, rootCount: 0, edges: [] }), 0),
    [],
  );
});

test('signing-key changes are marked on the first tag with a new key', () => {
  const vm = buildViewModel(sample());
  const marked = keyChanges(vm.history[0]!.tags)
    .filter((t) => t.newKey)
    .map((t) => t.name);
  assert.deepEqual(marked, ['v5.4.2']);
});

test('fact readers accept the documented variants', () => {
  const scores = readScores({
    'pkg:npm/a@1': {
      criticality: { score: 0.5 },
      fragility: '0.25',
      suspicion: 0.1,
      factors: ['x', { id: 'y', value: 2, weight: 0.5, reason: 'z' }],
    },
  });
  assert.deepEqual(scores.get('pkg:npm/a@1'), {
    criticality: 0.5,
    fragility: 0.25,
    suspicion: 0.1,
    factors: ['x', 'y = 2 (weight 0.5): z'],
  });
  const h = readHistory({
    repo: {
      contributors: [{ name: 'A', activity: [{ month: '2024-01-05', count: 3 }, ['2023-12', 2]] }],
      tags: [{ tag: 'v1', date: '2024-01-01', key: 'K' }],
      flaggedCommits: [{ hash: 'abc', date: '2024-01-02', reason: 'r' }],
    },
  });
  assert.deepEqual(h[0]!.people[0]!.months, [
    ['2023-12', 2],
    ['2024-01', 3],
  ]);
  assert.equal(h[0]!.people[0]!.commits, 5);
  assert.equal(h[0]!.tags[0]!.signingKey, 'K');
  assert.equal(h[0]!.flagged[0]!.title, 'r');
  assert.equal(readFunding({ allocations: [{ name: 'n', amount: 1, channel: { url: 'u' } }] })!.rows[0]!['channel'], 'u');
  assert.deepEqual(readDebianPaths({ host: { privilegedPaths: [['sshd', 'liblzma5']] } })[0]!.path, ['sshd', 'liblzma5']);
  assert.equal(readAffected({ 'pkg:deb/debian/x@1': { advisory: 'A' } }).rows[0]!['subject'], 'pkg:deb/debian/x@1');
});

test('malformed facts never throw and produce no section', () => {
  const r = newResult('history', '/tmp/repo');
  r.facts = {
    scoring: { a: null, b: { criticality: 'high' }, c: [] } as Record<string, unknown>,
    history: { r: { people: 'nope', tags: [{}, null, 3], flagged: {} } },
    funding: { plan: { shares: 'x' } },
    debian: { privilegedPaths: [{ path: [] }, 7] },
    affected: { rows: 'x' } as Record<string, unknown>,
  };
  const vm = buildViewModel(finalizeResult(r));
  assert.deepEqual(vm.history, []);
  assert.equal(vm.funding, undefined);
  assert.deepEqual(vm.privilegedPaths, []);
  assert.deepEqual(vm.affected, []);
  assert.deepEqual(vm.privilegedLoad, []);
  assert.ok(vm.components.every((c) => !c.scores));
});
