/**
 * Runs the component analyzers on one component: fetches only what the applicable analyzers need
 * (packument, tarball), reuses memoized outputs from the store, and turns fetch failures into
 * Problems (or, for an integrity mismatch, a critical finding) so the scan always goes on.
 */
import { rethrowBug, toProblem } from '../core/errors.js';
import { IntegrityError } from '../sources/npm/http-errors.js';
import type { Finding, Inventory, InventoryComponent, Problem, Unavailable } from '../core/types.js';
import type { AnalyzerOutput, AnalyzerServices, ComponentAnalyzer, ComponentContext } from '../analyzers/types.js';
import type { Store } from '../store/types.js';
import { createFactsCache, type FactsCache } from '../store/facts-cache.js';
import type { Packument } from '../sources/npm/types.js';
import type { PackageFiles } from '../sources/archive/types.js';
import { DEFAULT_LIMITS } from '../sources/archive/limits.js';
import { remoteKind } from '../analyzers/npm/remote-dependency.js';
import { previousVersion } from '../analyzers/release-diff/previous-version.js';
import { integrityMismatchRule } from '../rules/engine-rules.js';
import type { NpmSource, ReadPackage, ReadPackageStream } from './types.js';
import type { WriteBatch } from './write-batch.js';
import type { ByteBudget } from './byte-budget.js';
import { span, timed, traced } from '../core/timeline.js';

/** Unpacked size assumed for a release whose packument does not say (what most npm releases stay under). */
const UNKNOWN_SIZE_ESTIMATE = 1024 * 1024;

/**
 * A download read as it arrives, for a release whose packument gives no unpacked size, holds this
 * many times its compressed size of the byte budget while it is read (binaries inflate 2-4×, code
 * more). Platform binaries often publish no unpacked size: workerd, next's swc, turbo and biome
 * (11-48 MB compressed) were read at once on 1 MiB estimates early in a cold platform-app scan, and
 * their inflation set the scan's peak there (500-537 MiB in its first 8 s; 365-395 MiB with this).
 */
export const UNKNOWN_SIZE_RATIO = 3;

/**
 * Stored outputs of analyzers that read the packument (which changes under the same version) are
 * reused for this long; outputs that depend only on the release's bytes are keyed by its integrity
 * and the analyzer's code hash, so they stay valid until either changes.
 */
const MEMO_FRESH_MS = 24 * 3600 * 1000;

/**
 * An output that gave up at a resource limit (AnalyzerOutput.gaveUp) is served for this long, then
 * tried again (a limit met on a loaded machine may not be met on a quiet one); --retry-failed sooner.
 */
export const GAVE_UP_RETRY_MS = 7 * 24 * 3600 * 1000;

export interface ComponentRun {
  findings: Finding[];
  problems: Problem[];
  unavailable: Unavailable[];
  facts: Record<string, unknown>;
  /** Packument availability flags, when one was fetched (for the scan-level "unavailable" summary). */
  available?: Packument['available'];
  fetched: { packument: boolean; tarball: boolean };
  /** Every analyzer was answered from the store (nothing fetched for this component). */
  fromStore?: boolean;
  /** The previous release's files: compared (and why), or skipped by choice (metadata compared only). */
  previousFiles?: { read: boolean; reason?: string };
}

interface MemoEntry {
  at: number;
  output: AnalyzerOutput;
}

export interface RunnerDeps {
  npm: NpmSource;
  readPackage: ReadPackage;
  /** Reads a large download as it arrives (with NpmSource.getTarballFiles). */
  readPackageStream?: ReadPackageStream;
  store: Store;
  /** Where analyzer outputs persist between runs (default: the store, keyed by code hash). */
  cache?: FactsCache;
  inventory: Inventory;
  offline: boolean;
  /** The scan's services, handed to every analyzer as they are. */
  services: AnalyzerServices;
  now?: number;
  /** `--deep`: compare every release with the previous one file by file, not only when asked for. */
  deep?: boolean;
  /** Groups the memo writes of many components into one transaction per batch (default: one per component). */
  writes?: WriteBatch;
  /** Bytes of package content in memory at once, shared by the scan's components (default: unbounded). */
  budget?: ByteBudget;
  /** `--retry-failed`: analyse again what a previous run gave up on at a resource limit. */
  retryFailed?: boolean;
  /** `--max-file-mb` in bytes, when not the default: analyses of a release's bytes are stored per cap. */
  maxFileBytes?: number;
  /**
   * Told of package bytes that became garbage outside the byte budget's count: the inflated tar a
   * release was read through (its files were copied out of it), so that collections keep pace with it.
   */
  dropped?: (bytes: number) => void;
}

