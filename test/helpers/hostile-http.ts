/**
 * A one-handler HTTP server on 127.0.0.1 for hostile-network tests, plus the usual misbehaviours:
 * a body that drips one byte at a time, and a body far larger than it should be, sent without a
 * Content-Length (so only a streamed cap can stop it). `close()` also ends dripping responses.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface HostileServer {
  base: string;
  /** Paths asked, in order. */
  seen: string[];
  close(): Promise<void>;
}

export async function serveHostile(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<HostileServer> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    handle(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** 200, then one byte every `intervalMs`, never finishing. */
export function drip(res: ServerResponse, intervalMs = 50): void {
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  res.write('-');
  const t = setInterval(() => res.write('-'), intervalMs);
  res.on('close', () => clearInterval(t));
}

/** `head`, then zeros up to `total` bytes in 64 KiB writes with backpressure, with no Content-Length. */
export function flood(res: ServerResponse, head: Buffer, total: number): void {
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  res.write(head);
  let sent = head.length;
  const chunk = Buffer.alloc(64 * 1024);
  const more = (): void => {
    while (sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', more);
    }
    res.end();
  };
  res.on('error', () => {});
  more();
}
