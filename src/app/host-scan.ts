/**
 * `vigil host`: a Debian host (status file, root filesystem, or .deb files) → ScanResult with the
 * inventory, findings, and `facts.debian` (people per source package, privileged paths, archive
 * coverage). The archive addresses come from the scanned root's apt configuration (for a bare
 * status file: this machine's, under `aptRoot`) or from `mirror` / `suites`.
 */
import type { ArchiveLimits } from '../sources/archive/limits.js';
import { openSync, readSync, closeSync, statSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VigilError, toProblem } from '../core/errors.js';
import { silentSink, type EventSink } from '../core/events.js';
import { finalizeResult, newResult } from '../core/result-builder.js';
import type { ScanResult } from '../core/result.js';
import type { Inventory } from '../core/types.js';
import type { Store } from '../store/types.js';
import { dpkgStatusInventory } from '../inventory/dpkg-status.js';
import { debFilesInventory, isArArchive } from '../inventory/deb-files.js';
import { readRootfs } from '../inventory/rootfs.js';
import { readAptSources, type AptSource } from '../formats/debian/apt-sources.js';
import { DebArchiveClient } from '../sources/debian/archive-client.js';
import { loadArchiveData, selectSuites, suiteUnreadable, type DebArchiveData } from '../sources/debian/archive-data.js';
import type { GpgvOptions } from '../sources/debian/gpgv.js';
import { analyzeDebianInventory, DEBIAN_ANALYZER, DEBIAN_FACTS } from '../analyzers/debian/host-analysis.js';
import { computePrivilegedPaths } from '../analyzers/debian/privileged-paths.js';
import { loadUploadHistories } from '../analyzers/debian/upload-history.js';
import { analyzeHostDebs, APT_CACHE, cachedDebsFor } from './host-binaries.js';
import type { UploadHistory } from '../analyzers/debian/uploads.js';
import { putComponentFacts, putResultFacts } from '../core/facts.js';
import { BINARY_FACTS } from '../analyzers/binary/facts.js';
import type { ProxySettings } from '../sources/net/guarded-fetch.js';

export const DEFAULT_STATUS_FILE = '/var/lib/dpkg/status';

export interface DebianHostScanOptions extends GpgvOptions {
  /** A status file, a root filesystem directory, or .deb files. Default: /var/lib/dpkg/status. */
  targets?: string[];
  cwd?: string;
  /** Needed for the archive checks (cache); without it they are skipped and reported. */
  store?: Store;
  offline?: boolean;
  /** false: do not read the archive at all. */
  archive?: boolean;
  mirror?: string;
  suites?: string[];
  components?: string[];
  /** Where the apt configuration is read when the target is a bare status file or .deb files (default `/`). */
  aptRoot?: string;
  maxAgeSeconds?: number;
  /** Also analyse the ELF files of the installed versions' .debs cached in ROOT/var/cache/apt/archives (given .debs always are). */
  binaries?: boolean;
  /** Archive limits for the .debs read (`--max-file-mb`). */
  limits?: Partial<ArchiveLimits>;
  /** Read debian/changelog of the source packages on privileged paths (default true). */
  changelogs?: boolean;
  fetch?: typeof globalThis.fetch;
  /** Hosts redirects may go to besides the one asked (--allow-host). */
  allowHosts?: readonly string[];
  /** The run's network deadline (--timeout), epoch ms. */
  deadlineAt?: number;
  /** The proxy of the user's npm configuration. */
  proxy?: ProxySettings;
  events?: EventSink;
}

function isDeb(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(8);
    readSync(fd, b, 0, 8, 0);
    return isArArchive(b);
  } finally {
    closeSync(fd);
  }
}

async function readTargets(
  paths: string[],
): Promise<{ inventory: Inventory; apt?: AptSource[]; distro?: string; root?: string; debs?: string[] }> {
  for (const p of paths) {
    try {
      statSync(p);
    } catch {
      throw new VigilError('E_INPUT_NOT_FOUND', `${p}: no such file or directory`, { file: p });
    }
  }
  if (paths.length === 1 && statSync(paths[0]!).isDirectory()) {
    const { inventory, info } = readRootfs(paths[0]!);
    return { inventory, apt: info.apt, distro: info.distro, root: paths[0] };
  }
  if (paths.every(isDeb)) return { inventory: await debFilesInventory(paths), debs: paths };
  if (paths.length > 1) throw new VigilError('E_USAGE', 'give one status file, one root filesystem directory, or .deb files');
  // A status file at ROOT/var/lib/dpkg/status (the default /var/lib/dpkg/status): ROOT has the binaries.
  const m = /^(.*)\/var\/lib\/dpkg\/status$/.exec(paths[0]!);
  return { inventory: dpkgStatusInventory(readFileSync(paths[0]!, 'utf8'), paths[0]!), root: m ? m[1] || '/' : undefined };
}

