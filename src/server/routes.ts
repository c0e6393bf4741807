/**
 * The JSON API under /api/ (documented in docs/api.md): one table of method + path pattern →
 * handler. Handlers call the dashboard application layer and return plain data; the server turns it
 * into JSON and expected failures into status codes.
 */
import {
  acknowledgeFinding,
  componentPage,
  latestScanOf,
  listAlerts,
  listProjects,
  parseFindingQuery,
  parseTriageRequest,
  queryFindings,
  scanById,
  scansOf,
  suppressFinding,
  triagedScan,
  TriageStore,
} from '../app/dashboard/index.js';
import { VigilError } from '../core/errors.js';
import { scanView } from './view.js';
import type { RuleInfo } from '../core/rule.js';
import type { Store } from '../store/types.js';
import type { JobQueue } from '../jobs/queue.js';

export interface RouteContext {
  store: Store;
  /** The job queue, when the store is PostgreSQL. */
  jobs?: JobQueue;
  rules: () => Promise<RuleInfo[]>;
  params: string[];
  query: URLSearchParams;
  /** Parsed JSON body (POST only). */
  body: unknown;
  /** Who a triage decision is recorded as when the request does not say. */
  defaultUser: string;
  version: string;
}

export interface Route {
  method: 'GET' | 'POST';
  path: RegExp;
  handle(ctx: RouteContext): unknown;
}

const ID = '([0-9a-f]{12})';

function positive(raw: string | null, name: string, fallback: number, max: number): number {
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new VigilError('E_USAGE', `${name} must be a positive whole number`);
  return Math.min(n, max);
}

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new VigilError('E_USAGE', 'the path is not valid percent-encoding');
  }
}

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: /^\/api\/health$/, handle: (c) => ({ ok: true, version: c.version }) },
  { method: 'GET', path: /^\/api\/projects$/, handle: (c) => ({ projects: listProjects(c.store) }) },
  {
    method: 'GET',
    path: new RegExp(`^/api/projects/${ID}$`),
    handle: (c) => {
      const s = latestScanOf(c.store, c.params[0]!);
      const t = triagedScan(c.store, s);
      return {
        id: t.project,
        path: s.result.target.path,
        command: s.result.command,
        latest: { id: s.id, at: s.at, summary: t.result.summary },
        scans: scansOf(c.store, c.params[0]!, positive(c.query.get('limit'), 'limit', 100, 1000)),
        problems: t.problems,
      };
    },
  },
  {
    method: 'GET',
    path: new RegExp(`^/api/projects/${ID}/view$`),
    handle: async (c) => scanView(c.store, latestScanOf(c.store, c.params[0]!), await c.rules()),
  },
  {
    method: 'GET',
    path: /^\/api\/scans\/(\d{1,15})$/,
    handle: (c) => triagedScan(c.store, scanById(c.store, Number(c.params[0]))).result,
  },
  {
    method: 'GET',
    path: /^\/api\/scans\/(\d{1,15})\/view$/,
    handle: async (c) => scanView(c.store, scanById(c.store, Number(c.params[0])), await c.rules()),
  },
  { method: 'GET', path: /^\/api\/findings$/, handle: (c) => queryFindings(c.store, parseFindingQuery(c.query)) },
  {
    method: 'GET',
    path: /^\/api\/components\/(.+)$/,
    handle: (c) => componentPage(c.store, decoded(c.params[0]!)),
  },
  {
    method: 'GET',
    path: /^\/api\/alerts$/,
    handle: (c) => ({
      alerts: listAlerts(c.store, {
        ...(c.query.get('package') ? { package: c.query.get('package')! } : {}),
        ...(c.query.get('since') ? { since: c.query.get('since')! } : {}),
        limit: positive(c.query.get('limit'), 'limit', 200, 1000),
      }),
    }),
  },
  {
    method: 'GET',
    path: /^\/api\/triage\/audit$/,
    handle: (c) => ({ audit: new TriageStore(c.store).audit(c.query.get('project') ?? undefined) }),
  },
  {
    method: 'POST',
    path: /^\/api\/triage\/suppress$/,
    handle: (c) => suppressFinding(c.store, parseTriageRequest(c.body, c.defaultUser)),
  },
  {
    method: 'POST',
    path: /^\/api\/triage\/acknowledge$/,
    handle: (c) => acknowledgeFinding(c.store, parseTriageRequest(c.body, c.defaultUser)),
  },
];
