/**
 * The fleet part of the dashboard API: who depends on NAME@RANGE, findings since a time, team
 * rollups over a SQLite store (which has no job queue: /api/jobs says so), then over a PostgreSQL
 * store with its queue: the dead letter is listed and a retry (CSRF-checked) queues the job again.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findPgBin, PG_SKIP_REASON, startPgCluster, type PgCluster } from '../helpers/pg-cluster.js';
import { call, post, scanOf, startDashboardWorld, type DashboardWorld } from '../helpers/dashboard-world.js';
import { openStore } from '../../src/store/open.js';
import { openJobQueue } from '../../src/jobs/open.js';
import { startServer } from '../../src/server/server.js';

describe('fleet API over a SQLite store', () => {
  let w: DashboardWorld;
  before(async () => {
    w = await startDashboardWorld();
  });
  after(() => w.close());

  test('depends names the project holding the package in the range; a range it misses gives none', async () => {
    const hit = await call(w.server, 'GET', '/api/fleet/depends?package=ua-parser-js&range=%5E0.7.0');
    assert.equal(hit.status, 200, hit.text);
    assert.deepEqual(
      hit.json().dependents.map((d: { project: string; version: string; direct: boolean }) => [d.project, d.version, d.direct]),
      [[w.project, '0.7.29', true]],
    );
    assert.deepEqual((await call(w.server, 'GET', '/api/fleet/depends?package=ua-parser-js&range=%3E%3D1')).json().dependents, []);
    assert.equal((await call(w.server, 'GET', '/api/fleet/depends')).status, 400);
  });

  test('findings since a time, at or above a severity; a bad severity or time is 400', async () => {
    const all = (await call(w.server, 'GET', '/api/fleet/findings?severity=critical&since=2026-11-01')).json();
    assert.equal(all.findings.length, 3);
    assert.deepEqual((await call(w.server, 'GET', '/api/fleet/findings?severity=critical&since=2026-12-01')).json().findings, []);
    assert.equal((await call(w.server, 'GET', '/api/fleet/findings?severity=severe')).status, 400);
    assert.equal((await call(w.server, 'GET', '/api/fleet/findings?since=yesterday')).status, 400);
  });

  test('teams group every project under "(no team)"; the job queue is not there and says where it lives', async () => {
    const teams = (await call(w.server, 'GET', '/api/fleet/teams')).json().teams;
    assert.deepEqual(
      teams.map((t: { team: string; projects: number }) => [t.team, t.projects]),
      [['(no team)', 1]],
    );
    const jobs = await call(w.server, 'GET', '/api/jobs');
    assert.equal(jobs.status, 409);
    assert.match(jobs.json().error.hint, /postgres:\/\//);
  });
});

const bin = findPgBin();

describe('fleet API over a PostgreSQL store', { skip: bin ? false : PG_SKIP_REASON }, () => {
  let cluster: PgCluster;
  before(async () => {
    cluster = await startPgCluster(bin!);
  });
  after(() => cluster.stop());

  test('the dead letter is listed; retrying needs the CSRF header and queues the job again', async () => {
    const url = cluster.createDatabase('fleet_api');
    const store = openStore({ path: url });
    store.saveScan(scanOf('/srv/api', '2026-11-26T10:00:42.000Z'));
    const q = openJobQueue(url);
    const server = await startServer({
      store,
      jobs: q.queue,
      port: 0,
      rules: async () => [],
      version: 'test',
      onBug: (e) => assert.fail(String(e)),
    });
    try {
      await q.queue.enqueue([{ kind: 'scan', key: 'scan:/srv/gone@r1', payload: { path: '/srv/gone' } }]);
      const job = await q.queue.claim('w1', 60_000);
      assert.ok(job);
      assert.equal(await q.queue.fail({ id: job.id, owner: 'w1', attempt: 1 }, 'E_INPUT_NOT_FOUND: /srv/gone does not exist', true), true);
      const before = (await call(server, 'GET', '/api/jobs')).json();
      assert.deepEqual(
        before.dead.map((j: { key: string; lastError: string }) => [j.key, j.lastError]),
        [['scan:/srv/gone@r1', 'E_INPUT_NOT_FOUND: /srv/gone does not exist']],
      );
      const forged = await call(server, 'POST', '/api/jobs/retry', { headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(forged.status, 403);
      const r = await post(server, '/api/jobs/retry', { ids: [job.id] });
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(r.json(), { retried: 1 });
      const after = (await call(server, 'GET', '/api/jobs')).json();
      assert.deepEqual(after.dead, []);
      assert.deepEqual(after.counts, [{ kind: 'scan', state: 'queued', n: 1 }]);
      const dep = (await call(server, 'GET', '/api/fleet/depends?package=ua-parser-js')).json();
      assert.deepEqual(
        dep.dependents.map((d: { project: string }) => d.project),
        ['/srv/api'],
      );
    } finally {
      await server.close();
      await q.close();
      store.close();
    }
  });
});
