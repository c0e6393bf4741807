import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { createHttpClient, type FetchLike, type FetchResponse } from '../../src/sources/npm/http.js';
import { backoffDelay, parseRetryAfter, RETRIABLE_STATUSES } from '../../src/sources/npm/retry.js';
import { Semaphore } from '../../src/core/semaphore.js';
import { RegistryHttpError } from '../../src/sources/npm/http-errors.js';
import { isVigilError } from '../../src/core/errors.js';
import { startRegistryServer } from '../helpers/registry-server.js';

function fakeResponse(status: number, body = '', headers: Record<string, string> = {}): FetchResponse {
  const chunks = body ? [new TextEncoder().encode(body)] : [];
  return {
    status,
    headers: { get: (n: string) => headers[n.toLowerCase()] ?? null },
    body: {
      getReader: () => ({
        read: async () => (chunks.length ? { done: false, value: chunks.shift() } : { done: true }),
        cancel: async () => {},
      }),
    },
  };
}

describe('retry policy', () => {
  test('the retriable set is exactly 408, 429, 500, 502, 503, 504', () => {
    assert.deepEqual([...RETRIABLE_STATUSES].sort(), [408, 429, 500, 502, 503, 504]);
  });
  test('backoff grows exponentially with jitter, capped', () => {
    const o = { baseMs: 100, maxMs: 1000 };
    assert.equal(
      backoffDelay(0, o, () => 0),
      50,
    );
    assert.equal(
      backoffDelay(0, o, () => 1),
      100,
    );
    assert.equal(
      backoffDelay(3, o, () => 1),
      800,
    );
    assert.equal(
      backoffDelay(10, o, () => 1),
      1000,
    );
  });
  test('Retry-After in seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4000), 6000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });
});

describe('http client with an injected fetch', () => {
  test('only retriable statuses are retried', async () => {
    for (const [status, expectedCalls] of [
      [404, 1],
      [401, 1],
      [400, 1],
      [501, 1],
      [408, 3],
      [502, 3],
      [504, 3],
    ] as const) {
      let calls = 0;
      const fetch: FetchLike = async () => {
        calls++;
        return fakeResponse(status);
      };
      const c = createHttpClient({ fetch, retries: 2, backoff: { baseMs: 1, maxMs: 2 } });
      await assert.rejects(
        c.request({ url: 'http://127.0.0.1/x', subject: 'x' }),
        (e: unknown) => e instanceof RegistryHttpError && e.status === status,
      );
      assert.equal(calls, expectedCalls, `status ${status}`);
    }
  });

  test('network errors are retried, then E_NETWORK', async () => {
    let calls = 0;
    const fetch: FetchLike = async () => {
      calls++;
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET', message: 'socket hang up' } });
    };
    const c = createHttpClient({ fetch, retries: 1, backoff: { baseMs: 1, maxMs: 2 } });
    await assert.rejects(
      c.request({ url: 'http://127.0.0.1/y', subject: 'y' }),
      (e: unknown) => isVigilError(e, 'E_NETWORK') && /ECONNRESET/.test(e.message) && e.message.includes('http://127.0.0.1/y'),
    );
    assert.equal(calls, 2);
  });

  test('concurrency is bounded', async () => {
    let inFlight = 0;
    let peak = 0;
    const gates: (() => void)[] = [];
    const fetch: FetchLike = async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise<void>((r) => gates.push(r));
      inFlight--;
      return fakeResponse(200, 'ok');
    };
    const c = createHttpClient({ fetch, concurrency: 2 });
    const all = Promise.all(Array.from({ length: 6 }, (_, i) => c.request({ url: `http://127.0.0.1/${i}` })));
    const settle = async () => {
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    };
    let released = 0;
    while (released < 6) {
      await settle();
      assert.ok(gates.length <= 2, `${gates.length} requests in flight`);
      const g = gates.shift();
      assert.ok(g, 'a request should be waiting');
      g();
      released++;
    }
    const res = await all;
    assert.equal(res.length, 6);
    assert.equal(peak, 2);
  });

  test('sends conditional headers and reports 304', async () => {
    let seen: Record<string, string> = {};
    const fetch: FetchLike = async (_u, init) => {
      seen = init.headers;
      return fakeResponse(304, '', { etag: '"e"' });
    };
    const c = createHttpClient({ fetch });
    const r = await c.request({ url: 'http://127.0.0.1/z', etag: '"e"', lastModified: 'Wed, 01 Jan 2020 00:00:00 GMT' });
    assert.equal(r.notModified, true);
    assert.equal(seen['if-none-match'], '"e"');
    assert.equal(seen['if-modified-since'], 'Wed, 01 Jan 2020 00:00:00 GMT');
  });

  test('a body over the size cap is E_REGISTRY_BODY', async () => {
    const c = createHttpClient({ fetch: async () => fakeResponse(200, 'x'.repeat(100)) });
    await assert.rejects(
      c.request({ url: 'http://127.0.0.1/big', subject: 'big', maxBytes: 10 }),
      (e: unknown) => isVigilError(e, 'E_REGISTRY_BODY') && e.subject === 'big',
    );
  });
});

