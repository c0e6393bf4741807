import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createPlainServer } from 'node:http';
import { createServer } from 'node:https';
import { Agent, request } from 'undici';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRegistryConfig } from '../../src/sources/npm/config.js';
import { createHttpClient } from '../../src/sources/npm/http.js';
import { isVigilError } from '../../src/core/errors.js';
import { secureOnDemand } from '../../src/sources/npm/dispatcher.js';

/** A throwaway self-signed certificate for 127.0.0.1, made at test time (nothing secret is committed). */
function makeCert(dir: string): { key: string; cert: string; certPath: string } | undefined {
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
  } catch {
    return undefined;
  }
  return {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    certPath: join(dir, 'cert.pem'),
  };
}

describe('TLS settings from .npmrc', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-tls-'));
  const pem = makeCert(dir);

  test(
    'self-signed registry: refused by default, accepted with cafile=, and with strict-ssl=false',
    { skip: pem ? false : 'openssl not available' },
    async () => {
      if (!pem) return;
      const server = createServer({ key: pem.key, cert: pem.cert }, (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const noNpm = async () => url;
      const load = async (npmrc: string) => {
        const proj = join(dir, `p${Math.random().toString(36).slice(2)}`);
        mkdirSync(proj);
        writeFileSync(join(proj, 'package.json'), '{}');
        writeFileSync(join(proj, '.npmrc'), `registry=${url}\n${npmrc}`);
        return loadRegistryConfig({ projectDir: proj, home: proj, env: {}, npmConfigGet: noNpm, globalConfigPath: '/nonexistent/npmrc' });
      };

      const plain = createHttpClient({ retries: 0 });
      await assert.rejects(
        plain.request({ url: `${url}x`, subject: 'x' }),
        (e: unknown) => isVigilError(e, 'E_NETWORK') && e.message.includes(url),
      );
      await plain.close();

      const withCa = await load(`cafile=${pem.certPath}\n`);
      assert.ok(withCa.tls?.ca?.value.includes('BEGIN CERTIFICATE'));
      const c1 = createHttpClient({ retries: 0, tls: withCa.tls });
      assert.equal(JSON.parse((await c1.request({ url: `${url}x` })).body.toString()).ok, true);
      await c1.close();

      const insecure = await load('strict-ssl=false\n');
      assert.equal(insecure.tls?.strictSSL?.value, false);
      const c2 = createHttpClient({ retries: 0, tls: insecure.tls });
      assert.equal((await c2.request({ url: `${url}y` })).status, 200);
      await c2.close();

      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  );

  test(
    'the configured CAs are parsed when the first https connection is made: a plain-http registry never pays for them',
    { skip: pem ? false : 'openssl not available' },
    async () => {
      if (!pem) return;
      const answer = (_req: unknown, res: import('node:http').ServerResponse) => void res.end('ok');
      const plainServer = createPlainServer(answer);
      const tlsServer = createServer({ key: pem.key, cert: pem.cert }, answer);
      await new Promise<void>((r) => plainServer.listen(0, '127.0.0.1', r));
      await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
      let built = 0;
      const agent = new Agent({
        connect: secureOnDemand({ timeout: 5000 }, () => {
          built++;
          return { ca: [pem.cert] };
        }),
      });
      const get = async (url: string) => (await request(url, { dispatcher: agent })).body.text();
      assert.equal(await get(`http://127.0.0.1:${(plainServer.address() as AddressInfo).port}/`), 'ok');
      assert.equal(built, 0, 'no secure context for plain http');
      const tlsUrl = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}/`;
      assert.equal(await get(tlsUrl), 'ok');
      assert.equal(await get(`${tlsUrl}again`), 'ok');
      assert.equal(built, 1, 'one secure context, made for the first https connection');
      await agent.close();
      plainServer.closeAllConnections();
      tlsServer.closeAllConnections();
      await new Promise((r) => plainServer.close(r));
      await new Promise((r) => tlsServer.close(r));
    },
  );

  test('an unreadable cafile is E_CONFIG', async () => {
    const proj = join(dir, 'missing-ca');
    mkdirSync(proj);
    writeFileSync(join(proj, 'package.json'), '{}');
    writeFileSync(join(proj, '.npmrc'), 'registry=http://127.0.0.1:1/\ncafile=/nonexistent/ca.pem\n');
    await assert.rejects(
      loadRegistryConfig({ projectDir: proj, home: proj, env: {}, globalConfigPath: '/nonexistent/npmrc' }),
      (e: unknown) => isVigilError(e, 'E_CONFIG') && /cafile/.test(e.message),
    );
  });
});