/**
 * The input an analyzer's stored output was computed from: the component, its bytes, the depth, the
 * registries, and the cap on files read whole when it is not the default (a binary not analysed
 * under the default cap is analysed again when a larger one is asked for).
 */
function cacheInput(a: ComponentAnalyzer, c: InventoryComponent, deps: Pick<RunnerDeps, 'deep' | 'npm' | 'maxFileBytes'>): string {
  const depth = deps.deep === true && a.needs.previousTarball ? '|deep' : '';
  // Outputs depend on which registries are configured (which hosts are expected, where data comes from).
  const hosts = deps.npm.sourcePolicy ? [...deps.npm.sourcePolicy.registryHosts].sort().join(',') : '';
  const cap =
    a.needs.tarball && deps.maxFileBytes !== undefined && deps.maxFileBytes !== DEFAULT_LIMITS.maxFileBytes
      ? `|file-cap:${deps.maxFileBytes}`
      : '';
  return `${c.purl}|${c.integrity ?? c.resolved ?? ''}${depth}|${hosts}${cap}`;
}

/** The stored output `a` may serve for `c` instead of running (undefined: it runs). */
function servable(a: ComponentAnalyzer, c: InventoryComponent, deps: RunnerDeps, cache: FactsCache, now: number): MemoEntry | undefined {
  // A git repository changes under the same component: history is never served from the memo.
  if (a.needs.git) return undefined;
  const hit = cache.get(a, cacheInput(a, c, deps)) as MemoEntry | undefined;
  const tarballOnly = !a.needs.packument && !a.needs.network;
  const retry = hit?.output.gaveUp === true && (deps.retryFailed === true || now - hit.at >= GAVE_UP_RETRY_MS);
  return hit && !retry && (deps.offline || tarballOnly || now - hit.at < MEMO_FRESH_MS) ? hit : undefined;
}

/** Whether running `c` will read its packument from the registry (runComponent asks it on the same terms). */
export function readsPackument(c: InventoryComponent, analyzers: readonly ComponentAnalyzer[], deps: RunnerDeps): boolean {
  if (remoteKind(c.resolved) || c.meta?.workspace) return false;
  const cache = deps.cache ?? createFactsCache(deps.store);
  const now = deps.now ?? Date.now();
  return analyzers.some((a) => (a.needs.packument || a.needs.tarball) && !servable(a, c, deps, cache, now));
}

