/**
 * The dashboard's JSON API over a real server on 127.0.0.1 and a temp SQLite store: projects and
 * their scans over time, findings with each filter, triage written to vigil.config.json with an audit
 * trail, component pages, alerts (listed, and pushed live over SSE when `vigil watch` writes one).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { applySuppressions, parseSuppressions } from '../../src/engine/suppressions.js';
import { openStore } from '../../src/store/open.js';
import { findingOf } from '../helpers/factories.js';
import { call, CONFIG, post, raiseAlert, scanOf, startDashboardWorld, type DashboardWorld } from '../helpers/dashboard-world.js';

let w: DashboardWorld;
let pid: string;

before(async () => {
  w = await startDashboardWorld();
  pid = (await call(w.server, 'GET', '/api/projects')).json().projects[0].id;
});
after(() => w.close());

const findings = async (qs: string) => {
  const r = await call(w.server, 'GET', `/api/findings?${qs}`);
  assert.equal(r.status, 200, r.text);
  return r.json() as { total: number; findings: { id: string; rule: string; severity: string; subject: string; status: string }[] };
};

describe('projects and scans', () => {
  test('the stored project is listed with its latest summary, and its scans over time oldest first', async () => {
    const list = (await call(w.server, 'GET', '/api/projects')).json().projects;
    assert.equal(list.length, 1);
    assert.equal(list[0].path, w.project);
    assert.match(list[0].id, /^[0-9a-f]{12}$/);
    const p = (await call(w.server, 'GET', `/api/projects/${pid}`)).json();
    assert.deepEqual(
      p.scans.map((s: { at: string }) => s.at),
      ['2026-11-19T10:00:00.000Z', '2026-11-26T10:00:42.000Z'],
    );
    assert.equal(p.scans[0].summary.findings.critical + 2, p.scans[1].summary.findings.critical);
    const view = (await call(w.server, 'GET', `/api/projects/${pid}/view`)).json();
    assert.equal(view.view.findings.length, 10);
    assert.ok(view.view.findings.every((f: { triage?: { id: string } }) => f.triage?.id));
    assert.equal((await call(w.server, 'GET', `/api/scans/${p.scans[0].id}`)).json().findings.length, 8);
  });

  test('unknown projects and scans are 404 with a JSON error', async () => {
    const r = await call(w.server, 'GET', '/api/projects/0123456789ab');
    assert.equal(r.status, 404);
    assert.equal(r.json().error.code, 'E_INPUT_NOT_FOUND');
    assert.equal((await call(w.server, 'GET', '/api/scans/999999')).status, 404);
    assert.equal((await call(w.server, 'GET', '/api/nothing-here')).status, 404);
  });
});

describe('findings with filters', () => {
  test('severity is "at or above"; rule (exact or family), package (any version or one purl), project, text', async () => {
    const high = await findings('severity=high');
    assert.equal(high.total, 6);
    assert.ok(high.findings.every((f) => f.severity === 'high' || f.severity === 'critical'));
    assert.equal(high.findings[0]!.severity, 'critical');
    assert.equal((await findings('rule=npm/install-script')).total, 2);
    assert.equal((await findings('rule=history/*')).total, 2);
    assert.deepEqual((await findings('package=ua-parser-js')).findings.map((f) => f.rule).sort(), [
      'npm/install-script',
      'release/new-publisher',
    ]);
    assert.equal((await findings(`package=${encodeURIComponent('pkg:npm/ua-parser-js@0.7.28')}`)).total, 0);
    assert.equal((await findings(`project=${pid}&q=flatmap`)).total, 1);
  });

  test('status separates open, acknowledged and suppressed findings', async () => {
    const s = await findings('status=suppressed');
    assert.deepEqual(
      s.findings.map((f) => f.subject),
      ['pkg:npm/%40babel/core@7.24.0'],
    );
    assert.equal((await findings('status=open')).total + (await findings('status=acknowledged')).total + s.total, 10);
  });

  test('bad parameters are 400 naming the parameter', async () => {
    for (const [qs, word] of [
      ['severity=urgent', 'severity'],
      ['status=done', 'status'],
      ['limit=-3', 'limit'],
    ]) {
      const r = await call(w.server, 'GET', `/api/findings?${qs}`);
      assert.equal(r.status, 400, qs);
      assert.match(r.json().error.message, new RegExp(word!));
    }
  });
});

describe('triage', () => {
  test('suppressing writes rule, subject, reason, expiry, who and when to vigil.config.json, keeps other keys, and is audited', async () => {
    const target = (await findings('package=ua-parser-js&rule=npm/install-script')).findings[0]!;
    assert.equal(target.status, 'open');
    const r = await post(w.server, '/api/triage/suppress', {
      project: pid,
      finding: target.id,
      reason: 'pinned below the hijacked release in production',
      expires: '2099-01-31',
      by: 'alice',
    });
    assert.equal(r.status, 201, r.text);
    const config = JSON.parse(readFileSync(join(w.project, 'vigil.config.json'), 'utf8'));
    assert.equal(config['fail-on'], CONFIG['fail-on']);
    assert.equal(config.suppressions.length, 1);
    const s = config.suppressions[0];
    assert.deepEqual(
      { rule: s.rule, subject: s.subject, reason: s.reason, expires: s.expires, by: s.by },
      {
        rule: 'npm/install-script',
        subject: 'pkg:npm/ua-parser-js@0.7.29',
        reason: 'pinned below the hijacked release in production',
        expires: '2099-01-31',
        by: 'alice',
      },
    );
    assert.ok(Date.parse(s.at) > Date.now() - 60_000);
    const now = await findings('package=ua-parser-js&rule=npm/install-script');
    assert.equal(now.findings[0]!.status, 'suppressed');
    assert.deepEqual(
      (await findings('package=ua-parser-js&status=open')).findings.map((f) => f.rule),
      ['release/new-publisher'],
    );
    const audit = (await call(w.server, 'GET', `/api/triage/audit?project=${pid}`)).json().audit;
    assert.equal(audit[0].action, 'suppress');
    assert.equal(audit[0].by, 'alice');
    assert.equal(audit[0].reason, 'pinned below the hijacked release in production');
    assert.equal(audit[0].writtenTo, join(w.project, 'vigil.config.json'));
    const again = await post(w.server, '/api/triage/suppress', { project: pid, finding: target.id, reason: 'twice' });
    assert.equal(again.status, 400);
  });

  test('a finding whose rule the catalogue does not know cannot be suppressed (the config would be refused by scans)', async () => {
    const before = readFileSync(join(w.project, 'vigil.config.json'), 'utf8');
    const legacy = (await findings('package=left-pad')).findings[0]!;
    const r = await post(w.server, '/api/triage/suppress', { project: pid, finding: legacy.id, reason: 'old rule id' });
    assert.equal(r.status, 400);
    assert.equal(r.json().error.code, 'E_SUPPRESSION');
    assert.equal(readFileSync(join(w.project, 'vigil.config.json'), 'utf8'), before);
  });

  test('acknowledging is kept in the store and audited; who defaults to the server user', async () => {
    const target = (await findings('package=debug')).findings[0]!;
    const r = await post(w.server, '/api/triage/acknowledge', { project: pid, finding: target.id, reason: 'upgrade planned' });
    assert.equal(r.status, 201, r.text);
    assert.equal((await findings('package=debug')).findings[0]!.status, 'acknowledged');
    const audit = (await call(w.server, 'GET', '/api/triage/audit')).json().audit;
    assert.equal(audit[0].action, 'acknowledge');
    assert.ok(audit[0].by.length > 0);
  });

  test('a reason is required, an expiry must be a future date, and unknown findings are 404', async () => {
    const id = (await findings('package=node-ipc')).findings[0]!.id;
    const cases: [unknown, number][] = [
      [{ project: pid, finding: id }, 400],
      [{ project: pid, finding: id, reason: '   ' }, 400],
      [{ project: pid, finding: id, reason: 'x', expires: 'soon' }, 400],
      [{ project: pid, finding: id, reason: 'x', expires: '2001-01-01' }, 400],
      [{ project: pid, finding: 'f'.repeat(16), reason: 'x' }, 404],
      [['not', 'an', 'object'], 400],
    ];
    for (const [body, status] of cases)
      assert.equal((await post(w.server, '/api/triage/suppress', body)).status, status, JSON.stringify(body));
    assert.equal(JSON.parse(readFileSync(join(w.project, 'vigil.config.json'), 'utf8')).suppressions.length, 1);
  });

  test('the user chooses what a suppression covers: every version of the package, or a prefix; scans match it the same way', async () => {
    // A later scan of another project that also found a deprecated release.
    const t = await startDashboardWorld();
    const scan = scanOf(t.project, '2026-11-27T10:00:00.000Z');
    scan.findings.push(findingOf('npm/deprecated', 'pkg:npm/%40babel/core@7.24.0', { severity: 'low' }));
    t.store.saveScan(scan);
    const tid = (await call(t.server, 'GET', '/api/projects')).json().projects[0].id;
    const configPath = join(t.project, 'vigil.config.json');
    const listed = async (qs: string) =>
      (await call(t.server, 'GET', `/api/findings?${qs}`)).json().findings as { id: string; subject: string; status: string }[];
    const babel = (await listed('rule=npm/deprecated'))[0]!;
    const r = await post(t.server, '/api/triage/suppress', {
      project: tid,
      finding: babel.id,
      reason: 'babel only runs in CI; upgrading it is planned for next quarter',
      expires: '2099-06-30',
      scope: 'package',
      by: 'carol',
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json().suppression.subject, 'pkg:npm/%40babel/core');
    const talk = (await listed('rule=discussion/pressure-campaign'))[0]!;
    assert.equal(talk.subject, 'https://git.example.test/xz');
    const p = await post(t.server, '/api/triage/suppress', {
      project: tid,
      finding: talk.id,
      reason: 'the list threads of this repository and its mirrors were read by the team',
      scope: 'prefix',
      prefix: 'https://git.example.test/xz',
    });
    assert.equal(p.status, 201, p.text);
    const written = JSON.parse(readFileSync(configPath, 'utf8')).suppressions;
    assert.deepEqual(
      written.map((x: Record<string, string>) => [x['rule'], x['subject'], x['expires'] ?? null, x['by']]),
      [
        ['npm/deprecated', 'pkg:npm/%40babel/core', '2099-06-30', 'carol'],
        ['discussion/pressure-campaign', 'https://git.example.test/xz*', null, written[1].by],
      ],
    );
    const audit = (await call(t.server, 'GET', `/api/triage/audit?project=${tid}`)).json().audit;
    assert.deepEqual(
      audit.slice(0, 2).map((a: Record<string, string>) => [a['scope'], a['subject'], a['finding']]),
      [
        ['prefix', 'https://git.example.test/xz*', talk.id],
        ['package', 'pkg:npm/%40babel/core', babel.id],
      ],
    );
    assert.equal((await listed('rule=npm/deprecated'))[0]!.status, 'suppressed');
    // The next scan reads the same config: other versions, and other subjects under the prefix, are covered; nothing else is.
    const later = [
      findingOf('npm/deprecated', 'pkg:npm/%40babel/core@7.25.0'),
      findingOf('npm/deprecated', 'pkg:npm/%40babel/traverse@7.25.0'),
      findingOf('discussion/pressure-campaign', 'https://git.example.test/xz-mirror'),
      findingOf('discussion/pressure-campaign', 'https://git.example.test/zlib'),
    ];
    applySuppressions(later, parseSuppressions(JSON.parse(readFileSync(configPath, 'utf8')).suppressions, configPath));
    assert.deepEqual(
      later.map((f) => !!f.suppressed),
      [true, false, true, false],
    );
    await t.close();
  });

  test('a scope that would not cover the finding, or would cover a whole ecosystem, is refused and nothing is written', async () => {
    const configPath = join(w.project, 'vigil.config.json');
    const before = readFileSync(configPath, 'utf8');
    const ua = (await findings('package=node-ipc')).findings[0]!;
    const xz = (await findings('rule=history/*&status=open')).findings[0]!;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ finding: ua.id, scope: 'prefix', prefix: 'pkg:npm/' }, /too broad/],
      [{ finding: ua.id, scope: 'prefix', prefix: 'pkg:npm/*' }, /too broad/],
      [{ finding: ua.id, scope: 'prefix', prefix: 'pkg:npm/lodash' }, /must be the start/],
      [{ finding: ua.id, scope: 'prefix', prefix: 'pkg:' }, /too broad/],
      [{ finding: ua.id, scope: 'prefix' }, /"prefix" is required/],
      [{ finding: ua.id, scope: 'everything' }, /"scope" must be one of version, package, prefix/],
      [{ finding: xz.id, scope: 'package' }, /not one/],
    ];
    for (const [body, message] of cases) {
      const r = await post(w.server, '/api/triage/suppress', { project: pid, reason: 'x', ...body });
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.match(r.json().error.message, message);
    }
    assert.equal(readFileSync(configPath, 'utf8'), before);
  });
});

describe('components and alerts', () => {
  test('a component page shows where each version is used, its scores, findings and version history', async () => {
    const r = await call(w.server, 'GET', `/api/components/${encodeURIComponent('pkg:npm/ua-parser-js')}`);
    assert.equal(r.status, 200, r.text);
    const c = r.json();
    assert.equal(c.name, 'ua-parser-js');
    assert.equal(c.uses.length, 1);
    assert.equal(c.uses[0].version, '0.7.29');
    assert.ok(typeof c.uses[0].facts.scoring.suspicion === 'number');
    assert.equal(c.uses[0].findings.length, 2);
    assert.equal(c.history.length, 2);
    assert.equal((await call(w.server, 'GET', '/api/components/no-such-package')).status, 404);
  });

  test('a component page reads the recorded facts into versions, people, scores and funding, and says what is unknown', async () => {
    const ua = (await call(w.server, 'GET', `/api/components/${encodeURIComponent('pkg:npm/ua-parser-js@0.7.29')}`)).json().uses[0].profile;
    assert.deepEqual(ua.versions, {
      inUse: '0.7.29',
      distTags: { latest: '2.0.3', 'v0-latest': '0.7.40' },
      latest: '2.0.3',
      standing: 'behind',
      deprecated: 'compromised release: use 0.7.30 or later',
      published: '2021-10-22T12:15:00.000Z',
      newestRelease: { version: '2.0.3', published: '2025-02-12T08:00:00.000Z' },
      registry: 'http://registry.invalid/',
      fetchedAt: '2026-11-26T09:59:00.000Z',
      unknown: [],
    });
    assert.deepEqual(ua.people, {
      people: ['npm:faisalman'],
      source: 'registry maintainers',
      explanation: 'one maintainer: faisalman',
      publisher: 'faisalman',
      releaseMaintainers: [],
      unknown: [],
    });
    assert.deepEqual(
      ua.scores.factors.map((f: Record<string, unknown>) => [f['score'], f['signal'], f['contribution']]),
      [
        ['criticality', 'rootsReaching', 0.4],
        ['fragility', 'maintainers', 0.5],
        ['fragility', 'noFunding', 0],
        ['suspicion', 'findings', 1],
      ],
    );
    assert.equal(ua.scores.quadrant, 'critical-fragile');
    assert.deepEqual(
      ua.funding.channels.map((c: Record<string, string>) => [c['platform'], c['recipient']]),
      [
        ['open_collective', 'open_collective:ua-parser-js'],
        ['github', 'github:faisalman'],
      ],
    );
    // A component with no registry metadata (an offline scan) says so rather than showing empty sections.
    const pad = (await call(w.server, 'GET', `/api/components/${encodeURIComponent('pkg:npm/left-pad@1.3.0')}`)).json().uses[0].profile;
    assert.equal(pad.versions, undefined);
    assert.match(pad.people.unknown.join('\n'), /registry metadata: not fetched/);
    assert.match(pad.funding.unknown.join('\n'), /package\.json was not read/);
    assert.equal(typeof pad.scores.fragility, 'number');
  });

  test('an alert written by watch is listed, and pushed to an open event stream; so is a new scan', async () => {
    const events: string[] = [];
    const res = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: w.server.port, path: '/api/events', headers: { host: `127.0.0.1:${w.server.port}` } },
        resolve,
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
    const got = new Promise<string>((resolve) => {
      res.on('data', (c: Buffer) => {
        events.push(c.toString('utf8'));
        const all = events.join('');
        if (all.includes('event: alert')) resolve(all);
      });
    });
    raiseAlert(w.storePath, { id: 'npm:left-pad@1.3.1:new-version' });
    const text = await got;
    const scanEvent = new Promise<string>((resolve) =>
      res.on('data', () => {
        const m = /event: scan\ndata: (.*)\n/.exec(events.join(''));
        if (m) resolve(m[1]!);
      }),
    );
    const other = openStore({ path: w.storePath });
    const newScan = other.saveScan(scanOf(w.project, '2026-12-01T09:00:00.000Z'));
    other.close();
    assert.deepEqual(JSON.parse(await scanEvent), { id: newScan });
    res.destroy();
    const data = JSON.parse(/event: alert\ndata: (.*)\n/.exec(text)![1]!);
    assert.equal(data.id, 'npm:left-pad@1.3.1:new-version');
    assert.equal(data.exposed[0].range, '^1.3.0');
    const listed = (await call(w.server, 'GET', '/api/alerts')).json().alerts;
    assert.deepEqual(
      listed.map((a: { id: string }) => a.id),
      ['npm:left-pad@1.3.1:new-version'],
    );
    assert.equal((await call(w.server, 'GET', '/api/components/left-pad')).json().alerts.length, 1);
    assert.deepEqual(w.bugs, []);
  });
});
