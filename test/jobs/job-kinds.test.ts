/**
 * The job kinds through the real CLI against one throw-away PostgreSQL cluster: a scan of a git URL
 * (cloned shallow, no hook runs even when the user's git config and template name one), package polls
 * (the watch loop as jobs: a baseline, then one alert for a new release, never repeated), a Debian
 * suite ranking, and `enqueue ecosystem npm --changes-since` from a changes feed on 127.0.0.1 (and a
 * clear partial result from a registry that serves none).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPgBin, PG_SKIP_REASON, startPgCluster, type PgCluster } from '../helpers/pg-cluster.js';
import { startRegistryServer, type RegistryServer } from '../helpers/registry-server.js';
import { publish } from '../helpers/publish.js';
import { runCli } from '../helpers/run-cli.js';
import { ARCHIVE_FIXTURE, startArchiveServer, type ArchiveServer } from '../debian/archive-server.js';
import type { JobRecord } from '../../src/jobs/types.js';

const bin = findPgBin();

describe('job kinds through vigil enqueue / worker', { skip: bin ? false : PG_SKIP_REASON }, () => {
  let cluster: PgCluster;
  let reg: RegistryServer;
  let home: string;
  let n = 0;
  const cli = (args: string[], env?: NodeJS.ProcessEnv) =>
    runCli([...args, '--registry', reg.url], { cwd: home, home, ...(env ? { env } : {}) });
  const jobs = async (store: string, kind: string): Promise<JobRecord[]> => {
    const r = await cli(['jobs', 'list', '--kind', kind, '--store', store, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as JobRecord[];
  };
  const drain = async (store: string, env?: NodeJS.ProcessEnv) => {
    const w = await cli(['worker', '--store', store, '--drain', '--concurrency', '1', '--lease', '30'], env);
    assert.equal(w.code, 0, w.stderr);
    return w;
  };

  before(async () => {
    cluster = await startPgCluster(bin!);
    reg = await startRegistryServer();
    home = mkdtempSync(join(tmpdir(), 'vigil-job-kinds-'));
  });
  after(async () => {
    await reg.close();
    cluster.stop();
    rmSync(home, { recursive: true, force: true });
  });

  test('scan a git URL: a shallow clone, no hook runs, the project is named by its URL; then polls alert once per change', async () => {
    const store = cluster.createDatabase(`kinds_${++n}`);
    await publish(reg, { name: 'tiny', version: '1.0.0' });
    // The project, pushed to a bare repository served as file://.
    const work = join(home, 'work');
    mkdirSync(work);
    const git = (args: string[], cwd: string) => execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, HOME: home } });
    writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { tiny: '^1.0.0' } }));
    writeFileSync(
      join(work, 'package-lock.json'),
      JSON.stringify({
        name: 'app',
        version: '1.0.0',
        lockfileVersion: 3,
        packages: {
          '': { name: 'app', version: '1.0.0', dependencies: { tiny: '^1.0.0' } },
          'node_modules/tiny': { version: '1.0.0', resolved: `${reg.url}tiny/-/tiny-1.0.0.tgz` },
        },
      }),
    );
    git(['init', '-q', '-b', 'main'], work);
    git(['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'add', '.'], work);
    git(['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'app'], work);
    const bare = join(home, 'app.git');
    git(['clone', '-q', '--bare', work, bare], home);
    const url = `file://${bare}`;

    // Hooks the user's environment would run on any checkout: a hooks path and a template.
    const marker = join(home, 'hook-ran');
    const hooks = join(home, 'hooks');
    mkdirSync(join(home, 'template', 'hooks'), { recursive: true });
    mkdirSync(hooks);
    for (const f of [join(hooks, 'post-checkout'), join(home, 'template', 'hooks', 'post-checkout')]) {
      writeFileSync(f, `#!/bin/sh\necho ran >> '${marker}'\n`);
      chmodSync(f, 0o755);
    }
    writeFileSync(join(home, '.gitconfig'), `[core]\n\thooksPath = ${hooks}\n[init]\n\ttemplateDir = ${join(home, 'template')}\n`);
    const hostileEnv = { GIT_TEMPLATE_DIR: join(home, 'template') };
    // The hooks are live: a plain clone in this environment runs them.
    execFileSync('git', ['clone', '-q', url, join(home, 'plain')], { stdio: 'pipe', env: { ...process.env, HOME: home, ...hostileEnv } });
    assert.ok(existsSync(marker), 'the hostile setup runs a hook on a plain clone');
    rmSync(marker);

    const q = await cli(['enqueue', 'scan', url, '--team', 'web', '--store', store]);
    assert.equal(q.code, 0, q.stderr);
    await drain(store, hostileEnv);
    assert.equal(existsSync(marker), false, 'no hook ran in the worker');
    const [job] = await jobs(store, 'scan');
    assert.equal(job?.state, 'done', job?.lastError ?? '');
    assert.match(String((job?.result as { commit?: string }).commit), /^[0-9a-f]{40}$/);
    const dep = await cli(['fleet', 'depends', 'tiny', '--store', store]);
    assert.equal(dep.code, 0, dep.stderr);
    assert.ok(dep.stdout.includes(url), dep.stdout);
    const teams = await cli(['fleet', 'teams', '--store', store, '--format', 'json']);
    assert.deepEqual(
      (JSON.parse(teams.stdout) as { team: string; projects: number }[]).map((t) => [t.team, t.projects]),
      [['web', 1]],
    );

    // Polls: the first round is a baseline; a new release is one alert naming the project; a later round repeats nothing.
    const poll = async (round: string) => {
      const e = await cli(['enqueue', 'poll', '--round', round, '--store', store]);
      assert.equal(e.code, 0, e.stderr);
      assert.match(e.stdout, /queued 1 of 1 job/);
      await drain(store);
      const done = (await jobs(store, 'poll')).find((j) => j.key.endsWith(`@${round}`));
      assert.equal(done?.state, 'done', done?.lastError ?? '');
      return done!.result as { polled: number; alerts: { id: string; severity: string }[] };
    };
    assert.deepEqual(await poll('r1'), { polled: 1, failed: 0, alerts: [] });
    await publish(reg, { name: 'tiny', version: '1.0.1' });
    const second = await poll('r2');
    assert.deepEqual(
      second.alerts.map((a) => a.id),
      ['npm:tiny@1.0.1:new-version'],
    );
    assert.deepEqual((await poll('r3')).alerts, []);
  });

  test('a git URL with a token in it is refused before anything is queued', async () => {
    const store = cluster.createDatabase(`kinds_${++n}`);
    const r = await cli(['enqueue', 'scan', 'https://user:secret-token@git.example.invalid/app.git', '--store', store]);
    assert.equal(r.code, 2);
    assert.ok(!r.stderr.includes('secret-token') && !r.stdout.includes('secret-token'), r.stderr);
    assert.match(r.stderr, /password or token/);
  });

  test('rank a Debian suite as a job; the ranking is stored', async () => {
    const store = cluster.createDatabase(`kinds_${++n}`);
    const archive: ArchiveServer = await startArchiveServer();
    try {
      const e = await cli([
        'enqueue',
        'debian',
        'bookworm',
        '--mirror',
        archive.url,
        '--keyring',
        join(ARCHIVE_FIXTURE, 'test-keyring.gpg'),
        '--store',
        store,
      ]);
      assert.equal(e.code, 0, e.stderr);
      await drain(store);
      const [job] = await jobs(store, 'debian-rank');
      assert.equal(job?.state, 'done', job?.lastError ?? '');
      assert.match((job?.result as { target: string }).target, /bookworm/);
    } finally {
      await archive.close();
    }
  });

  test('enqueue ecosystem npm --changes-since: a latest job per changed package; `last` continues; no feed is a partial result', async () => {
    const store = cluster.createDatabase(`kinds_${++n}`);
    const changes = [
      { seq: 11, id: 'alpha' },
      { seq: 12, id: 'beta' },
      { seq: 13, id: 'gone', deleted: true },
      { seq: 14, id: '_design/app' },
      { seq: 15, id: 'alpha' },
    ];
    const feed: Server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (u.pathname !== '/_changes') return void res.writeHead(404).end();
      const since = Number(u.searchParams.get('since'));
      const results = changes.filter((c) => c.seq > since).slice(0, 2); // pages of two, whatever the limit
      const last = results.at(-1)?.seq ?? since;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ results, last_seq: last }));
    });
    await new Promise<void>((r) => feed.listen(0, '127.0.0.1', r));
    const feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/`;
    try {
      const first = await cli(['enqueue', 'ecosystem', 'npm', '--changes-since', '10', '--changes-feed', feedUrl, '--store', store]);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /read from 10 to 15: 2 packages changed, 1 deleted/);
      assert.deepEqual((await jobs(store, 'latest')).map((j) => j.key).sort(), ['latest:npm:alpha@seq-15', 'latest:npm:beta@seq-12']);
      changes.push({ seq: 16, id: 'gamma' });
      const next = await cli(['enqueue', 'ecosystem', 'npm', '--changes-since', 'last', '--changes-feed', feedUrl, '--store', store]);
      assert.equal(next.code, 0, next.stderr);
      assert.match(next.stdout, /read from 15 to 16: 1 package changed/);
      assert.equal((await jobs(store, 'latest')).length, 3);
      const none = await cli(['enqueue', 'ecosystem', 'npm', '--changes-since', '10', '--store', store]);
      assert.equal(none.code, 3, none.stderr);
      assert.match(none.stdout, /What is missing: http:\/\/127\.0\.0\.1:\d+\/_changes answered HTTP 404/);
      assert.match(none.stdout, /nothing queued/);
    } finally {
      feed.close();
    }
  });
});