export async function runComponent(c: InventoryComponent, analyzers: ComponentAnalyzer[], deps: RunnerDeps): Promise<ComponentRun> {
  const run: ComponentRun = { findings: [], problems: [], unavailable: [], facts: {}, fetched: { packument: false, tarball: false } };
  const now = deps.now ?? Date.now();
  const cache = deps.cache ?? createFactsCache(deps.store);
  const pending: ComponentAnalyzer[] = [];
  for (const a of analyzers) {
    const hit = servable(a, c, deps, cache, now);
    if (hit) merge(run, a, hit.output.gaveUp ? stillGaveUp(hit) : hit.output);
    else pending.push(a);
  }
  if (pending.length === 0) {
    run.fromStore = analyzers.length > 0;
    return run;
  }
  const held: (() => void)[] = [];
  try {
    const remote = remoteKind(c.resolved);
    const fromRegistry = !remote && !c.meta?.workspace;
    let packument: Packument | undefined;
    let files: PackageFiles | undefined;
    const wantsPackument = pending.some((a) => a.needs.packument || a.needs.tarball);
    if (fromRegistry && wantsPackument) {
      try {
        packument = await deps.npm.getPackument(c.name);
        run.fetched.packument = true;
        // Maintainers count as served when the locked release's manifest lists them (checks read those).
        const listed = (packument.versions[c.version]?.maintainers?.length ?? 0) > 0;
        run.available = { ...packument.available, maintainers: packument.available.maintainers || listed };
      } catch (e) {
        run.problems.push({ ...toProblem(e, c.purl), subject: c.purl });
      }
    }
    const manifest = packument?.versions[c.version];
    if (packument && !manifest) {
      run.problems.push({
        code: 'E_REGISTRY_BODY',
        subject: c.purl,
        message: `version ${c.version} is not in the registry's metadata for ${c.name} (unpublished, or the lockfile names a version that never existed)`,
        hint: 'check the lockfile entry and the registry',
      });
    }
    if (fromRegistry && pending.some((a) => a.needs.tarball) && (manifest || c.integrity || c.resolved)) {
      try {
        // Room in the in-flight budget first (the registry's unpacked size, when it says), then the
        // difference once the real size is known.
        const estimate = manifest?.dist.unpackedSize ?? UNKNOWN_SIZE_ESTIMATE;
        const waiting = span('budget.wait', c.purl);
        const room = deps.budget ? await deps.budget.acquire(estimate) : undefined;
        if (room) held.push(room);
        waiting();
        const reading = span('archive.read', c.purl);
        const release = await readRelease(
          deps,
          c.name,
          c.version,
          { resolved: c.resolved, integrity: c.integrity },
          manifest?.dist.unpackedSize === undefined,
        ).finally(reading);
        run.fetched.tarball = !release.fromCache;
        files = release.files;
        // What it kept, not what the registry said it unpacks to.
        room?.resize(release.bytes);
      } catch (e) {
        if (e instanceof IntegrityError) run.findings.push(integrityFinding(c, e));
        else run.problems.push({ ...toProblem(e, c.purl), subject: c.purl });
      }
    }
    if (!fromRegistry && pending.some((a) => a.needs.tarball || a.needs.packument) && !c.meta?.workspace) {
      run.problems.push({
        code: 'E_UNSUPPORTED',
        subject: c.purl,
        message: `not fetched: ${remote} source (${c.resolved}); content checks did not run`,
        hint: 'pin to a registry version to have its content analyzed',
      });
    }

    const ctx: ComponentContext = {
      component: c,
      inventory: deps.inventory,
      packument,
      manifest,
      files,
      services: deps.services,
      offline: deps.offline,
      ...(deps.npm.sourcePolicy ? { sourcePolicy: deps.npm.sourcePolicy } : {}),
    };
    // Memo entries of one component are written in one transaction (one commit instead of one per analyzer).
    const memoWrites: [ComponentAnalyzer, string, MemoEntry][] = [];
    for (const a of pending) {
      if ((a.needs.tarball && !files) || (a.needs.packument && !packument)) continue;
      // The release before this one (semver predecessor), read once, when the first analyzer that
      // compares releases runs: by then the analyzers before it have reported their findings.
      if (a.needs.previousTarball && packument && manifest && !ctx.previous) {
        ctx.previous = await loadPrevious(c, packument, a, ctx, run, deps, held);
      }
      try {
        const output = await traced(`analyze.${a.id}`, c.purl, () => a.analyze(ctx));
        merge(run, a, output);
        if (!a.needs.git) memoWrites.push([a, cacheInput(a, c, deps), { at: now, output }]);
      } catch (e) {
        rethrowBug(e, `analyzer ${a.id} on ${c.purl}`);
        run.problems.push({
          ...toProblem(e, c.purl),
          code: 'E_ANALYZER',
          subject: c.purl,
          message: `${a.id} failed: ${(e as Error).message}`,
        });
      }
    }
    if (memoWrites.length) {
      const write = memoWriter(cache, memoWrites);
      // Components share a batched commit (write-batch.ts: the scan's batch also commits by age, so
      // a killed scan resumes from all but its last moments' downloads); the whole component is in one.
      if (deps.writes) deps.writes.add(write);
      else timed('store.memo', c.purl, () => deps.store.transaction(write));
    }
    return run;
  } finally {
    for (const release of held) release();
  }
}

/**
 * One component's memo writes as a closure holding only what it writes. Made inside runComponent, the
 * closure kept that function's whole scope alive until the write batch committed (up to
 * MEMO_COMMIT_MS later): the release's files, its previous release's, the packument. In a cold scan
 * that was every component finished in the last second, a 134 MiB framework among them.
 */
function memoWriter(cache: FactsCache, writes: readonly [ComponentAnalyzer, string, MemoEntry][]): () => void {
  return () => {
    for (const [a, input, v] of writes) cache.put(a, input, v);
  };
}

async function loadPrevious(
  c: InventoryComponent,
  packument: Packument,
  a: ComponentAnalyzer,
  ctx: ComponentContext,
  run: ComponentRun,
  deps: RunnerDeps,
  held: (() => void)[],
): Promise<ComponentContext['previous']> {
  const version = previousVersion(packument, c.version);
  const prevManifest = version ? packument.versions[version] : undefined;
  if (!version || !prevManifest) return undefined;
  const previous: NonNullable<ComponentContext['previous']> = { version, manifest: prevManifest };
  const reason = deps.deep ? '--deep' : a.wantsPreviousFiles ? a.wantsPreviousFiles({ ...ctx, previous }, run.findings) : 'always';
  if (!reason) {
    run.previousFiles = { read: false };
    return { ...previous, filesSkipped: true };
  }
  run.previousFiles = { read: true, reason };
  try {
    const release = await readRelease(deps, c.name, version, prevManifest.dist.integrity ? { integrity: prevManifest.dist.integrity } : {});
    previous.files = release.files;
    // Held over the budget: this component already has its room and must not wait on the others.
    if (deps.budget) held.push(deps.budget.hold(release.bytes));
    // Compute the previous release's content facts in the worker pool when the scan has one;
    // release-diff then finds them ready instead of parsing on the main thread.
    await deps.services.contentFacts.warm(previous.files);
  } catch (e) {
    run.problems.push({
      ...toProblem(e, c.purl),
      subject: c.purl,
      message: `previous release ${c.name}@${version} not read (${(e as Error).message}); release comparison is partial`,
    });
  }
  return previous;
}

