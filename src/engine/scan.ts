/**
 * The scan pipeline: inventory → sources → analyzers → (scoring) → result, stored for next time.
 * Library code: never prints; progress goes to the injected event sink.
 */
import { createHash } from 'node:crypto';
import { runAuditCheck, hasSupplyChain, storedScores } from './audit-check.js';
import { auditFindings } from '../audit/index.js';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { createContentFactsService } from '../analyzers/content/facts-service.js';
import { createContentPool, type ContentPool } from '../analyzers/content/pool.js';
import type { EventSink } from '../core/events.js';
import { silentSink } from '../core/events.js';
import { isVigilError, rethrowBug, toProblem } from '../core/errors.js';
import type { ScanResult, SuppressionRule } from '../core/result.js';
import { finalizeResult, newResult } from '../core/result-builder.js';
import type { Inventory, InventoryComponent, Unavailable } from '../core/types.js';
import type { Analyzer, AnalyzerServices, ComponentAnalyzer, InventoryAnalyzer } from '../analyzers/types.js';
import { ALL_ANALYZERS } from '../analyzers/registry.js';
import type { Store } from '../store/types.js';
import { createFactsCache } from '../store/facts-cache.js';
import type { Packument } from '../sources/npm/types.js';
import { readsPackument, runComponent, type ComponentRun, type RunnerDeps } from './component-runner.js';
import { createPackumentPrefetch } from './packument-prefetch.js';
import { attachScores } from '../scoring/index.js';
import { computeChanges } from './changes.js';
import { correlateTakeovers } from '../correlate/index.js';
import { mapLimit } from './limit.js';
import { directFirst } from './scan-order.js';
import { createWriteBatch } from './write-batch.js';
import { createByteBudget, DEFAULT_BYTES_IN_FLIGHT } from './byte-budget.js';
import { createDropCollector, type DropCollector } from './slab-collect.js';
import { createOfflineMisses } from './offline-misses.js';
import { applySuppressions } from './suppressions.js';
import { applyBaseline } from './baseline.js';
import { currentPlatform, skipForeignPlatforms, type PlatformChoice } from './platform.js';
import type { NpmSource, ReadPackage, ReadPackageStream } from './types.js';
import { readComponentFacts } from '../core/facts.js';
import { NPM_METADATA_FACTS } from '../analyzers/npm/metadata.js';
import { stage as traceStage } from '../core/timeline.js';

export interface ScanDeps {
  store: Store;
  npm: NpmSource;
  readPackage: ReadPackage;
  /** Reads a tarball as it downloads (with NpmSource.getTarballFiles); both readers share the scan's limits. */
  readPackageStream?: ReadPackageStream;
  /** Loads the inventory of a target (directory or file). */
  loadInventory: (target: string) => Promise<{ inventory: Inventory; notes?: string[] }>;
  /** The readers' cap on one file read whole, when not the default (it keys stored analyses). */
  maxFileBytes?: number;
}

export interface ScanOptions {
  target: string;
  offline?: boolean;
  concurrency?: number;
  suppressions?: SuppressionRule[];
  analyzers?: Analyzer[];
  events?: EventSink;
  /** Local clones of dependencies (`name` → path) for source-history analysis. */
  repos?: Record<string, string>;
  /** Show only findings new since this scan (`last`: the previous stored scan of the target). */
  baseline?: 'last' | { result: ScanResult; from: string };
  /** Compare with and store into the scan history (default true). */
  history?: boolean;
  /** Platforms whose optional packages are analysed (default: this machine); `all`: every package. */
  platforms?: PlatformChoice;
  /** Compare every release with the one before it file by file (default: only when its metadata or content asks). */
  deep?: boolean;
  /** Analyse again what an earlier scan gave up on at a time or memory limit (default: reuse that result for a week). */
  retryFailed?: boolean;
  /** Scans of this target kept in the store, this one included (default 10). */
  keepScans?: number;
  /** The queue job this scan runs for: the store keeps one scan per job even when the job is retried. */
  jobKey?: string;
  /** What the target is called in the result and the store (default: its path): a worker scanning a fresh clone gives the git URL. */
  label?: string;
}

const UNAVAILABLE_FIELDS: { key: keyof Packument['available']; field: string; checks: string }[] = [
  { key: 'maintainers', field: 'maintainers', checks: 'maintainer-set changes and maintainer load' },
  { key: 'npmUser', field: '_npmUser', checks: 'new-publisher detection' },
  { key: 'time', field: 'time', checks: 'release dates, dormancy and release-age checks' },
  { key: 'signatures', field: 'dist.signatures', checks: 'registry signature verification' },
  { key: 'attestations', field: 'dist.attestations', checks: 'provenance checks' },
];

