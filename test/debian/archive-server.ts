/**
 * A local Debian archive for tests: serves test/fixtures/debian/archive-mini on 127.0.0.1 with
 * ETag / Last-Modified and 304 answers; `tamper` paths get one byte flipped, `missing` paths 404.
 */
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';

export interface ArchiveServer {
  url: string;
  requests: { path: string; conditional: boolean; status: number }[];
  tamper: Set<string>;
  missing: Set<string>;
  close(): Promise<void>;
}

export const ARCHIVE_FIXTURE = new URL('../fixtures/debian/archive-mini/', import.meta.url).pathname;
const LAST_MODIFIED = 'Sat, 10 Jan 2026 10:00:00 GMT';

export async function startArchiveServer(root = ARCHIVE_FIXTURE): Promise<ArchiveServer> {
  const state = { requests: [] as ArchiveServer['requests'], tamper: new Set<string>(), missing: new Set<string>() };
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!));
    const conditional = !!(req.headers['if-none-match'] || req.headers['if-modified-since']);
    const answer = (status: number, body?: Buffer, headers: Record<string, string> = {}) => {
      state.requests.push({ path, conditional, status });
      res.writeHead(status, headers);
      res.end(body);
    };
    let body: Buffer;
    try {
      if (path.includes('..') || state.missing.has(path)) return answer(404);
      body = readFileSync(join(root, path));
    } catch {
      return answer(404);
    }
    if (state.tamper.has(path)) {
      body = Buffer.from(body);
      body[body.length - 1] = body[body.length - 1]! ^ 0xff;
    }
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) return answer(304, undefined, { etag });
    answer(200, body, { etag, 'last-modified': LAST_MODIFIED, 'content-length': String(body.length) });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    ...state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