/**
 * A release's files, and the bytes they hold in memory. A large download is read as it arrives when
 * the registry source can (its compressed bytes are never held whole); otherwise the whole tarball
 * is fetched and read, and counted until the component ends, as before.
 */
async function readRelease(
  deps: RunnerDeps,
  name: string,
  version: string,
  opts: { resolved?: string; integrity?: string },
  /** The packument gives no unpacked size: a streamed read holds a guess from its compressed size. */
  sizeUnknown = false,
): Promise<{ files: PackageFiles; fromCache: boolean; bytes: number }> {
  const origin = `${name}@${version}`;
  if (deps.npm.getTarballFiles && deps.readPackageStream) {
    const streamed = deps.readPackageStream;
    const budget = deps.budget;
    const stream: ReadPackageStream =
      sizeUnknown && budget
        ? (s, o, n) => {
            // Held over the budget, not waited for: the download is under way (a wait would stall it).
            const guess = budget.hold((n ?? 0) * UNKNOWN_SIZE_RATIO);
            return streamed(s, o, n).finally(guess);
          }
        : streamed;
    const r = await deps.npm.getTarballFiles(name, version, opts, { bytes: deps.readPackage, stream, origin });
    deps.dropped?.(r.files.inflatedBytes ?? 0);
    return { files: r.files, fromCache: r.fromCache, bytes: keptBytes(r.files) };
  }
  const tb = await deps.npm.getTarball(name, version, opts);
  const files = await deps.readPackage(tb.bytes, origin);
  deps.dropped?.(files.inflatedBytes ?? 0);
  return { files, fromCache: tb.fromCache, bytes: files.totalSize + tb.bytes.length };
}

/** Bytes of file content a release holds (a truncated file only its head). */
export function keptBytes(files: PackageFiles): number {
  let n = 0;
  for (const f of files.files) n += f.data?.length ?? f.head?.length ?? 0;
  return n;
}

/** A stored gave-up output, its problems dated: the gap is from an earlier run, and when it will be retried. */
function stillGaveUp(hit: MemoEntry): AnalyzerOutput {
  const at = new Date(hit.at).toISOString().slice(0, 10);
  const retry = new Date(hit.at + GAVE_UP_RETRY_MS).toISOString().slice(0, 10);
  const note = ` (as stored on ${at}; analysed again from ${retry}, or now with --retry-failed)`;
  return {
    ...hit.output,
    problems: hit.output.problems?.map((p) => (p.code === 'E_ANALYZER_LIMIT' ? { ...p, message: p.message + note } : p)),
  };
}

function merge(run: ComponentRun, a: ComponentAnalyzer, o: AnalyzerOutput) {
  run.findings.push(...o.findings);
  if (o.problems) run.problems.push(...o.problems);
  if (o.unavailable) run.unavailable.push(...o.unavailable);
  if (o.facts) run.facts[a.id] = o.facts;
}

function integrityFinding(c: InventoryComponent, e: IntegrityError): Finding {
  const loc = c.locations[0];
  return {
    rule: integrityMismatchRule.id,
    severity: 'critical',
    confidence: 'high',
    subject: c.purl,
    title: `${c.name}@${c.version}: downloaded tarball does not match its ${e.expectedFrom} integrity`,
    evidence: [
      {
        kind: 'digest',
        label: `expected (${e.expectedFrom})`,
        file: e.expectedFrom === 'lockfile' ? loc?.file : undefined,
        line: e.expectedFrom === 'lockfile' ? loc?.line : undefined,
        value: e.expected,
        excerpt: e.expected,
      },
      { kind: 'digest', label: 'actual (downloaded bytes)', value: e.actual, excerpt: e.actual },
      { kind: 'url', label: 'downloaded from', url: e.url, excerpt: e.url },
    ],
    explanation:
      'The downloaded bytes were neither cached nor analyzed. Compare the two digests: the artifact changed after it was locked, or something between you and the registry altered it.',
    remediation: integrityMismatchRule.suppress,
    analyzer: { id: 'engine', version: '1.0.0' },
  };
}
