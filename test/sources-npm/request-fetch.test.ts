/**
 * The registry client's default fetch (request-fetch.ts) against real servers on 127.0.0.1: what
 * fetch() did for the client is still done — compressed bodies decoded, a redirect handed back,
 * network failures and broken-off bodies in the shape the client's error words read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { createHttpClient } from '../../src/sources/npm/http.js';
import { isVigilError } from '../../src/core/errors.js';

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

const close = (s: { close(cb: () => void): unknown }) => new Promise<void>((r) => s.close(() => r()));

const doc = JSON.stringify({ name: 'zipped', versions: { '1.0.0': { dist: { tarball: 'x' } } }, pad: 'x'.repeat(100_000) });

test('asks for gzip and hands on the decoded body (gzip, x-gzip, br, stacked); an unknown coding comes as it was sent', async () => {
  const seen: IncomingHttpHeaders[] = [];
  const bodies: Record<string, [string, Buffer]> = {
    '/gzip': ['gzip', gzipSync(doc)],
    '/x-gzip': ['x-gzip', gzipSync(doc)],
    '/br': ['br', brotliCompressSync(doc)],
    '/stacked': ['gzip, br', brotliCompressSync(gzipSync(doc))],
    '/odd': ['compress', Buffer.from('as sent')],
  };
  const { url, server } = await serve((req, res) => {
    seen.push(req.headers);
    const [coding, body] = bodies[req.url ?? ''] ?? ['identity', Buffer.from(doc)];
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding, 'content-length': body.length });
    res.end(body);
  });
  const c = createHttpClient();
  try {
    for (const path of ['gzip', 'x-gzip', 'br', 'stacked']) {
      const r = await c.request({ url: `${url}${path}` });
      assert.equal(r.body.toString(), doc, path);
    }
    assert.equal((await c.request({ url: `${url}odd` })).body.toString(), 'as sent');
    assert.equal(seen[0]?.['accept-encoding'], 'gzip');
    const own = await c.request({ url: `${url}plain`, headers: { 'accept-encoding': 'identity' } });
    assert.equal(own.body.toString(), doc);
    assert.equal(seen.at(-1)?.['accept-encoding'], 'identity');
  } finally {
    await c.close();
    await close(server);
  }
});

test('a compressed body that is damaged, or that inflates past the cap, fails like any broken body', async () => {
  const good = gzipSync(doc);
  const { url, server } = await serve((req, res) => {
    const body = req.url === '/damaged' ? Buffer.concat([good.subarray(0, 40), Buffer.alloc(200, 0xff)]) : good;
    res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': body.length });
    res.end(body);
  });
  const c = createHttpClient({ retries: 0 });
  try {
    await assert.rejects(c.request({ url: `${url}damaged`, subject: 'd' }), (e: unknown) => isVigilError(e, 'E_NETWORK'));
    // The cap counts decoded bytes: 100 kB of JSON from a 400-byte download is over a 10 kB cap.
    await assert.rejects(c.request({ url: `${url}big`, subject: 'b', maxBytes: 10_000 }), (e: unknown) =>
      isVigilError(e, 'E_REGISTRY_BODY'),
    );
  } finally {
    await c.close();
    await close(server);
  }
});

test('error statuses keep their reason phrase; a 304 and a redirect are handed back, their bodies left unread', async () => {
  const { url, server } = await serve((req, res) => {
    if (req.url === '/gone') return void res.writeHead(410, 'Gone Away').end('nope');
    if (req.url === '/same') return void res.writeHead(304, { etag: '"a"' }).end();
    if (req.url === '/moved') return void res.writeHead(302, { location: '/here' }).end('moved');
    res.writeHead(200, { etag: '"b"' }).end('here');
  });
  const c = createHttpClient({ retries: 0 });
  try {
    await assert.rejects(
      c.request({ url: `${url}gone`, subject: 'g' }),
      (e: unknown) => e instanceof Error && /HTTP 410 Gone Away/.test(e.message),
    );
    const same = await c.request({ url: `${url}same`, etag: '"a"' });
    assert.equal(same.notModified, true);
    const moved = await c.request({ url: `${url}moved` });
    assert.equal(moved.body.toString(), 'here');
    assert.equal(moved.etag, '"b"');
  } finally {
    await c.close();
    await close(server);
  }
});

test('a refused connection and a body cut off midway are E_NETWORK naming the system error', async () => {
  // A port that was listening and no longer is: the connection is refused.
  const gone = createTcpServer();
  await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
  const port = (gone.address() as AddressInfo).port;
  await close(gone);
  const { url, server } = await serve((_req, res) => {
    res.writeHead(200, { 'content-length': 100_000 });
    res.write(Buffer.alloc(1000));
    setTimeout(() => res.socket?.destroy(), 20);
  });
  const c = createHttpClient({ retries: 0 });
  try {
    await assert.rejects(
      c.request({ url: `http://127.0.0.1:${port}/x`, subject: 'x' }),
      (e: unknown) => isVigilError(e, 'E_NETWORK') && /ECONNREFUSED/.test(e.message),
    );
    await assert.rejects(
      c.request({ url: `${url}cut`, subject: 'cut' }),
      (e: unknown) => isVigilError(e, 'E_NETWORK') && /UND_ERR_SOCKET/.test(e.message),
    );
  } finally {
    await c.close();
    await close(server);
  }
});
