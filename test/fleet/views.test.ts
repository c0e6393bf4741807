/** Fleet views: several projects' latest scans in one store, asked one question. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newResult } from '../../src/core/result-builder.js';
import type { ScanResult } from '../../src/core/result.js';
import type { Finding, InventoryComponent, Severity } from '../../src/core/types.js';
import { dependents, findingsSince, teamRollups } from '../../src/fleet/views.js';
import { openStore } from '../../src/store/open.js';
import type { StoredScan } from '../../src/store/types.js';
import { runCli } from '../helpers/run-cli.js';

function comp(name: string, version: string, dev = false): InventoryComponent {
  return { purl: `pkg:npm/${name}@${version}`, ecosystem: 'npm', name, version, locations: [], dev, optional: false };
}

function finding(subject: string, severity: Severity, suppressed = false): Finding {
  return {
    rule: 'content/remote-code',
    severity,
    confidence: 'high',
    subject,
    title: `${severity} thing in ${subject}`,
    evidence: [],
    explanation: 'x',
    analyzer: { id: 'content', version: '1' },
    ...(suppressed ? { suppressed: { reason: 'accepted' } } : {}),
  };
}

function project(path: string, deps: InventoryComponent[], findings: Finding[], at: string): ScanResult {
  const r = newResult('scan', path, `key:${path}`);
  r.finishedAt = at;
  r.inventory.roots = [{ id: 'root:.', name: path, path: '.' }];
  r.inventory.components = deps;
  r.inventory.edges = deps.filter((c) => !c.name.startsWith('deep-')).map((c) => ({ from: 'root:.', to: c.purl, kind: 'prod' as const }));
  r.findings = findings;
  return r;
}

const scans: StoredScan[] = [
  project(
    '/srv/api',
    [comp('xz-js', '5.6.1'), comp('left-pad', '1.3.0')],
    [finding('pkg:npm/xz-js@5.6.1', 'critical')],
    '2026-12-01T10:00:00.000Z',
  ),
  project(
    '/srv/web',
    [comp('deep-xz', '1.0.0'), comp('xz-js', '5.4.0', true)],
    [finding('pkg:npm/a@1', 'medium'), finding('pkg:npm/b@1', 'high', true)],
    '2026-11-20T10:00:00.000Z',
  ),
  project('/srv/batch', [comp('left-pad', '1.1.0')], [finding('pkg:npm/c@1', 'high')], '2026-12-02T09:00:00.000Z'),
].map((result, i) => ({ id: i + 1, targetKey: result.target.key, at: result.finishedAt, result }));

test('depends: which projects hold NAME at a version in RANGE, direct or not, dev or not', () => {
  assert.deepEqual(
    dependents(scans, 'xz-js', '>=5.6.0 <5.6.2').map((r) => [r.project, r.version, r.direct]),
    [['/srv/api', '5.6.1', true]],
  );
  assert.deepEqual(
    dependents(scans, 'xz-js').map((r) => [r.project, r.version, r.dev]),
    [
      ['/srv/api', '5.6.1', false],
      ['/srv/web', '5.4.0', true],
    ],
  );
  assert.deepEqual(dependents(scans, 'nothing-like-it'), []);
});

test('findings: unsuppressed, at or above the severity, in projects scanned since the date, worst first', () => {
  const since = findingsSince(scans, 'high', '2026-11-30T00:00:00.000Z');
  assert.deepEqual(
    since.map((r) => [r.finding.severity, r.project]),
    [
      ['critical', '/srv/api'],
      ['high', '/srv/batch'],
    ],
  );
  assert.equal(findingsSince(scans, 'medium').length, 3, 'the suppressed high in /srv/web is left out; its medium counts');
});

test('teams: projects, components and findings per team; projects without a team are grouped', () => {
  const teams = new Map([
    ['key:/srv/api', 'payments'],
    ['key:/srv/batch', 'payments'],
  ]);
  const rows = teamRollups(scans, (k) => teams.get(k));
  assert.deepEqual(
    rows.map((r) => [r.team, r.projects, r.components, r.findings.critical, r.findings.high, r.atRisk]),
    [
      ['payments', 2, 3, 1, 1, ['/srv/api', '/srv/batch']],
      ['(no team)', 1, 2, 0, 0, []],
    ],
  );
});

test('vigil fleet depends / findings read every project of one store through the CLI', async () => {
  const home = mkdtempSync(join(tmpdir(), 'vigil-fleet-'));
  try {
    const path = join(home, 'fleet.db');
    const store = openStore({ path });
    for (const s of scans) store.saveScan(s.result);
    store.close();
    const dep = await runCli(['fleet', 'depends', 'xz-js@>=5.6.0 <5.6.2', '--store', path], { cwd: home, home });
    assert.equal(dep.code, 0, dep.stderr);
    assert.match(dep.stdout, /^1 project depends on xz-js@>=5\.6\.0 <5\.6\.2:\n {2}\/srv\/api {2}xz-js@5\.6\.1 \(direct\)/);
    const f = await runCli(['fleet', 'findings', '--severity', 'critical', '--store', path, '--format', 'json'], { cwd: home, home });
    assert.equal(f.code, 0, f.stderr);
    assert.deepEqual(
      (JSON.parse(f.stdout) as { project: string }[]).map((r) => r.project),
      ['/srv/api'],
    );
    const bad = await runCli(['fleet', 'findings', '--severity', 'severe', '--store', path], { cwd: home, home });
    assert.equal(bad.code, 2);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