export async function scanDebianHost(opts: DebianHostScanOptions = {}): Promise<ScanResult> {
  const events = opts.events ?? silentSink;
  const cwd = opts.cwd ?? process.cwd();
  const targets = (opts.targets?.length ? opts.targets : [DEFAULT_STATUS_FILE]).map((t) => resolve(cwd, t));
  const result = newResult('host', targets.join(' '));
  result.offline = opts.offline === true;
  events({ type: 'stage', stage: 'debian-inventory' });
  const read = await readTargets(targets);
  result.inventory = read.inventory;
  let archive: DebArchiveData | undefined;
  let stats: DebArchiveClient['stats'] | undefined;
  let uploads: Record<string, UploadHistory> | undefined;
  const t0 = Date.now();
  if (opts.archive === false) {
    result.skipped.push({ analyzer: `${DEBIAN_ANALYZER.id} (archive checks)`, reason: 'archive disabled (--no-archive)' });
  } else if (!opts.store) {
    result.skipped.push({ analyzer: `${DEBIAN_ANALYZER.id} (archive checks)`, reason: 'no store to cache the archive indexes' });
  } else {
    let apt = read.apt;
    if (!apt) {
      const r = readAptSources(opts.aptRoot ?? '/');
      apt = r.sources;
      result.problems.push(...r.problems);
    }
    const suites = selectSuites(apt, { mirror: opts.mirror, suites: opts.suites, components: opts.components });
    if (!suites.length) {
      result.problems.push({
        code: 'E_CONFIG',
        message: 'no Debian archive configured: no `deb` line in the apt sources and no --mirror/--suite given',
        hint: 'pass --mirror URL --suite SUITE',
      });
    } else {
      events({ type: 'stage', stage: 'debian-archive', total: suites.length });
      const arches = [...new Set(read.inventory.components.map((c) => String(c.meta?.arch ?? '')).filter((a) => a && a !== 'all'))];
      const native = arches.length ? [nativeOf(read.inventory)] : [];
      const client = new DebArchiveClient({
        store: opts.store,
        fetch: opts.fetch,
        allowHosts: opts.allowHosts,
        deadlineAt: opts.deadlineAt,
        proxy: opts.proxy,
        offline: opts.offline,
        maxAgeSeconds: opts.maxAgeSeconds,
        keyring: opts.keyring,
        gpgv: opts.gpgv,
      });
      try {
        const debs = read.inventory.components.filter((c) => c.ecosystem === 'deb');
        const want = { binaries: new Set(debs.map((c) => c.name)), sources: new Set(debs.map((c) => String(c.meta?.source ?? c.name))) };
        archive = await loadArchiveData(client, opts.store, suites, { arches: native, want });
      } catch (e) {
        result.problems.push(toProblem(e));
      }
      // A suite named on the command line that the archive does not have is wrong input, not a partial result.
      if (opts.suites?.length) {
        const loaded = new Set(archive?.suites.map((x) => `${x.uri} ${x.suite}`));
        const missing = suites.find((x) => !loaded.has(`${x.uri} ${x.suite}`));
        if (missing) throw suiteUnreadable(client, missing);
      }
      if (archive && opts.changelogs !== false) {
        events({ type: 'stage', stage: 'debian-changelogs' });
        const srcs = [...new Set(computePrivilegedPaths(read.inventory).flatMap((f) => f.libraries.map((l) => l.source)))].sort();
        const h = await loadUploadHistories(client, opts.store, archive, srcs);
        uploads = h.uploads;
        result.problems.push(...h.problems);
        result.unavailable.push(...h.unavailable);
      }
      result.problems.push(...client.problems);
      result.unavailable.push(...client.unavailable);
      stats = client.stats;
    }
  }
  const out = analyzeDebianInventory(result.inventory, archive, {
    root: read.root,
    nativeArch: result.inventory.components.length ? nativeOf(result.inventory) : undefined,
    uploads,
  });
  result.findings.push(...out.findings);
  result.unavailable.push(...out.unavailable);
  putResultFacts(result, DEBIAN_FACTS, {
    ...out.facts,
    uploads,
    archiveLoad: stats
      ? { ...stats, ms: Date.now() - t0, binaryPackagesKnown: archive?.packages.size ?? 0, sourcePackagesKnown: archive?.sources.size ?? 0 }
      : undefined,
  });
  const debs = read.debs ?? (opts.binaries ? cachedDebsFor(read.root ?? '/', result.inventory) : []);
  if (opts.binaries && !read.debs && !debs.length)
    result.unavailable.push({
      subject: join(read.root ?? '/', APT_CACHE),
      field: 'binaries',
      reason: 'no cached .deb of an installed version: nothing to analyse (apt-get download them, or give the .deb files)',
    });
  if (debs.length) {
    events({ type: 'stage', stage: 'binaries', total: debs.length });
    const bin = await analyzeHostDebs(debs, opts.limits);
    result.findings.push(...bin.findings);
    result.problems.push(...bin.problems);
    for (const [subject, f] of Object.entries(bin.facts)) putComponentFacts(result, BINARY_FACTS, subject, f);
  }
  for (const p of result.problems) events({ type: 'problem', problem: p });
  return finalizeResult(result);
}

/** The architecture of the `dpkg` package, else the most common one. */
function nativeOf(inv: Inventory): string {
  const dpkg = inv.components.find((c) => c.name === 'dpkg' && c.meta?.arch !== 'all');
  if (dpkg) return String(dpkg.meta?.arch);
  const n = new Map<string, number>();
  for (const c of inv.components) {
    const a = String(c.meta?.arch ?? '');
    if (a && a !== 'all') n.set(a, (n.get(a) ?? 0) + 1);
  }
  return [...n].sort((a, b) => b[1] - a[1])[0]![0];
}
