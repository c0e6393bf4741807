/**
 * A dashboard world for tests: a temp project directory with a vigil.config.json, a SQLite store
 * holding two scans of it (the report sample, a week apart), a server on 127.0.0.1 over that store,
 * and a small HTTP client that can set any header (Host and Origin included).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanResult } from '../../src/core/result.js';
import { ruleCatalogue } from '../../src/rules/catalogue.js';
import { startServer, type RunningServer, type ServeOptions } from '../../src/server/server.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import type { Alert } from '../../src/watch/types.js';
import { WatchState } from '../../src/watch/state.js';
import { sample } from '../report/helpers.js';

export interface DashboardWorld {
  dir: string;
  project: string;
  storePath: string;
  store: Store;
  server: RunningServer;
  bugs: unknown[];
  close(): Promise<void>;
}

export const CONFIG = { 'fail-on': 'high', suppressions: [] };

export function scanOf(project: string, at: string, drop = 0): ScanResult {
  const r = sample();
  r.target = { path: project, key: 'acme-web' };
  r.finishedAt = at;
  r.findings = r.findings.slice(drop);
  r.summary.findings = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of r.findings) if (!f.suppressed) r.summary.findings[f.severity]++;
  return r;
}

export async function startDashboardWorld(opts: Partial<ServeOptions> = {}): Promise<DashboardWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-serve-'));
  const project = join(dir, 'acme-web');
  mkdirSync(project);
  writeFileSync(join(project, 'vigil.config.json'), `${JSON.stringify(CONFIG, null, 2)}\n`);
  const storePath = join(dir, 'store.db');
  const store = openStore({ path: storePath });
  store.saveScan(scanOf(project, '2026-11-19T10:00:00.000Z', 2));
  store.saveScan(scanOf(project, '2026-11-26T10:00:42.000Z'));
  const bugs: unknown[] = [];
  const server = await startServer({
    store,
    port: 0,
    rules: () => Promise.resolve(ruleCatalogue()),
    version: 'test',
    pollMs: 50,
    onBug: (e) => bugs.push(e),
    ...opts,
  });
  return {
    dir,
    project,
    storePath,
    store,
    server,
    bugs,
    async close() {
      await server.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes an alert the way `vigil watch` does, through a second connection to the same store file. */
export function raiseAlert(storePath: string, alert: Partial<Alert> & { id: string }): void {
  const other = openStore({ path: storePath });
  try {
    new WatchState(other, '127.0.0.1/').saveAlert({
      alert: {
        kind: 'new-version',
        package: 'left-pad',
        version: '1.3.1',
        severity: 'high',
        title: 'left-pad@1.3.1 published: install script sends environment variables to a remote host',
        detail: 'compared with 1.3.0; 1 finding(s)',
        findings: [],
        exposed: [{ project: '/home/dev/acme-web', via: 'root:acme-web', range: '^1.3.0' }],
        at: new Date().toISOString(),
        ...alert,
      },
      sent: { stdout: true, webhook: true },
    });
  } finally {
    other.close();
  }
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => any;
}

/** One HTTP request to the world's server; `headers.host` defaults to the server's own address. */
export function call(
  server: RunningServer,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method, path, headers: { host: `127.0.0.1:${server.port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A triage POST as the dashboard page sends it. */
export const post = (server: RunningServer, path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(server, 'POST', path, {
    headers: { 'content-type': 'application/json', 'x-vigil-request': '1', origin: `http://127.0.0.1:${server.port}`, ...headers },
    body: JSON.stringify(body),
  });