/** The store key of a target: from its absolute path, or from its label when it has one. */
export function targetKey(target: string, label?: string): string {
  return createHash('sha256')
    .update(label ?? resolve(target))
    .digest('hex')
    .slice(0, 16);
}

export async function scan(opts: ScanOptions, deps: ScanDeps): Promise<ScanResult> {
  const events = opts.events ?? silentSink;
  const target = resolve(opts.target);
  const result = newResult('scan', opts.label ?? opts.target, targetKey(target, opts.label));
  result.offline = opts.offline ?? false;

  events({ type: 'stage', stage: 'inventory' });
  traceStage('inventory');
  const { inventory } = await deps.loadInventory(target);
  result.inventory = inventory;
  result.platform = skipForeignPlatforms(inventory, opts.platforms ?? [currentPlatform()]);
  for (const [name, path] of Object.entries(opts.repos ?? {})) {
    const matches = inventory.components.filter((c) => c.name === name);
    if (matches.length === 0)
      result.problems.push({ code: 'E_USAGE', message: `--repo ${name}=${path}: no component named ${name} in the inventory` });
    for (const c of matches) c.meta = { ...c.meta, repoPath: resolve(path) };
  }

  const todoCount = inventory.components.filter((c) => !c.notAnalyzed).length;
  // What a finished component held is garbage in shared memory that no heap counts, and so is the
  // inflated tar each read went through: collected every PACE_BYTES of both, and before a large parse.
  const collector = createDropCollector();
  // CPU-heavy content analysis runs in worker threads when there is enough of it to pay for them:
  // one CPU fewer than the machine has, for the main thread (fetching, unpacking, the other
  // analyzers) and V8's helpers. Each worker compiles the analysis code and keeps a heap of its own:
  // on 2 CPUs one worker instead of two took a cold platform-app scan from 76.6 to 73.7 s CPU and
  // 686 to 558 MiB peak RSS (medians of 3 alternated rounds), findings unchanged. A package's time
  // limit counts from when a worker starts it (pool-timed.ts), so a queue behind one worker does
  // not time packages out.
  const pool =
    todoCount >= POOL_THRESHOLD && !opts.analyzers
      ? createContentPool({ maxThreads: Math.max(1, availableParallelism() - 1), beforeLargeParse: () => collector.makeRoom() })
      : undefined;
  if (pool)
    (opts.events ?? silentSink)({
      type: 'info',
      message: `content analysis in ${pool.threads} worker thread${pool.threads === 1 ? '' : 's'}`,
    });
  try {
    return await runScan(opts, deps, result, inventory, pool, collector);
  } finally {
    collector.close();
    await pool?.close();
  }
}

export const DEFAULT_KEEP_SCANS = 10;

/**
 * Components analysed at once, per allowed network request (`--concurrency`, which the registry
 * client enforces on its own): most components in flight wait for a content worker or for room in
 * the byte budget, and with one per request the workers' queue ran dry between tasks.
 */
const COMPONENTS_PER_REQUEST = 4;

export function componentsInFlight(concurrency = 8): number {
  return Math.max(1, concurrency) * COMPONENTS_PER_REQUEST;
}

/** Below this many components, worker start-up costs more than it saves. */
const POOL_THRESHOLD = 40;

/**
 * How long finished components' store writes may wait to share one commit (a killed scan resumes
 * from what was committed). One transaction per downloaded component cost a cold scan of 741
 * packages ~0.8 s of the main thread.
 */
export const MEMO_COMMIT_MS = 1000;

