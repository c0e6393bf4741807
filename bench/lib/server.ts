/** Local registry on 127.0.0.1 serving the mirrored packuments (tarball URLs rewritten) and tarballs. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileSafe } from './mirror.js';

export interface LocalRegistryOptions {
  /**
   * Packages whose packuments are rewritten before the server answers anything. A registry serves
   * packuments it already holds; this one rewrites each tarball URL on first request, which cost
   * ~4 s of CPU over a fixture's packuments, on the bench's own two cores, during the first timed
   * scan only (`npm ci` asks for no packuments, and later rounds hit the cache): every round now
   * measures the same server.
   */
  prepare?: readonly string[];
  /**
   * Each answer starts this long after its request (a registry over the internet: tens of ms per
   * round trip), so that what a scan does while it waits for the registry is measured too.
   */
  latencyMs?: number;
}

export async function startLocalRegistry(
  dir: string,
  opts: LocalRegistryOptions = {},
): Promise<{ url: string; server: Server; requests: () => number }> {
  let count = 0;
  const cache = new Map<string, Buffer>();
  let base = '';
  const packument = (path: string): Buffer | undefined => {
    let body = cache.get(path);
    if (body) return body;
    const f = join(dir, 'packuments', `${fileSafe(path)}.json`);
    if (!existsSync(f)) return undefined;
    // Point every dist.tarball at this server with a string rewrite: no JSON parse of huge documents.
    const text = readFileSync(f, 'utf8').replace(
      /"tarball":\s*"[^"]*?\/([^"/]+)\/-\/([^"/]+\.tgz)"/g,
      (_m, _n, file) => `"tarball":"${base}${path}/-/${file}"`,
    );
    body = Buffer.from(text);
    cache.set(path, body);
    return body;
  };
  const server = createServer((req, res) => {
    if (opts.latencyMs) setTimeout(() => answer(req, res), opts.latencyMs);
    else answer(req, res);
  });
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    count++;
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!).replace(/^\//, '');
    const tgz = /^(.+)\/-\/(.+)\.tgz$/.exec(path);
    if (tgz) {
      const name = tgz[1]!;
      const version = tgz[2]!.slice(tgz[2]!.lastIndexOf('-', tgz[2]!.length) + 1);
      const bare = name.includes('/') ? name.split('/')[1]! : name;
      const ver = tgz[2]!.startsWith(`${bare}-`) ? tgz[2]!.slice(bare.length + 1) : version;
      const f = join(dir, 'tarballs', `${fileSafe(name)}-${ver}.tgz`);
      if (!existsSync(f)) return void res.writeHead(404).end();
      // With its length, as registries serve tarballs (the client sizes its buffer and its memory budget from it).
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': statSync(f).size });
      return void createReadStream(f).pipe(res);
    }
    const body = packument(path);
    if (!body) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  };
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  base = `http://127.0.0.1:${port}/`;
  for (const name of new Set(opts.prepare ?? [])) packument(name);
  return { url: base, server, requests: () => count };
}
