/** What a job kind is: how its payload is read at the boundary and how it runs. */
import { VigilError } from '../core/errors.js';
import type { ScanDeps } from '../engine/scan.js';
import type { NpmSource } from '../engine/types.js';
import type { EnqueueOutcome, NewJob } from './types.js';

/** What a worker process hands every job: the shared store and registry client, opened once. */
export interface JobServices {
  deps: ScanDeps;
  /** Deps for one scan job: the same store and registry, a fresh inflated-bytes budget (a worker runs scans for days). */
  scanDeps(): ScanDeps;
  /** The same registry with every packument revalidated: for jobs that look for what is new (latest, poll). */
  fresh: NpmSource;
  cwd: string;
  offline: boolean;
  concurrency: number;
}

export interface JobContext {
  key: string;
  attempt: number;
  /** Aborted when the worker loses the job's lease or is told to stop. */
  signal: AbortSignal;
  services: JobServices;
  /** Adds follow-up jobs (idempotent by key). */
  enqueue(jobs: readonly NewJob[]): Promise<EnqueueOutcome[]>;
}

export interface JobKind<P = unknown> {
  kind: string;
  summary: string;
  /** The stored payload, checked: throws E_USAGE naming the field (the job then goes dead: retrying cannot help). */
  parse(payload: Record<string, unknown>): P;
  /** Does the work; the returned summary is stored with the job. Results go to the store keyed by ctx.key. */
  run(p: P, ctx: JobContext): Promise<unknown>;
}

/** A string field of a payload, or E_USAGE. */
export function field(payload: Record<string, unknown>, name: string, kind: string): string {
  const v = payload[name];
  if (typeof v !== 'string' || v === '') throw new VigilError('E_USAGE', `${kind} job: payload field "${name}" must be a non-empty string`);
  return v;
}

/** Failures that another attempt cannot fix: the job goes to the dead letter at once. */
const PERMANENT: ReadonlySet<string> = new Set([
  'E_USAGE',
  'E_INPUT_NOT_FOUND',
  'E_NO_INVENTORY',
  'E_LOCKFILE_PARSE',
  'E_SBOM_PARSE',
  'E_MANIFEST_PARSE',
  'E_UNSUPPORTED',
]);

export function isPermanent(e: unknown): boolean {
  return e instanceof VigilError && PERMANENT.has(e.code);
}
