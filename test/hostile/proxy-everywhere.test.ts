/**
 * Every request vigil makes honours the proxy of the user's npm configuration, not only the
 * registry's: the Debian archive, Debian source files and watch webhooks go through a proxy on
 * 127.0.0.1. The targets are `.invalid` names that only the proxy can resolve, so a request that
 * skipped the proxy could not succeed. `noproxy` still sends a host direct. The settings come from
 * `.npmrc` (`https-proxy`, `proxy`, `noproxy`) through the same loader as the registry client's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DebArchiveClient } from '../../src/sources/debian/archive-client.js';
import { fetchDebSource, poolDir } from '../../src/analyzers/artifact/deb-source.js';
import { loadProxyConfig } from '../../src/sources/npm/config.js';
import { postAlert } from '../../src/watch/webhook.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { newVersionAlert } from '../helpers/factories.js';
import { ARCHIVE_FIXTURE } from '../debian/archive-server.js';
import { serveHostile } from '../helpers/hostile-http.js';
import { startProxy } from '../helpers/http-proxy.js';

const MIRROR = 'mirror.invalid';

/** A project whose .npmrc names the proxy (and, optionally, hosts that bypass it). */
function proxyFromNpmrc(proxyUrl: string, noproxy?: string): ReturnType<typeof loadProxyConfig> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-proxy-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{}');
    writeFileSync(join(dir, '.npmrc'), `proxy=${proxyUrl}\nhttps-proxy=${proxyUrl}\n${noproxy ? `noproxy=${noproxy}\n` : ''}`);
    return loadProxyConfig({ projectDir: dir, env: { HOME: dir }, home: dir, globalConfigPath: join(dir, 'none') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the Debian archive client goes through the proxy of the npm configuration', async () => {
  const archive = await serveHostile((req, res) => res.end(readFileSync(join(ARCHIVE_FIXTURE, req.url!.slice(1)))));
  const proxy = await startProxy({ [MIRROR]: new URL(archive.base).host });
  try {
    const cfg = proxyFromNpmrc(proxy.url);
    assert.equal(cfg.http?.value, proxy.url);
    const c = new DebArchiveClient({ store: new MemoryStore(), proxy: cfg, keyring: '/nonexistent.gpg' });
    const rel = await c.release(`http://${MIRROR}`, 'bookworm');
    assert.ok(rel, JSON.stringify(c.problems));
    const idx = await c.index(rel, 'main/binary-amd64/Packages');
    assert.match((await idx!.text()) ?? '', /^Package: /m);
    assert.ok(
      proxy.seen.some((s) => s.includes(`${MIRROR}/dists/bookworm/InRelease`) || s === `CONNECT ${MIRROR}:80`),
      `proxy saw: ${proxy.seen.join(', ')}`,
    );
    assert.equal(archive.seen.length, 2, 'InRelease and the index, each once, through the proxy');
  } finally {
    await proxy.close();
    await archive.close();
  }
});

test('Debian source files (deb:SOURCE=VERSION) go through the proxy', async () => {
  const pool = `/${poolDir('demo')}`;
  const archive = await serveHostile((req, res) => {
    if (req.url === `${pool}demo_1.0-1.dsc`)
      return res.end(`Format: 3.0 (native)\nChecksums-Sha256:\n ${'0'.repeat(64)} 3 demo_1.0.tar.xz\n`);
    res.statusCode = 404;
    res.end();
  });
  const proxy = await startProxy({ [MIRROR]: new URL(archive.base).host });
  try {
    const got = await fetchDebSource(
      { source: 'demo', version: '1.0-1' },
      { mirror: `http://${MIRROR}`, proxy: proxyFromNpmrc(proxy.url) },
    );
    assert.deepEqual(
      got.listed.map((f) => f.name),
      ['demo_1.0.tar.xz'],
    );
    assert.ok(archive.seen.includes(`${pool}demo_1.0-1.dsc`));
    assert.ok(proxy.seen.length >= 1, 'through the proxy');
  } finally {
    await proxy.close();
    await archive.close();
  }
});

const alert = newVersionAlert();

test('a watch webhook is posted through the proxy; a noproxy host is posted to directly', async () => {
  const bodies: string[] = [];
  const hook = await serveHostile((req, res) => {
    let b = '';
    req.on('data', (c: Buffer) => (b += c.toString()));
    req.on('end', () => {
      bodies.push(b);
      res.end('ok');
    });
  });
  const proxy = await startProxy({ 'hooks.invalid': new URL(hook.base).host });
  try {
    await postAlert(alert, { url: 'http://hooks.invalid/alert', attempts: 1, proxy: proxyFromNpmrc(proxy.url) });
    assert.equal(bodies.length, 1);
    assert.match(bodies[0]!, /dep@1\.2\.0 published/);
    assert.ok(
      proxy.seen.some((s) => s.includes('hooks.invalid')),
      `proxy saw: ${proxy.seen.join(', ')}`,
    );
    const before = proxy.seen.length;
    await postAlert(alert, { url: `${hook.base}/direct`, attempts: 1, proxy: proxyFromNpmrc(proxy.url, '127.0.0.1') });
    assert.equal(bodies.length, 2);
    assert.equal(proxy.seen.length, before, 'noproxy: the proxy saw nothing');
  } finally {
    await proxy.close();
    await hook.close();
  }
});
