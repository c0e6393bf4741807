/**
 * The npm registry path, on 127.0.0.1: a registry redirect is checked like a lockfile URL (only a
 * configured registry or an --allow-host host, never an internal address) before it is requested,
 * and the registry token is never sent to another origin.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { isVigilError } from '../../src/core/errors.js';
import { createNpmClient } from '../../src/sources/npm/client.js';
import { createHttpClient } from '../../src/sources/npm/http.js';
import { openStore } from '../../src/store/index.js';
import { configFor } from '../sources-npm/helpers.js';

const servers: Server[] = [];
const seen: { port: number; path: string; authorization?: string }[] = [];
async function serve(route: (path: string) => string | undefined): Promise<string> {
  const s = createServer((req, res) => {
    const port = (s.address() as { port: number }).port;
    seen.push({ port, path: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const to = route(req.url ?? '');
    res.writeHead(to ? 302 : 200, to ? { location: to } : { 'content-type': 'application/json' });
    res.end(to ? '' : JSON.stringify({ name: 'x', versions: {} }));
  });
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  servers.push(s);
  return `http://127.0.0.1:${(s.address() as { port: number }).port}`;
}

let other: string;
let registry: string;
before(async () => {
  other = await serve(() => undefined);
  registry = await serve((p) => (p === '/elsewhere' ? 'http://attacker.invalid/x' : p === '/local' ? `${other}/x` : undefined));
});
after(async () => {
  for (const s of servers) await new Promise<void>((ok) => s.close(() => ok()));
});

test('a registry redirect to another host is checked like a lockfile URL before it is requested', async () => {
  const store = openStore({ path: ':memory:' });
  const c = createNpmClient({ config: configFor(`${registry}/`), store, http: { retries: 0 } });
  try {
    const n = seen.length;
    for (const [name, why] of [
      ['elsewhere', /attacker\.invalid, which is not a configured registry/],
      ['local', /127\.0\.0\.1:\d+, an address of this machine/],
    ] as const) {
      await assert.rejects(c.getPackument(name), (e: unknown) => isVigilError(e, 'E_UNSUPPORTED') && why.test(e.message));
    }
    assert.deepEqual(
      seen.slice(n).map((s) => s.port),
      [Number(new URL(registry).port), Number(new URL(registry).port)],
      'only the registry was asked',
    );
  } finally {
    await c.close();
    store.close();
  }
});

test('http client: the token follows a redirect on its own origin only', async () => {
  const http = createHttpClient({ retries: 0, checkRedirect: () => {} });
  try {
    const n = seen.length;
    await http.request({ url: `${registry}/local`, headers: { authorization: 'Bearer s3cret' } });
    const [first, second] = seen.slice(n);
    assert.equal(first?.authorization, 'Bearer s3cret');
    assert.equal(second?.port, Number(new URL(other).port));
    assert.equal(second?.authorization, undefined, 'no token sent to the other origin');
  } finally {
    await http.close();
  }
});
