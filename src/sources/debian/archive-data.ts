/**
 * What vigil knows about the configured Debian archive(s): for every configured suite, the binary
 * packages (name → versions) and source packages (maintainers, uploaders, Vcs, homepage).
 * Digests are memoized in the store by index SHA256, so a warm run only parses JSON.
 */
import type { Problem } from '../../core/types.js';
import type { AptSource } from './apt-sources.js';
import type { DebArchiveClient, LoadedRelease } from './archive-client.js';
import { digestPackages, digestSources, type PackagesDigest, type SourceInfo, type SourcesDigest } from './index-digest.js';
import type { Store } from '../../store/types.js';

export interface SuiteRef {
  uri: string;
  suite: string;
  components: string[];
}

export interface LoadedSuite extends SuiteRef {
  origin?: string;
  codename?: string;
  signature: LoadedRelease['signature']['state'];
  /** Indexes read: path → sha256. */
  indexes: Record<string, string>;
}

export interface BinaryEntry { version: string; arch: string; source: string; suite: string }
export interface SourceEntry extends SourceInfo { suite: string; uri: string }

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
    return suites.map((suite) => ({ uri, suite, components: override.components ?? ['main'] }));
  }
  const byKey = new Map<string, SuiteRef>();
  for (const s of debs) {
    const k = `${s.uri} ${s.suite}`;
    const cur = byKey.get(k) ?? byKey.set(k, { uri: s.uri, suite: s.suite, components: [] }).get(k)!;
    for (const c of s.components) if (!cur.components.includes(c)) cur.components.push(c);
  }
  return [...byKey.values()];
}

async function memo<T>(store: Store, key: string, make: () => Promise<T>): Promise<T> {
  const hit = store.getAnalysis(key) as T | undefined;
  if (hit !== undefined) return hit;
  const v = await make();
  store.putAnalysis(key, v);
  return v;
}

export interface LoadArchiveOptions {
  /** Binary architectures to read (default: the native one only). */
  arches: string[];
  /** Also read Sources (maintainers); default true. */
  sources?: boolean;
}

export async function loadArchiveData(client: DebArchiveClient, store: Store, suites: SuiteRef[], opts: LoadArchiveOptions): Promise<DebArchiveData> {
  const data: DebArchiveData = { suites: [], packages: new Map(), sources: new Map(), problems: [] };
  for (const ref of suites) {
    const rel = await client.release(ref.uri, ref.suite);
    if (!rel) continue;
    const loaded: LoadedSuite = { ...ref, origin: rel.release.origin, codename: rel.release.codename, signature: rel.signature.state, indexes: {} };
    data.suites.push(loaded);
    const comps = ref.components.length ? ref.components : rel.release.components;
    for (const comp of comps) {
      for (const arch of opts.arches) {
        const idx = await client.index(rel, `${comp}/binary-${arch}/Packages`);
        if (!idx) continue;
        loaded.indexes[idx.path] = idx.sha256;
        const d = await memo<PackagesDigest>(store, `deb-digest:v1:packages:${idx.sha256}`, async () => digestPackages(await idx.text()));
        for (const [name, rows] of Object.entries(d)) {
          const list = data.packages.get(name) ?? data.packages.set(name, []).get(name)!;
          for (const [version, a, source] of rows) list.push({ version, arch: a, source: source ? source.split(' ')[0]! : name, suite: ref.suite });
        }
      }
      if (opts.sources === false) continue;
      const idx = await client.index(rel, `${comp}/source/Sources`);
      if (!idx) continue;
      loaded.indexes[idx.path] = idx.sha256;
      const d = await memo<SourcesDigest>(store, `deb-digest:v1:sources:${idx.sha256}`, async () => digestSources(await idx.text()));
      for (const [name, rows] of Object.entries(d)) {
        const list = data.sources.get(name) ?? data.sources.set(name, []).get(name)!;
        for (const r of rows) list.push({ ...r, suite: ref.suite, uri: ref.uri });
      }
    }
  }
  return data;
}
