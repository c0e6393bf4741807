/**
 * Redirects and DNS, all on 127.0.0.1: every hop is checked against the host policy before it is
 * requested, credentials never reach another origin, the hop count is bounded, and a name is
 * resolved once and connected to only when its addresses pass the check (no rebinding).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { LookupAddress } from 'node:dns';
import { isVigilError } from '../../src/core/errors.js';
import { checkedLookup, type HostTrust } from '../../src/sources/net/checked-lookup.js';
import { guardedFetch } from '../../src/sources/net/guarded-fetch.js';
import { followRedirects } from '../../src/sources/net/redirects.js';
import { DebArchiveClient } from '../../src/sources/debian/archive-client.js';
import { downloadAdvisories } from '../../src/sources/osv/download.js';
import { openStore } from '../../src/store/index.js';
import { postAlert } from '../../src/watch/webhook.js';
import { newVersionAlert } from '../helpers/factories.js';

interface Seen {
  path: string;
  authorization?: string;
}
const servers: Server[] = [];
async function serve(
  route: (req: IncomingMessage) => { status: number; location?: string; body?: string },
): Promise<{ base: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const s = createServer((req, res) => {
    seen.push({ path: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const r = route(req);
    res.writeHead(r.status, r.location ? { location: r.location } : {});
    res.end(r.body ?? '');
  });
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  servers.push(s);
  return { base: `http://127.0.0.1:${(s.address() as { port: number }).port}`, seen };
}
after(async () => {
  for (const s of servers) await new Promise<void>((ok) => s.close(() => ok()));
});

let other: { base: string; seen: Seen[] };
let origin: { base: string; seen: Seen[] };
before(async () => {
  other = await serve(() => ({ status: 200, body: 'other host' }));
  origin = await serve((req) => {
    const to: Record<string, string> = {
      '/same': '/final',
      '/cross': `${other.base}/landed`,
      '/metadata': 'http://169.254.169.254/latest/meta-data/',
      '/elsewhere': 'http://attacker.invalid/x',
      '/loop': '/loop',
      '/ftp': 'ftp://127.0.0.1/x',
    };
    const loc = to[req.url ?? ''];
    return loc ? { status: 302, location: loc } : { status: 200, body: `origin ${req.url}` };
  });
});

const auth = { authorization: 'Bearer s3cret-token' };

test('a redirect on the same host is followed with its credentials', async () => {
  const res = await guardedFetch()(`${origin.base}/same`, { headers: auth });
  assert.equal(await res.text(), 'origin /final');
  assert.equal(origin.seen.at(-1)?.authorization, auth.authorization);
});

test('a redirect to another host is refused before any request, unless that host is allowed', async () => {
  const before = other.seen.length;
  // A loopback address is reachable only as the host that was asked, never through a redirect.
  await assert.rejects(
    guardedFetch({ allowHosts: ['127.0.0.1'] })(`${origin.base}/cross`, { headers: auth }),
    (e: unknown) => isVigilError(e, 'E_UNSUPPORTED') && /redirected to 127\.0\.0\.1:\d+, an address of this machine/.test(e.message),
  );
  await assert.rejects(
    guardedFetch()(`${origin.base}/elsewhere`),
    (e: unknown) => isVigilError(e, 'E_UNSUPPORTED') && /attacker\.invalid, which is not the host that was asked/.test(e.message),
  );
  assert.equal(other.seen.length, before, 'the other host was never asked');
});

test('allowed with --allow-host, a redirect is followed but the token stays with its host', async () => {
  const port = new URL(other.base).port;
  const hop = await serve(() => ({ status: 307, location: `http://other.invalid:${port}/landed` }));
  const resolve = fakeResolver({ 'other.invalid': ['127.0.0.1'] });
  const f = guardedFetch({ allowHosts: ['other.invalid'], resolve });
  // other.invalid is also asked directly (configuration), so its loopback address may be connected to.
  await (await f(`http://other.invalid:${port}/direct`)).text();
  const res = await f(`${hop.base}/start`, { headers: auth });
  assert.equal(await res.text(), 'other host');
  assert.equal(other.seen.at(-1)?.path, '/landed');
  assert.equal(other.seen.at(-1)?.authorization, undefined, 'the token was not sent to another host');
  assert.equal(hop.seen.at(-1)?.authorization, auth.authorization);
});

test('metadata addresses, other schemes and endless redirects are never followed', async () => {
  await assert.rejects(guardedFetch({ allowHosts: ['169.254.169.254'] })(`${origin.base}/metadata`), /cloud environment; not followed/);
  await assert.rejects(guardedFetch()(`${origin.base}/ftp`), /redirect to a ftp: URL/);
  const n = origin.seen.length;
  await assert.rejects(
    guardedFetch()(`${origin.base}/loop`),
    (e: unknown) => isVigilError(e, 'E_NETWORK') && /more than 5 redirects/.test(e.message),
  );
  assert.equal(origin.seen.length - n, 6, 'the first request and five hops, then it stops');
});

test('https never redirects to plain http', async () => {
  const send = async (url: string) =>
    url.startsWith('https:')
      ? { status: 301, headers: new Headers({ location: 'http://mirror.invalid/x' }), body: null }
      : { status: 200, headers: new Headers(), body: null };
  await assert.rejects(
    followRedirects('https://mirror.invalid/x', {}, send, () => {}),
    /from https to plain http/,
  );
});

function fakeResolver(table: Record<string, string[]>) {
  return ((host: string, _o: unknown, cb: (e: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) =>
    cb(
      null,
      (table[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    )) as unknown as Parameters<typeof checkedLookup>[1];
}

test('checked lookup: internal addresses only for configured hosts, private ones also for allowed hosts', async () => {
  const table = { 'rebind.invalid': ['93.184.216.34', '127.0.0.1'], 'corp.invalid': ['10.1.2.3'], 'meta.invalid': ['169.254.169.254'] };
  const look = (host: string, trust: HostTrust) =>
    new Promise<LookupAddress[]>((ok, ko) =>
      checkedLookup(() => trust, fakeResolver(table))(host, { all: true }, (e, a) => (e ? ko(e) : ok(a as LookupAddress[]))),
    );
  await assert.rejects(look('rebind.invalid', 'allowed'), /127\.0\.0\.1: an internal or private address, not connected/);
  await assert.rejects(look('corp.invalid', 'other'), /10\.1\.2\.3/);
  await assert.rejects(look('meta.invalid', 'allowed'), /169\.254\.169\.254/);
  assert.deepEqual(await look('corp.invalid', 'allowed'), [{ address: '10.1.2.3', family: 4 }]);
  assert.deepEqual((await look('rebind.invalid', 'configured')).length, 2);
});

test('DNS rebinding: a name is connected to at the address that was checked, or not at all', async () => {
  const port = new URL(origin.base).port;
  // mirror.invalid is what the caller asked for (configuration): its checked address is where the
  // connection goes, so the request reaches the local server without a second resolution.
  const resolve = fakeResolver({ 'mirror.invalid': ['127.0.0.1'], 'cdn.invalid': ['127.0.0.1'] });
  const ok = await guardedFetch({ resolve })(`http://mirror.invalid:${port}/direct`);
  assert.equal(await ok.text(), 'origin /direct');
  // A redirect to an allowed name that resolves to loopback is refused at connect time.
  const hop = await serve(() => ({ status: 302, location: `http://cdn.invalid:${port}/payload` }));
  const before = origin.seen.length;
  await assert.rejects(guardedFetch({ allowHosts: ['cdn.invalid'], resolve })(`${hop.base}/start`), (e: unknown) =>
    /EVIGILREFUSED|not connected/.test(String((e as { cause?: unknown }).cause ?? e)),
  );
  assert.equal(origin.seen.length, before, 'nothing reached the loopback address');
});

test('the Debian archive and OSV downloads use the same redirect policy as the registry', async () => {
  const hop = await serve((req) => ({
    status: 302,
    location: req.url?.includes('InRelease') ? 'http://attacker.invalid/InRelease' : 'http://169.254.169.254/osv.zip',
  }));
  const store = openStore({ path: ':memory:' });
  try {
    const client = new DebArchiveClient({ store });
    assert.equal(await client.release(hop.base, 'bookworm'), undefined);
    assert.match(client.problems[0]?.message ?? '', /redirected to attacker\.invalid, which is not the host that was asked/);
    assert.equal(client.problems[0]?.code, 'E_UNSUPPORTED');
  } finally {
    store.close();
  }
  await assert.rejects(
    downloadAdvisories(`${hop.base}/osv.zip`),
    (e: unknown) => isVigilError(e, 'E_UNSUPPORTED') && /169\.254\.169\.254, an address of this machine/.test(e.message),
  );
});

test('a webhook that redirects is not followed: the alert and its signature stay with the configured URL', async () => {
  const before = other.seen.length;
  const alert = newVersionAlert();
  await assert.rejects(
    postAlert(alert, { url: `${origin.base}/cross`, secret: 'k', attempts: 1 }),
    (e: unknown) => isVigilError(e, 'E_NETWORK') && /HTTP 302: a redirect, not followed/.test(e.message),
  );
  assert.equal(other.seen.length, before, 'the redirect target was never asked');
});
