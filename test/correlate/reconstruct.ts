/**
 * Takeover reconstructions as data: packages with releases (publisher, date, dependencies, scripts,
 * files), served from a 127.0.0.1 registry with real tarballs, and the source repository of a
 * package as a small git history with fixed dates and authors. Hosts are `.invalid`; payloads are
 * inert strings. Used by the tests here and by bench/takeover.ts.
 */
import ssri from 'ssri';
import { makeTgz } from '../archive/helpers.js';
import { startRegistryServer, type RegistryServer } from '../helpers/registry-server.js';
import { localNpm } from '../helpers/local-npm.js';
import type { NpmSource } from '../../src/engine/types.js';
import { FixtureRepo, type Who } from '../history/fixture-repo.js';

export interface ReleaseSpec {
  version: string;
  publisher: string;
  time: string;
  maintainers?: string[];
  dependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  main?: string;
  os?: string[];
  /** Files of the tarball (package.json is written from the fields above). */
  files: Record<string, string | Buffer>;
  gitHead?: string;
}

export interface PackageSpec {
  name: string;
  releases: ReleaseSpec[];
}

export interface SourceCommit {
  author: Who;
  date: string;
  message: string;
  files: Record<string, string | Buffer>;
  tag?: string;
}

export interface Reconstruction {
  id: string;
  /** Technique family for recall per family. */
  family: string;
  /** Public write-up the reconstruction follows. */
  provenance: string;
  packages: PackageSpec[];
  /** What the lockfile pins: name → version; edges: dependent → dependency names. */
  locked: Record<string, string>;
  edges: Record<string, string[]>;
  /** Source repositories (by package name) for the artifact-vs-source comparison. */
  sources?: Record<string, SourceCommit[]>;
  /** The component the story must be about, and the words it must name. */
  expect: { subject: string; names: string[] };
}

export const person = (name: string): Who => ({ name, email: `${name}@example.invalid` });

export function manifestJson(name: string, r: ReleaseSpec): Record<string, unknown> {
  return {
    name,
    version: r.version,
    description: `${name} ${r.version}`,
    ...(r.main ? { main: r.main } : {}),
    ...(r.dependencies ? { dependencies: r.dependencies } : {}),
    ...(r.scripts ? { scripts: r.scripts } : {}),
    ...(r.os ? { os: r.os } : {}),
    repository: { type: 'git', url: `git+https://git.example.invalid/${name}.git` },
  };
}

export async function tarballOf(name: string, r: ReleaseSpec): Promise<Buffer> {
  const entries: { name: string; body: Buffer }[] = [
    { name: 'package/package.json', body: Buffer.from(JSON.stringify(manifestJson(name, r), null, 2)) },
  ];
  for (const [p, c] of Object.entries(r.files).sort())
    entries.push({ name: `package/${p}`, body: Buffer.isBuffer(c) ? c : Buffer.from(c) });
  return makeTgz(entries);
}

/** A full packument (with the fields a stripping mirror would drop) whose tarballs are served by `reg`. */
export async function publish(reg: RegistryServer, pkg: PackageSpec): Promise<void> {
  const versions: Record<string, unknown> = {};
  const time: Record<string, string> = {};
  for (const r of pkg.releases) {
    const bytes = await tarballOf(pkg.name, r);
    reg.addTarball(pkg.name, r.version, bytes);
    const maint = (r.maintainers ?? [r.publisher]).map((m) => ({ name: m, email: `${m}@example.invalid` }));
    versions[r.version] = {
      ...manifestJson(pkg.name, r),
      _npmUser: { name: r.publisher, email: `${r.publisher}@example.invalid` },
      maintainers: maint,
      ...(r.gitHead ? { gitHead: r.gitHead } : {}),
      dist: {
        tarball: `${reg.url}${pkg.name}/-/${pkg.name.replace(/^@[^/]+\//, '')}-${r.version}.tgz`,
        integrity: ssri.fromData(bytes, { algorithms: ['sha512'] }).toString(),
        fileCount: Object.keys(r.files).length + 1,
        unpackedSize: Object.values(r.files).reduce((n, c) => n + Buffer.byteLength(c), 0),
      },
    };
    time[r.version] = r.time;
  }
  const last = pkg.releases[pkg.releases.length - 1]!;
  time.created = pkg.releases[0]!.time;
  time.modified = last.time;
  reg.addPackument(pkg.name, {
    name: pkg.name,
    'dist-tags': { latest: last.version },
    versions,
    time,
    maintainers: (last.maintainers ?? [last.publisher]).map((m) => ({ name: m, email: `${m}@example.invalid` })),
  });
}

export interface ServedReconstruction {
  npm: NpmSource;
  reg: RegistryServer;
  /** Local clones by package name. */
  repos: Record<string, string>;
  close(): Promise<void>;
}

export async function serve(r: Reconstruction): Promise<ServedReconstruction> {
  const reg = await startRegistryServer();
  for (const p of r.packages) await publish(reg, p);
  const { client, npm } = localNpm(reg.url);
  const repos: Record<string, string> = {};
  const made: FixtureRepo[] = [];
  for (const [name, commits] of Object.entries(r.sources ?? {})) {
    const repo = new FixtureRepo('vigil-reconstruct-');
    made.push(repo);
    for (const c of commits) {
      repo.commit(c.author, c.date, c.message, c.files);
      if (c.tag) repo.git(['tag', c.tag]);
    }
    repos[name] = repo.dir;
  }
  return {
    npm,
    reg,
    repos,
    close: async () => {
      await client.close();
      await reg.close();
      for (const m of made) m.remove();
    },
  };
}
