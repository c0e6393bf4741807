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

const UA = 'pkg:npm/ua-parser-js@0.7.29';

/**
 * What a live scan records about ua-parser-js: the registry's metadata (as npm-metadata keeps it)
 * and its scores with the factors behind them — the raw material of its component page.
 */
function recordRegistryFacts(r: ScanResult): void {
  r.facts['npm-metadata'] = {
    [UA]: {
      name: 'ua-parser-js',
      distTags: { latest: '2.0.3', 'v0-latest': '0.7.40' },
      versions: {
        '0.7.29': {
          name: 'ua-parser-js',
          version: '0.7.29',
          funding: [
            { type: 'opencollective', url: 'https://opencollective.com/ua-parser-js' },
            { type: 'github', url: 'https://github.com/sponsors/faisalman' },
          ],
          deprecated: 'compromised release: use 0.7.30 or later',
          npmUser: { name: 'faisalman' },
          dist: { tarball: 'http://registry.invalid/ua-parser-js/-/ua-parser-js-0.7.29.tgz' },
          raw: {},
        },
      },
      time: { '0.7.29': '2021-10-22T12:15:00.000Z', '2.0.3': '2025-02-12T08:00:00.000Z' },
      available: { maintainers: true, npmUser: true, time: true, signatures: false, attestations: false },
      unavailableReasons: { signatures: 'the registry did not serve registry signatures' },
      registry: 'http://registry.invalid/',
      fetchedAt: '2026-11-26T09:59:00.000Z',
    },
  };
  const score = r.facts['scoring']![UA] as Record<string, unknown>;
  r.facts['scoring']![UA] = {
    ...score,
    quadrant: 'critical-fragile',
    people: ['npm:faisalman'],
    peopleSource: 'registry maintainers',
    factors: [
      {
        name: 'criticality.rootsReaching',
        value: 1,
        weight: 1,
        contribution: 0.4,
        explanation: 'reached from 1 of 1 root(s), a direct dependency',
      },
      { name: 'fragility.maintainers', value: 1, weight: 3, contribution: 0.5, explanation: 'one maintainer: faisalman' },
      { name: 'fragility.noFunding', value: false, weight: 1, contribution: 0, explanation: 'funding declared (opencollective, github)' },
      { name: 'suspicion.findings', value: 2, weight: 1, contribution: 1, explanation: '2 unsuppressed findings, worst high' },
    ],
  };
}

export function scanOf(project: string, at: string, drop = 0): ScanResult {
  const r = sample();
  recordRegistryFacts(r);
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