async function runScan(
  opts: ScanOptions,
  deps: ScanDeps,
  result: ScanResult,
  inventory: Inventory,
  pool: ContentPool | undefined,
  collector: DropCollector,
): Promise<ScanResult> {
  const events = opts.events ?? silentSink;
  const analyzers = opts.analyzers ?? ALL_ANALYZERS;
  const componentAnalyzers = analyzers.filter((a): a is ComponentAnalyzer => a.kind === 'component');
  const inventoryAnalyzers = analyzers.filter((a): a is InventoryAnalyzer => a.kind === 'inventory');
  for (const a of analyzers) {
    if (result.offline && a.needs.network) result.skipped.push({ analyzer: a.id, reason: 'needs the network (--offline)' });
  }
  const runnable = componentAnalyzers.filter((a) => !(result.offline && a.needs.network));
  const cache = createFactsCache(deps.store);
  const services: AnalyzerServices = {
    contentFacts: createContentFactsService(pool),
    store: deps.store,
    // New-dependency age/size checks (release-diff) read other packages' metadata through this.
    ...(result.offline ? {} : { packuments: (name: string) => deps.npm.getPackument(name) }),
  };
  const todo = inventory.components.filter((c) => !c.notAnalyzed);
  let done = 0;
  events({ type: 'stage', stage: 'analyze', total: todo.length });
  traceStage('components');
  const writes = createWriteBatch(deps.store, { maxAgeMs: MEMO_COMMIT_MS });
  const budget = createByteBudget(DEFAULT_BYTES_IN_FLIGHT, (bytes) => collector.dropped(bytes));
  const misses = createOfflineMisses();
  // kept() drops runs that carry nothing: a large scan does not hold one run per component to the end.
  // Started direct dependencies first (scan-order.ts); the runs are merged in inventory order.
  const runnerDeps: RunnerDeps = {
    npm: deps.npm,
    readPackage: deps.readPackage,
    ...(deps.readPackageStream ? { readPackageStream: deps.readPackageStream } : {}),
    store: deps.store,
    cache,
    inventory,
    offline: result.offline,
    services,
    deep: opts.deep === true,
    writes,
    budget,
    dropped: (bytes) => collector.dropped(bytes),
    retryFailed: opts.retryFailed === true,
    ...(deps.maxFileBytes !== undefined ? { maxFileBytes: deps.maxFileBytes } : {}),
  };
  const order = directFirst(todo, inventory);
  const inFlight = componentsInFlight(opts.concurrency);
  const applicableTo = (c: InventoryComponent) => runnable.filter((a) => a.appliesTo(c));
  const prefetch =
    deps.npm.prefetchPackument && !result.offline
      ? createPackumentPrefetch(
          order.map((i) => ({ name: todo[i]!.name, reads: () => readsPackument(todo[i]!, applicableTo(todo[i]!), runnerDeps) })),
          deps.npm.prefetchPackument,
          () => budget.waiting >= inFlight / 2,
        )
      : undefined;
  // Stopped however the stage ends: a scan that throws inside a long-lived process (a worker, a
  // watch) must not leave a walk asking the registry on its behalf.
  const started = await mapLimit(order, inFlight, async (index) => {
    const c = todo[index]!;
    const run = await runComponent(c, applicableTo(c), runnerDeps);
    if (run.fetched.packument) prefetch?.start();
    run.problems = misses.take(run.problems, index);
    events({ type: 'progress', stage: 'analyze', done: ++done, total: todo.length, subject: c.name });
    return { index, c, run: kept(run) };
  }).finally(() => prefetch?.stop());
  const runs = started.sort((a, b) => a.index - b.index);
  // Every component's content is analysed: the workers and their heaps go now, not after the
  // report is built and saved (the main thread's own peak). Nothing after this stage asks for content facts.
  await pool?.close();
  traceStage('merge');
  writes.flush();
  result.problems.push(...misses.problems());
  mergeRuns(result, runs, deps.npm, inventory);
  runs.length = 0;

  for (const a of inventoryAnalyzers) {
    if (result.offline && a.needs.network) continue;
    events({ type: 'stage', stage: a.id });
    traceStage(a.id);
    try {
      const out = await a.analyze({ inventory, offline: result.offline, services });
      result.findings.push(...out.findings);
      if (out.problems) result.problems.push(...out.problems);
      if (out.unavailable) result.unavailable.push(...out.unavailable);
      if (out.facts) result.facts[a.id] = out.facts as Record<string, unknown>;
    } catch (e) {
      rethrowBug(e, `analyzer ${a.id}`);
      result.problems.push({ ...toProblem(e), code: 'E_ANALYZER', message: `${a.id} failed: ${(e as Error).message}` });
    }
  }

  traceStage('correlate');
  // Signals of every analyzer joined per component (and through newly added dependencies).
  result.findings.push(...correlateTakeovers({ findings: result.findings, facts: result.facts, inventory }));

  events({ type: 'stage', stage: 'scoring' });
  traceStage('scoring');
  try {
    // Scoring reads the registry slice the npm-metadata analyzer kept (memoized); whole packuments
    // are read only for components that have no such fact.
    const slim = new Map<string, Packument>();
    const byPurl = new Map(inventory.components.map((c) => [c.purl, c] as const));
    for (const [purl, f] of readComponentFacts(result, NPM_METADATA_FACTS)) {
      const c = byPurl.get(purl);
      if (c) slim.set(c.name, f);
    }
    const getPackument = (n: string) => {
      const hit = slim.get(n);
      return hit ? Promise.resolve(hit) : deps.npm.getPackument(n);
    };
    await attachScores(result, { getPackument, concurrency: opts.concurrency ?? 8, projectDir: resolve(opts.target) });
  } catch (e) {
    rethrowBug(e, 'scoring');
    result.problems.push({ ...toProblem(e), message: `scoring failed: ${(e as Error).message}` });
  }

  traceStage('finish');
  await addAuditFindings(result, inventory, resolve(opts.target));

  const sup = applySuppressions(result.findings, opts.suppressions ?? []);
  result.suppressions = sup;
  // Only the previous scan's digest is read (components and fingerprints), never its whole result.
  let prev: ReturnType<Store['lastScanDigest']>;
  if (opts.history !== false || opts.baseline === 'last') prev = deps.store.lastScanDigest(result.target.key);
  // Damaged store rows were served as misses; say so once per table.
  result.problems.push(...(deps.store.problems?.() ?? []));
  finalizeResult(result);
  if (opts.history !== false) {
    traceStage('save');
    if (prev) result.changes = computeChanges(result, prev);
    deps.store.saveScan(result, { keep: opts.keepScans ?? DEFAULT_KEEP_SCANS, ...(opts.jobKey ? { jobKey: opts.jobKey } : {}) });
  }
  if (opts.baseline === 'last') {
    if (prev) return applyBaseline(result, prev, `last scan (${prev.at})`);
    result.problems.push({
      code: 'E_INPUT_NOT_FOUND',
      message: '--baseline last: no earlier scan of this target in the store; showing every finding',
    });
  } else if (opts.baseline) {
    return applyBaseline(result, opts.baseline.result, opts.baseline.from);
  }
  return result;
}

