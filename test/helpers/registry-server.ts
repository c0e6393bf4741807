/**
 * A local npm registry for tests: an HTTP server on 127.0.0.1 (random port) that replays recorded
 * packuments and tarballs, counts requests, and misbehaves on demand. Never touches the network.
 *
 *   const reg = await startRegistryServer({ fixtures: 'test/fixtures/npm-registry/full-metadata' });
 *   reg.url                                   // 'http://127.0.0.1:PORT/' (ends in '/'; + basePath)
 *   reg.addPackument(name, doc)               // serve a packument (object or raw string)
 *   reg.addTarball(name, version, bytes)      // serve a tarball
 *   reg.misbehave(path, how)                  // see Misbehaviour; path from packumentPath()/tarballPath()
 *   reg.count(path?)                          // requests seen (for one path, or all)
 *   reg.requests                              // every request: method, path (decoded), headers
 *   reg.reset()                               // forget counts, requests and misbehaviours
 *   await reg.close()
 *
 * Fixture folder layout: `packuments/<name>.json` and `tarballs/<name>-<version>.tgz`, with the `/`
 * of a scoped name written as `+` (`@types+node.json`). `{{registry}}` inside packuments is replaced
 * by the server's URL, so `dist.tarball` points here. Packuments carry an ETag (sha1 of the body)
 * and a fixed Last-Modified; a matching If-None-Match or If-Modified-Since gets 304.
 * Scoped packuments are requested as `/@scope%2fname`; paths are recorded decoded (`/@scope/name`).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Misbehaviour =
  /** Answer with this status (404, 500, 503...) for the next `times` requests (default: always), then normally. */
  | { kind: 'status'; status: number; times?: number }
  /** 429 (or `status`) with `Retry-After: seconds` for the next `times` requests (default 1). */
  | { kind: 'retry-after'; seconds: number; status?: number; times?: number }
  /** 200 with an HTML page (a login page / proxy error) instead of JSON. */
  | { kind: 'html' }
  /** 200 with a truncated JSON body. */
  | { kind: 'invalid-json' }
  /** 200, then one byte every `intervalMs` (default 200) and never finishes. */
  | { kind: 'slow-drip'; intervalMs?: number }
  /** Tarball with different bytes (a valid gzip) than the packument's integrity says. */
  | { kind: 'wrong-bytes' }
  /** Tarball bytes that are not gzip at all. */
  | { kind: 'not-gzip' }
  /** 302 to `location` (another server, to test that credentials do not follow). */
  | { kind: 'redirect'; location: string };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface RegistryServer {
  url: string;
  addPackument(name: string, doc: object | string): void;
  addTarball(name: string, version: string, bytes: Buffer): void;
  misbehave(path: string, how: Misbehaviour): void;
  count(path?: string): number;
  readonly requests: RecordedRequest[];
  reset(): void;
  close(): Promise<void>;
}

export interface RegistryServerOptions {
  /** Folder with packuments/ and tarballs/ (see above). */
  fixtures?: string;
  /** Serve under a path (`npm/` → `http://127.0.0.1:PORT/npm/`). */
  basePath?: string;
}

export function packumentPath(name: string): string {
  return `/${name}`;
}

export function tarballPath(name: string, version: string): string {
  const base = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
  return `/${name}/-/${base}-${version}.tgz`;
}

const LAST_MODIFIED = 'Wed, 01 Jan 2020 00:00:00 GMT';

