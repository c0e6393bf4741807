/**
 * A forward proxy on 127.0.0.1 for tests: plain-HTTP requests in absolute form and CONNECT tunnels.
 * Names are resolved by the proxy through `hosts` (so a `.invalid` host reaches a local server only
 * through the proxy); every request it sees is recorded as `METHOD target`.
 */
import { createServer, request as httpRequest } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface TestProxy {
  url: string;
  seen: string[];
  close(): Promise<void>;
}

export async function startProxy(hosts: Record<string, string> = {}): Promise<TestProxy> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  /** `name[:port]` to where the proxy connects: a mapped name's own port is replaced by the mapping's. */
  const mapHost = (hostPort: string): string => hosts[hostPort.replace(/:\d+$/, '')] ?? hostPort;
  const proxy = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url as string);
    target.host = mapHost(target.host);
    const up = httpRequest(target, { method: req.method, headers: req.headers }, (u) => {
      res.writeHead(u.statusCode ?? 502, u.headers);
      u.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  proxy.on('connect', (req, client: Socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = mapHost(req.url as string).split(':');
    const up = connect(Number(port || 80), host as string, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    sockets.add(up).add(client);
    up.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('error', () => up.destroy());
  });
  proxy.on('connection', (s) => sockets.add(s));
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    seen,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => proxy.close(() => r()));
    },
  };
}
