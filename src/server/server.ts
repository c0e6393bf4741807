/**
 * `vigil serve`'s HTTP server over the store. Every request passes the same gate, in order: URL
 * length, Host (DNS rebinding), Origin, token (when one is set), method, CSRF header and JSON body
 * for state-changing requests, body size. Then a static page/asset, the SSE stream or an API route.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { userInfo } from 'node:os';
import { VigilError } from '../core/errors.js';
import type { RuleInfo } from '../core/rule.js';
import type { Store } from '../store/types.js';
import type { JobQueue } from '../jobs/queue.js';
import { readJsonBody } from './body.js';
import { EventFeed } from './events.js';
import { baseHeaders, sendError, sendFailure } from './respond.js';
import { FLEET_ROUTES } from './fleet-routes.js';
import { ROUTES, type Route } from './routes.js';
import {
  allowedHosts,
  bearer,
  cookieValue,
  CSRF_HEADER,
  generateToken,
  hostAllowed,
  isLoopback,
  originAllowed,
  TOKEN_COOKIE,
  tokenMatches,
} from './security.js';
import { staticFile } from './static.js';

export const MAX_URL = 2048;

const API: readonly Route[] = [...ROUTES, ...FLEET_ROUTES];

export interface ServeOptions {
  store: Store;
  /** The job queue, when the store is PostgreSQL (the fleet page's jobs and dead letter). */
  jobs?: JobQueue;
  /** Interface to bind (default 127.0.0.1). Anything but loopback requires a token. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** Required off loopback; generated when absent there. */
  token?: string;
  /** Extra names the Host header may carry (a reverse proxy's name). */
  hostNames?: string[];
  rules: () => Promise<RuleInfo[]>;
  version: string;
  /** How often the store is checked for new alerts while a page listens (ms). */
  pollMs?: number;
  /** Unexpected errors (bugs): the CLI prints them. */
  onBug(e: unknown): void;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  /** The token, when one is required (shown once to the user by the CLI, never logged). */
  token?: string;
  /** True when the token was generated here. */
  tokenGenerated: boolean;
  close(): Promise<void>;
}

function defaultUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const host = o.host ?? '127.0.0.1';
  let token = o.token;
  if (token !== undefined && token.length < 16) throw new VigilError('E_USAGE', 'the token must be at least 16 characters long');
  const tokenGenerated = token === undefined && !isLoopback(host);
  if (tokenGenerated) token = generateToken();
  const feed = new EventFeed(o.store, o.pollMs ?? 1000, o.onBug);
  const user = defaultUser();
  let allowed = new Set<string>();

  const authorized = (req: IncomingMessage): boolean =>
    token === undefined ||
    tokenMatches(token, bearer(req.headers.authorization)) ||
    tokenMatches(token, cookieValue(req.headers.cookie, TOKEN_COOKIE));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    baseHeaders(res);
    const rawUrl = req.url ?? '/';
    if (rawUrl.length > MAX_URL) return sendError(res, 414, 'E_REQUEST_TOO_LARGE', `the URL is longer than ${MAX_URL} characters`);
    if (!hostAllowed(req.headers.host, allowed))
      return sendError(res, 421, 'E_HOST', 'this server does not answer to that Host name', 'open it as http://127.0.0.1:PORT/');
    const origin = req.headers.origin;
    if (!originAllowed(origin, allowed)) return sendError(res, 403, 'E_ORIGIN', 'requests from other origins are refused');
    let url: URL;
    try {
      url = new URL(rawUrl, 'http://vigil.invalid');
    } catch {
      return sendError(res, 400, 'E_USAGE', 'malformed URL');
    }
    const method = req.method ?? 'GET';
    // The link shown at start-up: trade the token in the URL for a cookie, then drop it from the address bar.
    if (token !== undefined && method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      if (!tokenMatches(token, url.searchParams.get('token') ?? '')) return sendError(res, 401, 'E_AUTH', 'wrong token');
      res.writeHead(303, { Location: '/', 'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` });
      return void res.end();
    }
    if (!authorized(req))
      return sendError(res, 401, 'E_AUTH', 'a token is required', 'open the link vigil serve printed, or send Authorization: Bearer TOKEN');
    if (method === 'POST') {
      if (req.headers[CSRF_HEADER] !== '1')
        return sendError(res, 403, 'E_CSRF', `state-changing requests need the header ${CSRF_HEADER}: 1`);
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
        return sendError(res, 415, 'E_USAGE', 'state-changing requests take Content-Type: application/json');
    } else if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD, POST');
      return sendError(res, 405, 'E_METHOD', `${method} is not supported`);
    }
    const path = url.pathname;
    if (!path.startsWith('/api/')) {
      const file = method === 'POST' ? undefined : staticFile(path);
      if (!file) return sendError(res, 404, 'E_NOT_FOUND', 'not found');
      res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': Buffer.byteLength(file.body) });
      return void res.end(method === 'HEAD' ? undefined : file.body);
    }
    if (path === '/api/events' && method === 'GET') {
      if (!feed.add(res)) sendError(res, 503, 'E_BUSY', 'too many pages are listening for events');
      return;
    }
    const wanted = method === 'POST' ? 'POST' : 'GET';
    let match: RegExpExecArray | null = null;
    const route = API.find((r) => (match = r.method === wanted ? r.path.exec(path) : null) !== null);
    if (!route || !match) return sendError(res, 404, 'E_NOT_FOUND', `no API endpoint ${method} ${path}`);
    const params = (match as RegExpExecArray).slice(1);
    const body = method === 'POST' ? await readJsonBody(req) : undefined;
    const out = await route.handle({
      store: o.store,
      ...(o.jobs ? { jobs: o.jobs } : {}),
      rules: o.rules,
      params,
      query: url.searchParams,
      body,
      defaultUser: user,
      version: o.version,
    });
    const text = JSON.stringify(out);
    res.writeHead(method === 'POST' ? 201 : 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(method === 'HEAD' ? undefined : text);
  }

  const server: Server = createServer({ maxHeaderSize: 16 * 1024, requestTimeout: 30_000, headersTimeout: 10_000 }, (req, res) => {
    handle(req, res).catch((e: unknown) => sendFailure(res, e, o.onBug));
  });
  server.maxConnections = 256;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new VigilError('E_USAGE', `cannot listen on ${host}:${o.port}: ${e.code ?? e.message}`, {
          cause: e,
          hint: e.code === 'EADDRINUSE' ? 'pick another --port (0 picks a free one)' : undefined,
        }),
      ),
    );
    server.listen(o.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowed = allowedHosts(host, port, o.hostNames ?? []);
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    host,
    port,
    ...(token !== undefined ? { token } : {}),
    tokenGenerated,
    close: () =>
      new Promise<void>((resolve) => {
        feed.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
