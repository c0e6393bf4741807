/** Wires the real store, npm registry client, archive reader and inventory loader into ScanDeps. */
import type { EventSink } from '../core/events.js';
import { openStore } from '../store/open.js';
import { DEFAULT_SCAN_INFLATE_BYTES, readArchive, readTgzStream, ScanInflateBudget } from '../sources/archive/index.js';
import { createNpmClient } from '../sources/npm/client.js';
import { loadRegistryConfig, registryFor } from '../sources/npm/config.js';
import { loadInventory } from '../inventory/registry.js';
import { resolveRangeWith } from './resolve-range.js';
import type { ScanDeps } from './scan.js';
import type { NpmSource } from './types.js';

export interface WiringOptions {
  storePath?: string;
  registry?: string;
  offline: boolean;
  concurrency: number;
  projectDir: string;
  env: NodeJS.ProcessEnv;
  events?: EventSink;
  fetch?: typeof fetch;
  /** Hosts besides the configured registries that lockfile URLs may be fetched from. */
  allowHosts?: string[];
  /** The run's network deadline (`--timeout`), epoch ms: no request starts after it, running ones are aborted. */
  deadlineAt?: number;
  /** Keep verified tarballs in the store (`--keep-tarballs`). */
  keepTarballs?: boolean;
  /** Reuse a cached packument without asking the registry for this long (0: always revalidate, as `watch` does). */
  packumentMaxAgeMs?: number;
  /** Inflated bytes all tarballs of one scan may produce together (default DEFAULT_SCAN_INFLATE_BYTES). */
  scanInflateBytes?: number;
  /** Largest file of a package read whole (`--max-file-mb`; default the archive limits' maxFileBytes). */
  maxFileBytes?: number;
  /** Source maps keep only their head (sources/archive/source-map-head.ts): for scans, not for file-by-file comparisons. */
  sourceMapHeads?: boolean;
}

export interface OpenedScanDeps extends ScanDeps {
  /** The same registry and store, but every packument revalidated (for jobs that look for what is new). */
  revalidating(): NpmSource;
  /** The same store and registry for one more scan, with an inflated-bytes budget of its own (long-lived workers run many scans). */
  forNextScan(): ScanDeps;
  /**
   * The same store and registry configuration with a network deadline of its own (epoch ms): a
   * long-lived worker's `--timeout` bounds each job, not the worker's life. close() leaves the store open.
   */
  withDeadline(deadlineAt: number): OpenedScanDeps;
  close(): void;
}

export async function openScanDeps(o: WiringOptions): Promise<OpenedScanDeps> {
  const store = openStore({ path: o.storePath });
  try {
    const config = await loadRegistryConfig({ projectDir: o.projectDir, env: o.env, registry: o.registry });
    return wire(store, config, o, o.deadlineAt, () => store.close());
  } catch (e) {
    store.close();
    throw e;
  }
}

/** Registry clients over an open store; `closeStore` runs after the clients close (a no-op for the scoped deps of withDeadline). */
function wire(
  store: ScanDeps['store'],
  config: Awaited<ReturnType<typeof loadRegistryConfig>>,
  o: WiringOptions,
  deadlineAt: number | undefined,
  closeStore: () => void,
): OpenedScanDeps {
  const limits = {
    limits: {
      ...(o.maxFileBytes !== undefined ? { maxFileBytes: o.maxFileBytes } : {}),
      ...(o.sourceMapHeads ? { sourceMapHeads: true } : {}),
    },
  };
  // Every tarball of one scan draws on one inflated-bytes budget, whole or streamed.
  const readers = (
    scanBudget = new ScanInflateBudget(o.scanInflateBytes ?? DEFAULT_SCAN_INFLATE_BYTES),
  ): Pick<ScanDeps, 'readPackage' | 'readPackageStream' | 'maxFileBytes'> => ({
    readPackage: (bytes, origin) => readArchive(bytes, { strip: 'npm', origin, scanBudget, ...limits }),
    readPackageStream: (tgz, origin, inputBytes) =>
      readTgzStream(tgz, { strip: 'npm', origin, scanBudget, ...limits, ...(inputBytes ? { inputBytes } : {}) }),
    ...(o.maxFileBytes !== undefined ? { maxFileBytes: o.maxFileBytes } : {}),
  });
  const clientWith = (packumentMaxAgeMs: number | undefined) =>
    createNpmClient({
      config,
      store,
      offline: o.offline,
      concurrency: o.concurrency,
      fetch: o.fetch,
      events: o.events,
      keepTarballs: o.keepTarballs === true,
      ...(packumentMaxAgeMs !== undefined ? { packumentMaxAgeMs } : {}),
      ...(o.allowHosts ? { allowHosts: o.allowHosts } : {}),
      ...(deadlineAt !== undefined ? { http: { deadlineAt } } : {}),
    });
  const source = (client: ReturnType<typeof createNpmClient>): NpmSource => ({
    sourcePolicy: client.sourcePolicy,
    registryUrl: (name) => registryFor(config, name),
    getPackument: (n) => client.getPackument(n),
    prefetchPackument: (n) => client.prefetchPackument(n),
    getTarball: (n, v, t) => client.getTarball(n, v, t),
    getTarballFiles: (n, v, t, read) =>
      client.getTarballFiles(n, v, t, { bytes: (b) => read.bytes(b, read.origin), stream: (s, n) => read.stream(s, read.origin, n) }),
  });
  const client = clientWith(o.packumentMaxAgeMs);
  let fresh: ReturnType<typeof createNpmClient> | undefined;
  const scanDeps: ScanDeps = {
    store,
    npm: source(client),
    ...readers(),
    loadInventory: async (target) => {
      const r = await loadInventory(target, { resolveRange: o.offline ? undefined : resolveRangeWith(client) });
      return { inventory: r.inventory };
    },
  };
  return {
    ...scanDeps,
    revalidating: () => source((fresh ??= o.packumentMaxAgeMs === 0 ? client : clientWith(0))),
    forNextScan: () => ({ ...scanDeps, ...readers() }),
    withDeadline: (at) => wire(store, config, o, at, () => undefined),
    close: () => {
      void client.close();
      if (fresh && fresh !== client) void fresh.close();
      closeStore();
    },
  };
}
