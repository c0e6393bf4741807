/**
 * What vigil knows about the configured Debian archive(s): for every configured suite, the binary
 * packages (name → versions) and source packages (maintainers, uploaders, Vcs, homepage).
 * Digests are memoized in the store by index SHA256, so a warm run only parses JSON.
 */
import type { Problem } from '../../core/types.js';
import { toProblem, VigilError, type ErrorCode } from '../../core/errors.js';
import type { AptSource } from '../../formats/debian/apt-sources.js';
import type { DebArchiveClient, LoadedRelease } from './archive-client.js';
import {
  digestPackages,
  digestSources,
  readPackagesDigest,
  readSourcesDigest,
  type PackagesDigest,
  type SourceInfo,
  type SourcesDigest,
} from './index-digest.js';
import type { Store } from '../../store/types.js';

export interface SuiteRef {
  uri: string;
  suite: string;
  components: string[];
  /** Keyring from the apt source's Signed-By. */
  signedBy?: string;
}

export interface LoadedSuite extends SuiteRef {
  origin?: string;
  codename?: string;
  signature: LoadedRelease['signature']['state'];
  /** Indexes read: path → sha256. */
  indexes: Record<string, string>;
}

export interface BinaryEntry {
  version: string;
  arch: string;
  source: string;
  suite: string;
}
export interface SourceEntry extends SourceInfo {
  suite: string;
  uri: string;
}

export interface DebArchiveData {
  suites: LoadedSuite[];
  packages: Map<string, BinaryEntry[]>;
  sources: Map<string, SourceEntry[]>;
  problems: Problem[];
}

/** Host apt sources (type `deb`) grouped by archive and suite, or the `--mirror` / `--suite` override. */
export function selectSuites(apt: AptSource[], override: { mirror?: string; suites?: string[]; components?: string[] } = {}): SuiteRef[] {
  const debs = apt.filter((s) => s.type === 'deb');
  if (override.mirror || override.suites?.length) {
    const uri = (override.mirror ?? debs[0]?.uri ?? '').replace(/\/+$/, '');
    const suites = override.suites?.length ? override.suites : [...new Set(debs.filter((d) => d.uri === uri).map((d) => d.suite))];
    if (!uri || !suites.length) return [];
    const signedBy = debs.find((d) => d.uri === uri)?.signedBy;
    return suites.map((suite) => ({ uri, suite, components: override.components ?? ['main'], signedBy }));
  }
  const byKey = new Map<string, SuiteRef>();
  for (const s of debs) {
    const k = `${s.uri} ${s.suite}`;
    const cur = byKey.get(k) ?? byKey.set(k, { uri: s.uri, suite: s.suite, components: [], signedBy: s.signedBy }).get(k)!;
    for (const c of s.components) if (!cur.components.includes(c)) cur.components.push(c);
  }
  return [...byKey.values()];
}

/**
 * The digest of one index, memoized by the SHA256 the signed release lists for it: when the memo
 * exists the index itself is neither read from the cache nor downloaded.
 */
export async function digestOf<T>(
  client: DebArchiveClient,
  store: Store,
  rel: LoadedRelease,
  base: string,
  kind: string,
  make: (text: string) => T,
  indexes: Record<string, string>,
): Promise<T | undefined> {
  const v = client.variant(rel, base);
  if (v) {
    const hit = store.getAnalysis(`deb-digest:v3:${kind}:${v.sha256}`) as T | undefined;
    if (hit !== undefined) {
      indexes[v.path] = v.sha256;
      return hit;
    }
  }
  const idx = await client.index(rel, base);
  if (!idx) return undefined;
  try {
    const d = make(await idx.text());
    store.putAnalysis(`deb-digest:v3:${kind}:${idx.sha256}`, d);
    indexes[idx.path] = idx.sha256;
    return d;
  } catch (e) {
    // Verified bytes that still do not decompress (a truncated upload on the mirror): partial result.
    client.problems.push(toProblem(e, idx.url));
    return undefined;
  }
}

export interface LoadArchiveOptions {
  /** Binary architectures to read (default: the native one only). */
  arches: string[];
  /** Also read Sources (maintainers); default true. */
  sources?: boolean;
  /** Keep only these binary / source package names (the installed ones); default: everything. */
  want?: { binaries: ReadonlySet<string>; sources: ReadonlySet<string> };
}

export async function loadArchiveData(
  client: DebArchiveClient,
  store: Store,
  suites: SuiteRef[],
  opts: LoadArchiveOptions,
): Promise<DebArchiveData> {
  const data: DebArchiveData = { suites: [], packages: new Map(), sources: new Map(), problems: [] };
  for (const ref of suites) {
    const rel = await client.release(ref.uri, ref.suite, ref.signedBy);
    if (!rel) continue;
    const loaded: LoadedSuite = {
      ...ref,
      origin: rel.release.origin,
      codename: rel.release.codename,
      signature: rel.signature.state,
      indexes: {},
    };
    data.suites.push(loaded);
    const comps = ref.components.length ? ref.components : rel.release.components;
    for (const comp of comps) {
      for (const arch of opts.arches) {
        const d = await digestOf<PackagesDigest>(
          client,
          store,
          rel,
          `${comp}/binary-${arch}/Packages`,
          'packages',
          digestPackages,
          loaded.indexes,
        );
        if (!d) continue;
        for (const r of readPackagesDigest(d, opts.want?.binaries)) {
          const list = data.packages.get(r.name) ?? data.packages.set(r.name, []).get(r.name)!;
          list.push({ version: r.version, arch: r.arch, source: r.source, suite: ref.suite });
        }
      }
      if (opts.sources === false) continue;
      const d = await digestOf<SourcesDigest>(client, store, rel, `${comp}/source/Sources`, 'sources', digestSources, loaded.indexes);
      if (!d) continue;
      for (const { name, info } of readSourcesDigest(d, opts.want?.sources)) {
        const list = data.sources.get(name) ?? data.sources.set(name, []).get(name)!;
        list.push({ ...info, suite: ref.suite, uri: ref.uri });
      }
    }
  }
  return data;
}

/**
 * The error to raise when a suite the user named could not be read at all (its InRelease missing,
 * unreachable or rejected): naming it in the error is better than a clean, empty report.
 */
export function suiteUnreadable(client: DebArchiveClient, ref: SuiteRef): VigilError {
  const url = `${ref.uri.replace(/\/+$/, '')}/dists/${ref.suite}/InRelease`;
  const p = client.problems.find((x) => x.subject === url);
  const notFound = p?.code === 'E_REGISTRY_HTTP' && /HTTP 404\b/.test(p.message);
  return new VigilError(
    notFound ? 'E_INPUT_NOT_FOUND' : ((p?.code as ErrorCode | undefined) ?? 'E_NETWORK'),
    notFound
      ? `suite "${ref.suite}" is not in the archive ${ref.uri} (${url}: HTTP 404)`
      : `suite "${ref.suite}" of ${ref.uri} could not be read${p ? `: ${p.message}` : ''}`,
    { subject: url, hint: notFound ? 'check --suite (e.g. bookworm, trixie, sid) and --mirror' : p?.hint },
  );
}