export async function startRegistryServer(opts: RegistryServerOptions = {}): Promise<RegistryServer> {
  const base = opts.basePath ? `/${opts.basePath.replace(/^\/|\/$/g, '')}` : '';
  const packuments = new Map<string, string>();
  const tarballs = new Map<string, Buffer>();
  const faults = new Map<string, { how: Misbehaviour; left: number }>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let url = '';

  const server = createServer((req, res) => {
    const raw = (req.url ?? '/').split('?')[0] as string;
    let path = safeDecode(raw);
    if (base && path.startsWith(base)) path = path.slice(base.length) || '/';
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const fault = faults.get(path);
    if (fault && fault.left > 0) {
      fault.left--;
      if (misbehave(res, fault.how, path)) return;
    }
    const tgz = tarballKey(path);
    if (tgz) {
      const body = tarballs.get(tgz);
      if (!body) return send(res, 404, 'application/json', '{"error":"not found"}');
      return send(res, 200, 'application/octet-stream', body);
    }
    const doc = packuments.get(path.slice(1));
    if (doc === undefined) return send(res, 404, 'application/json', '{"error":"Not found"}');
    const body = doc.replaceAll('{{registry}}', url);
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    // RFC 9110 §13.2.2: If-None-Match, when present, decides; If-Modified-Since only without it.
    const inm = req.headers['if-none-match'];
    if (inm !== undefined ? inm === etag : req.headers['if-modified-since'] === LAST_MODIFIED) {
      res.writeHead(304, { etag, 'last-modified': LAST_MODIFIED });
      return res.end();
    }
    send(res, 200, 'application/json', body, { etag, 'last-modified': LAST_MODIFIED });
  });

  function misbehave(res: ServerResponse, how: Misbehaviour, path: string): boolean {
    switch (how.kind) {
      case 'status':
        send(res, how.status, 'text/plain', `status ${how.status}`);
        return true;
      case 'retry-after':
        send(res, how.status ?? 429, 'text/plain', 'slow down', { 'retry-after': String(how.seconds) });
        return true;
      case 'html':
        send(res, 200, 'text/html', '<!DOCTYPE html><html><body><h1>Sign in</h1></body></html>');
        return true;
      case 'invalid-json':
        send(res, 200, 'application/json', '{"name":"x","versions":{"1.0.0":{"name":');
        return true;
      case 'slow-drip': {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{');
        const t = setInterval(() => res.write(' '), how.intervalMs ?? 200);
        timers.add(t);
        res.on('close', () => {
          clearInterval(t);
          timers.delete(t);
        });
        return true;
      }
      case 'wrong-bytes': {
        const tgz = tarballKey(path);
        const real = tgz ? tarballs.get(tgz) : undefined;
        // Same gzip header, different payload: passes a gzip sniff, fails the integrity check.
        const fake = Buffer.from(real ?? Buffer.from([0x1f, 0x8b, 8, 0]));
        fake[fake.length - 1] = (fake[fake.length - 1] as number) ^ 0xff;
        send(res, 200, 'application/octet-stream', fake);
        return true;
      }
      case 'redirect':
        res.writeHead(302, { location: how.location, 'content-length': '0' });
        res.end();
        return true;
      case 'not-gzip':
        send(res, 200, 'application/octet-stream', Buffer.from('PK\u0003\u0004 this is not a gzip stream'));
        return true;
    }
  }

  // Idle keep-alive sockets are never closed by the server (close() destroys them): a server-side
  // keep-alive timeout races the client reusing the socket, and on a loaded machine the reuse
  // loses (ECONNRESET; a tarball went missing and the event-stream story test failed).
  server.keepAliveTimeout = 0;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${base}/`;

  const api: RegistryServer = {
    url,
    addPackument(name, doc) {
      packuments.set(name, typeof doc === 'string' ? doc : JSON.stringify(doc));
    },
    addTarball(name, version, bytes) {
      tarballs.set(`${name}@${version}`, bytes);
    },
    misbehave(path, how) {
      const times = 'times' in how && how.times !== undefined ? how.times : how.kind === 'retry-after' ? 1 : Infinity;
      faults.set(path, { how, left: times });
    },
    count(path) {
      return path === undefined ? requests.length : requests.filter((r) => r.path === path).length;
    },
    requests,
    reset() {
      requests.length = 0;
      faults.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  if (opts.fixtures) loadFixtures(opts.fixtures, api);
  return api;
}

function loadFixtures(dir: string, api: RegistryServer): void {
  const pdir = join(dir, 'packuments');
  const tdir = join(dir, 'tarballs');
  const names: string[] = [];
  if (existsSync(pdir)) {
    for (const f of readdirSync(pdir)) {
      if (!f.endsWith('.json')) continue;
      const name = f.slice(0, -5).replace('+', '/');
      names.push(name);
      api.addPackument(name, readFileSync(join(pdir, f), 'utf8'));
    }
  }
  if (existsSync(tdir)) {
    for (const f of readdirSync(tdir)) {
      if (!f.endsWith('.tgz')) continue;
      const stem = f.slice(0, -4);
      // The longest known package name the file starts with; the rest is the version.
      const file = stem.replace('+', '/');
      const name = names.filter((n) => file.startsWith(`${n}-`)).sort((a, b) => b.length - a.length)[0];
      if (name) api.addTarball(name, file.slice(name.length + 1), readFileSync(join(tdir, f)));
    }
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

/** `/@s/n/-/n-1.0.0-beta.1.tgz` → `@s/n@1.0.0-beta.1`. */
function tarballKey(path: string): string | undefined {
  const m = /^\/(.+)\/-\/([^/]+)\.tgz$/.exec(path);
  if (!m?.[1] || !m[2]) return undefined;
  const base = m[1].slice(m[1].lastIndexOf('/') + 1);
  return m[2].startsWith(`${base}-`) ? `${m[1]}@${m[2].slice(base.length + 1)}` : undefined;
}

function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}
