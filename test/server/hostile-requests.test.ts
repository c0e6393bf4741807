/**
 * The dashboard server against hostile requests: DNS rebinding (a foreign Host), cross-site posts
 * (foreign Origin, no CSRF header, form content types), oversized bodies and URLs, path traversal in
 * every spelling, other methods; and the token: required off loopback (generated there), checked on
 * every request, traded once for an HttpOnly cookie. No refused request changes the config file.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLoopback, tokenMatches } from '../../src/server/security.js';
import { call, post, startDashboardWorld, type DashboardWorld } from '../helpers/dashboard-world.js';

let w: DashboardWorld;
let suppressBody: Record<string, string>;
const configText = () => readFileSync(join(w.project, 'vigil.config.json'), 'utf8');

before(async () => {
  w = await startDashboardWorld();
  const pid = (await call(w.server, 'GET', '/api/projects')).json().projects[0].id;
  const f = (await call(w.server, 'GET', '/api/findings?package=left-pad')).json().findings[0];
  suppressBody = { project: pid, finding: f.id, reason: 'hostile' };
});
after(() => w.close());

describe('request gate', () => {
  test('a Host that is not this server (DNS rebinding) is refused, for pages and the API', async () => {
    for (const host of [
      'attacker.invalid',
      `attacker.invalid:${w.server.port}`,
      '127.0.0.1:1',
      `127.0.0.1.attacker.invalid:${w.server.port}`,
    ]) {
      for (const path of ['/', '/api/projects']) {
        const r = await call(w.server, 'GET', path, { headers: { host } });
        assert.equal(r.status, 421, `${host} ${path}`);
        assert.doesNotMatch(r.text, /acme-web/);
      }
    }
    assert.equal((await call(w.server, 'GET', '/api/projects', { headers: { host: `localhost:${w.server.port}` } })).status, 200);
  });

  test('state-changing requests need same origin, the CSRF header and a JSON body; refused ones change nothing', async () => {
    const before = configText();
    const cases: [Record<string, string>, number][] = [
      [{ origin: 'http://attacker.invalid' }, 403],
      [{ origin: 'null' }, 403],
      [{ 'x-vigil-request': '' }, 403],
      [{ 'content-type': 'text/plain' }, 415],
      [{ 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ];
    for (const [headers, status] of cases) {
      const r = await post(w.server, '/api/triage/suppress', suppressBody, headers);
      assert.equal(r.status, status, JSON.stringify(headers));
    }
    assert.equal(configText(), before);
    const getFromElsewhere = await call(w.server, 'GET', '/api/findings', { headers: { origin: 'http://attacker.invalid' } });
    assert.equal(getFromElsewhere.status, 403);
  });

  test('bodies over 16 KiB (declared or streamed) and URLs over 2 KiB are refused', async () => {
    const big = { ...suppressBody, reason: 'x'.repeat(20_000) };
    assert.equal((await post(w.server, '/api/triage/suppress', big)).status, 413);
    assert.equal((await call(w.server, 'GET', `/api/findings?q=${'a'.repeat(3000)}`)).status, 414);
    const long = await post(w.server, '/api/triage/suppress', { ...suppressBody, reason: 'y'.repeat(600) });
    assert.equal(long.status, 400);
    assert.equal(long.json().error.code, 'E_USAGE');
  });

  test('static files are a fixed table: traversal in any spelling is 404', async () => {
    for (const path of [
      '/assets/../package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
      '//etc/passwd',
      '/assets/dashboard.js/../../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/web/src/dashboard.ts',
      '/assets/report.css%00.js',
    ]) {
      const r = await call(w.server, 'GET', path);
      assert.equal(r.status, 404, path);
      assert.doesNotMatch(r.text, /root:|"name": "vigil/);
    }
  });

  test('pages carry a strict Content-Security-Policy and no-sniff; other methods are 405', async () => {
    const page = await call(w.server, 'GET', '/');
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'; script-src 'self'/);
    assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.match(page.text, /<script src="\/assets\/dashboard.js">/);
    const js = await call(w.server, 'GET', '/assets/dashboard.js');
    assert.equal(js.status, 200);
    assert.ok(js.text.length > 1000);
    for (const m of ['PUT', 'DELETE', 'PATCH']) assert.equal((await call(w.server, m, '/api/projects')).status, 405, m);
  });
});

describe('token', () => {
  test('a token is compared in constant time over hashes, and loopback is recognised', () => {
    assert.equal(tokenMatches('a-long-enough-token', 'a-long-enough-token'), true);
    assert.equal(tokenMatches('a-long-enough-token', 'a-long-enough-tokeN'), false);
    assert.equal(tokenMatches('a-long-enough-token', 'short'), false);
    assert.equal(tokenMatches('a-long-enough-token', undefined), false);
    for (const h of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3']) assert.equal(isLoopback(h), true, h);
    for (const h of ['0.0.0.0', '192.0.2.10', '::', 'example.invalid']) assert.equal(isLoopback(h), false, h);
  });

  test('with a token, nothing is served without it; the start-up link trades it for an HttpOnly cookie', async () => {
    const t = await startDashboardWorld({ token: 'correct-horse-battery-staple' });
    try {
      for (const path of ['/', '/api/projects', '/api/events', '/assets/dashboard.js'])
        assert.equal((await call(t.server, 'GET', path)).status, 401, path);
      const wrong = await call(t.server, 'GET', '/api/projects', { headers: { authorization: 'Bearer correct-horse-battery-stapl' } });
      assert.equal(wrong.status, 401);
      const ok = await call(t.server, 'GET', '/api/projects', { headers: { authorization: 'Bearer correct-horse-battery-staple' } });
      assert.equal(ok.status, 200);
      assert.equal((await call(t.server, 'GET', '/?token=nope-nope-nope-nope')).status, 401);
      const link = await call(t.server, 'GET', '/?token=correct-horse-battery-staple');
      assert.equal(link.status, 303);
      assert.equal(link.headers.location, '/');
      const cookie = String(link.headers['set-cookie']);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Strict/);
      const withCookie = await call(t.server, 'GET', '/api/projects', { headers: { cookie: cookie.split(';')[0]! } });
      assert.equal(withCookie.status, 200);
    } finally {
      await t.close();
    }
  });

  test('binding anything but loopback generates a token; a short one is refused', async () => {
    const t = await startDashboardWorld({ host: '0.0.0.0' });
    try {
      assert.equal(t.server.tokenGenerated, true);
      assert.ok((t.server.token ?? '').length >= 40);
      assert.equal((await call(t.server, 'GET', '/api/projects')).status, 401);
      const ok = await call(t.server, 'GET', '/api/projects', { headers: { authorization: `Bearer ${t.server.token}` } });
      assert.equal(ok.status, 200);
    } finally {
      await t.close();
    }
    await assert.rejects(startDashboardWorld({ token: 'short' }), /at least 16 characters/);
  });
});