describe('semaphore', () => {
  test('release hands the slot to the next waiter; double release is harmless', async () => {
    const s = new Semaphore(1);
    const r1 = await s.acquire();
    let got2 = false;
    const p2 = s.acquire().then((r) => {
      got2 = true;
      return r;
    });
    await new Promise((r) => setImmediate(r));
    assert.equal(got2, false);
    r1();
    r1();
    const r2 = await p2;
    assert.equal(got2, true);
    r2();
    const r3 = await s.acquire();
    r3();
  });
});

describe('default fetch through a proxy', () => {
  test('HTTP_PROXY from the config routes requests through the proxy', async () => {
    const reg = await startRegistryServer();
    reg.addPackument('proxied', { name: 'proxied', versions: {} });
    const seen: string[] = [];
    const sockets = new Set<Socket>();
    const proxy = createServer((req, res) => {
      // Absolute-form request (plain HTTP proxying).
      seen.push(`${req.method} ${req.url}`);
      const up = httpRequest(req.url as string, { method: req.method, headers: req.headers }, (u) => {
        res.writeHead(u.statusCode ?? 502, u.headers);
        u.pipe(res);
      });
      req.pipe(up);
    });
    proxy.on('connect', (req, client: Socket, head) => {
      seen.push(`CONNECT ${req.url}`);
      const [host, port] = (req.url as string).split(':');
      const up = connect(Number(port), host as string, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        up.write(head);
        up.pipe(client);
        client.pipe(up);
      });
      sockets.add(up).add(client);
      up.on('error', () => client.destroy());
      client.on('error', () => up.destroy());
    });
    proxy.on('connection', (s) => sockets.add(s));
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

    const c = createHttpClient({
      proxy: { http: { value: proxyUrl, source: 'env HTTP_PROXY' }, https: { value: proxyUrl, source: 'env HTTPS_PROXY' } },
    });
    const r = await c.request({ url: `${reg.url}proxied` });
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.body.toString()).name, 'proxied');
    const target = new URL(reg.url).host;
    assert.ok(
      seen.some((s) => s.includes(target)),
      `proxy saw: ${seen.join(', ')}`,
    );
    assert.equal(reg.count('/proxied'), 1);
    await c.close();
    for (const s of sockets) s.destroy();
    await new Promise((r) => proxy.close(r));
    await reg.close();
  });

  test('NO_PROXY bypasses the proxy', async () => {
    const reg = await startRegistryServer();
    reg.addPackument('direct', { name: 'direct', versions: {} });
    const c = createHttpClient({
      proxy: { http: { value: 'http://127.0.0.1:9', source: 't' }, noProxy: { value: '127.0.0.1', source: 't' } },
    });
    const r = await c.request({ url: `${reg.url}direct` });
    assert.equal(r.status, 200);
    await c.close();
    await reg.close();
  });
});
