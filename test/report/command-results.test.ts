/** Results of history, host and affected (in their analyzers' fact shapes) render in every format. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildViewModel } from '../../src/report/view-model.js';
import { buildSarif } from '../../src/report/sarif.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderHtml } from '../../src/report/html.js';
import { keyChanges } from '../../web/src/timeline.js';
import { load } from './helpers.js';

test('history: people, tags from people, key change, flagged commits from findings, milestones', () => {
  const vm = buildViewModel(load('history-xz.json'));
  const h = vm.history[0]!;
  assert.equal(h.repo, '/src/xz');
  assert.equal(h.truckFactor, 1);
  assert.deepEqual(
    h.people.map((p) => p.name),
    ['Lasse Collin', 'Jia Tan', 'Sam James'],
  );
  assert.deepEqual(
    h.tags.map((t) => t.name),
    ['v5.2.5', 'v5.4.0', 'v5.4.2', 'v5.6.0', 'v5.6.1'],
  );
  assert.equal(h.tags[2]!.tagger, 'Jia Tan');
  assert.deepEqual(
    keyChanges(h.tags)
      .filter((t) => t.newKey)
      .map((t) => t.name),
    ['v5.4.2'],
  );
  assert.deepEqual(
    h.flagged.map((f) => [f.commit.slice(0, 8), f.author]),
    [
      ['cf44e4b7', 'Jia Tan'],
      ['328c52da', 'Jia Tan'],
    ],
  );
  const jia = h.people[1]!;
  assert.ok(jia.milestones!.some((m) => m.startsWith('first as committer: ed7e68a6a4a0 (2022-12-30)')));
  assert.ok(jia.milestones!.some((m) => m.includes('first signed tag: v5.4.2 (2023-03-18) key 22D465F2')));
});

test('history: SARIF points at files in the repository', () => {
  const results = buildSarif(load('history-xz.json')).runs[0]!.results!;
  const uri = (rule: string) => results.find((r) => r.ruleId === rule)!.locations![0]!.physicalLocation?.artifactLocation?.uri;
  assert.equal(uri('history/binary-test-file'), 'tests/files/bad-3-corrupt_lzma2.xz');
  assert.equal(uri('history/sandbox-check-broken'), 'CMakeLists.txt');
  assert.equal(uri('history/new-signing-key'), undefined, 'no file: a logical location only');
});

test('host: privileged paths per library, and the people carrying them', () => {
  const vm = buildViewModel(load('host-debian.json'));
  assert.deepEqual(
    vm.privilegedPaths.map((p) => p.path.join(' > ')),
    ['openssh-server > libsystemd0', 'openssh-server > libsystemd0 > liblzma5', 'openssh-server > libssl3'],
  );
  assert.equal(vm.privilegedPaths[1]!.root, 'sshd');
  assert.match(vm.privilegedPaths[1]!.reason!, /^network: accepts logins/);
  assert.equal(vm.privilegedLoad[0]!['sources'], 'xz-utils, openssl');
});

test('affected: the advisory and the chosen columns of its table', () => {
  const vm = buildViewModel(load('affected-xz.json'));
  assert.deepEqual(vm.affectedAdvisory, {
    id: 'CVE-2024-3094',
    summary: 'Malicious code in xz-utils 5.6.0 and 5.6.1 release tarballs',
    malicious: true,
  });
  const row = vm.affected[0]!;
  assert.equal(row['path'], 'openssh-server › libsystemd0 › liblzma5');
  assert.equal(row['fix'], 'apt-get install liblzma5=5.6.1+really5.4.5-1');
  assert.equal(row['versionSources'], undefined, 'internal columns are left to the JSON');
});

test('discuss: pressure campaigns with accounts, features and the message timeline', () => {
  const vm = buildViewModel(load('discuss-xz.json'));
  const c = vm.campaigns[0]!;
  assert.equal(c.severity, 'high');
  assert.deepEqual(
    c.members.map((m) => m.split(' <')[0]),
    ['Jigar Kumar', 'Dennis Ens'],
  );
  assert.equal(c.features[1], 'hand-over pressure (+4): "is there any progress", "you should add a maintainer"');
  assert.deepEqual(
    c.timeline.map((e) => e['kind']),
    ['pressure', 'pressure', 'burnout', 'endorsement'],
  );
  assert.equal(c.timeline[1]!['date'], '2022-06-07');
});

test('every command result renders in HTML and Markdown', () => {
  for (const name of ['history-xz.json', 'host-debian.json', 'affected-xz.json', 'discuss-xz.json']) {
    const r = load(name);
    assert.match(renderHtml(r), /<script type="application\/json" id="vigil-data">/);
    assert.match(renderMarkdown(r), new RegExp(`^### vigil ${r.command}:`));
  }
});