/** What a component's run leaves for the result; an empty run (most of a large offline scan) is one shared object. */
function kept(run: ComponentRun): ComponentRun {
  const empty =
    run.findings.length === 0 &&
    run.problems.length === 0 &&
    run.unavailable.length === 0 &&
    Object.keys(run.facts).length === 0 &&
    !run.available &&
    !run.previousFiles;
  if (!empty) return run;
  return run.fromStore ? EMPTY_FROM_STORE : EMPTY_RUN;
}

const EMPTY_RUN: ComponentRun = { findings: [], problems: [], unavailable: [], facts: {}, fetched: { packument: false, tarball: false } };
const EMPTY_FROM_STORE: ComponentRun = { ...EMPTY_RUN, fromStore: true };

/** The component runs joined into the result, in component order: findings, problems, facts, and the availability and previous-release summaries. */
function mergeRuns(result: ScanResult, runs: { c: InventoryComponent; run: ComponentRun }[], npm: NpmSource, inventory: Inventory): void {
  const availability = new Map<string, { missing: number; total: number }>();
  for (const { c, run } of runs) {
    result.findings.push(...run.findings);
    result.problems.push(...run.problems);
    result.unavailable.push(...run.unavailable);
    for (const [id, f] of Object.entries(run.facts)) (result.facts[id] ??= {})[c.purl] = f;
    if (run.available) {
      for (const u of UNAVAILABLE_FIELDS) {
        const s = availability.get(u.field) ?? { missing: 0, total: 0 };
        s.total++;
        if (!run.available[u.key]) s.missing++;
        availability.set(u.field, s);
      }
    }
  }
  const fromStore = runs.filter((r) => r.run.fromStore && r.c.ecosystem === 'npm').length;
  result.unavailable.push(...summarizeAvailability(availability, npm, inventory, fromStore));
  const compared = runs.filter((r) => r.run.previousFiles);
  const skippedPrev = compared.filter((r) => !r.run.previousFiles!.read).length;
  if (skippedPrev > 0) {
    result.skipped.push({
      analyzer: 'release-diff',
      reason: `previous release compared file by file for ${compared.length - skippedPrev} of ${compared.length} components (where metadata or content findings asked for it); metadata only for the others; --deep compares all`,
    });
  }
}

/**
 * One line per registry field that was missing. Counts are over the packuments fetched in this run;
 * when others were answered from the store (whose findings may rest on data served earlier), the
 * line says how many, so "N of N" never reads as "every package".
 */
function summarizeAvailability(
  av: Map<string, { missing: number; total: number }>,
  npm: NpmSource,
  inv: Inventory,
  fromStore: number,
): Unavailable[] {
  const out: Unavailable[] = [];
  const registry = inv.components.find((c) => c.ecosystem === 'npm');
  for (const u of UNAVAILABLE_FIELDS) {
    const s = av.get(u.field);
    if (!s || s.missing === 0) continue;
    out.push({
      subject: registry ? npm.registryUrl(registry.name) : 'npm registry',
      field: u.field,
      reason:
        `not available from this registry for ${s.missing} of the ${s.total} packages fetched in this run` +
        (fromStore ? ` (${fromStore} more were answered from the store)` : '') +
        `; ${u.checks} could not run for them`,
    });
  }
  return out;
}

/** When the project has a supply-chain/ folder, its audit coverage joins the findings (docs/audits.md). */
async function addAuditFindings(result: ScanResult, inventory: Inventory, project: string): Promise<void> {
  if (!hasSupplyChain(project)) return;
  try {
    const report = await runAuditCheck({ inventory, project, scores: storedScores(result) });
    result.findings.push(...auditFindings(report));
  } catch (e) {
    if (!isVigilError(e)) throw e;
    result.problems.push({ ...toProblem(e), message: `audits not checked: ${e.where()}` });
  }
}
