/** Read the artifact side of `verify`: a local archive, an npm spec or a Debian source package. */
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import semver from 'semver';
import { VigilError } from '../core/errors.js';
import type { Finding, Problem, Unavailable } from '../core/types.js';
import type { NpmSource } from '../engine/types.js';
import { readArchive } from '../sources/archive/read-archive.js';
import type { ArchiveLimits } from '../sources/archive/limits.js';
import type { PackageFiles } from '../sources/archive/types.js';
import { parseNpmSpec } from '../core/npm-spec.js';
import { fetchDebSource, parseDebSpec, pickOrig, type DebFetchOptions } from '../analyzers/artifact/deb-source.js';
import { debianUpstreamVersion } from '../analyzers/artifact/ref-guess.js';

export interface LoadedArtifact {
  kind: 'tarball' | 'npm' | 'deb';
  subject: string;
  files: PackageFiles;
  name?: string;
  version?: string;
  gitHead?: string;
  findings: Finding[];
  problems: Problem[];
  unavailable?: Unavailable[];
  /** Extra facts (dsc URL, files listed, verified). */
  facts: Record<string, unknown>;
}

export interface LoadArtifactOptions {
  cwd: string;
  npm?: NpmSource;
  deb?: Omit<DebFetchOptions, 'mirror'> & { mirror?: string };
  limits?: Partial<ArchiveLimits>;
}

/** `xz-5.6.1.tar.xz` → xz, 5.6.1; `zlib_1.3.orig.tar.gz` → zlib, 1.3. */
export function nameVersionFromFile(file: string): { name?: string; version?: string } {
  const m = /^(.+?)[-_]v?(\d[\w.+~]*?)(?:\.orig)?\.(?:tar\.(?:gz|xz|bz2|zst|lzma)|tgz|tbz2?|txz|zip|tar)$/i.exec(basename(file));
  return m ? { name: m[1], version: m[2] } : {};
}

export async function loadArtifact(spec: string, o: LoadArtifactOptions): Promise<LoadedArtifact> {
  const limits = o.limits ? { limits: o.limits } : {};
  const npmSpec = parseNpmSpec(spec);
  if (npmSpec) {
    if (!o.npm)
      throw new VigilError('E_UNSUPPORTED', `${spec}: no npm registry client is available here`, {
        hint: 'verify a downloaded .tgz instead',
      });
    const pack = await o.npm.getPackument(npmSpec.name);
    const version =
      pack.distTags[npmSpec.want] ??
      (pack.versions[npmSpec.want] ? npmSpec.want : (semver.maxSatisfying(Object.keys(pack.versions), npmSpec.want) ?? undefined));
    const manifest = version ? pack.versions[version] : undefined;
    if (!version || !manifest)
      throw new VigilError('E_INPUT_NOT_FOUND', `${npmSpec.name}: no version matches "${npmSpec.want}"`, { subject: npmSpec.name });
    const tb = await o.npm.getTarball(npmSpec.name, version, manifest.dist.integrity ? { integrity: manifest.dist.integrity } : {});
    const origin = `npm:${npmSpec.name}@${version}`;
    const files = await readArchive(tb.bytes, { strip: 'npm', origin, ...limits });
    return {
      kind: 'npm',
      subject: origin,
      files,
      name: npmSpec.name.replace(/^@[^/]+\//, ''),
      version,
      gitHead: manifest.gitHead,
      findings: [],
      problems: [],
      facts: { integrity: tb.integrity, repository: manifest.repository },
    };
  }
  const debSpec = parseDebSpec(spec);
  if (debSpec) {
    const mirror = o.deb?.mirror;
    if (!mirror)
      throw new VigilError('E_CONFIG', `${spec}: no Debian archive configured`, {
        hint: 'add a deb line to /etc/apt/sources.list(.d) or pass --mirror URL',
      });
    const got = await fetchDebSource(debSpec, { ...o.deb, mirror });
    const orig = pickOrig(got.listed);
    const body = orig ? got.files.get(orig.name) : undefined;
    const facts = { dsc: got.dscUrl, listed: got.listed.map((f) => f.name), verified: [...got.files.keys()] };
    // The .dsc is fetched from the pool and trusted as served: its OpenPGP signature (the uploader's
    // key) and its digest in the signed Sources index are not checked here.
    const unavailable: Unavailable[] = [
      {
        subject: spec,
        field: 'dsc-signature',
        reason: `${got.dscUrl}: the .dsc's own signature is not verified; file checksums are checked against it`,
      },
    ];
    if (!orig || !body) {
      const why = !orig ? 'the .dsc lists no upstream tarball' : `${orig.name} could not be used (see findings and problems)`;
      return {
        kind: 'deb',
        subject: spec,
        files: { origin: spec, files: [], skipped: [], totalSize: 0 },
        name: debSpec.source,
        version: debianUpstreamVersion(debSpec.version),
        findings: got.findings,
        problems: [...got.problems, { code: 'E_INTEGRITY', subject: spec, message: `${spec}: nothing compared: ${why}` }],
        unavailable,
        facts,
      };
    }
    const files = await readArchive(body, { strip: 'auto', origin: `${spec} ${orig.name}`, ...limits });
    return {
      kind: 'deb',
      subject: spec,
      files,
      name: debSpec.source,
      version: debianUpstreamVersion(debSpec.version),
      findings: got.findings,
      problems: got.problems,
      unavailable,
      facts,
    };
  }
  const path = resolve(o.cwd, spec);
  const st = await stat(path).catch((e: unknown) => {
    throw new VigilError('E_INPUT_NOT_FOUND', `${spec}: no such file`, {
      file: spec,
      cause: e,
      hint: 'give a release archive (.tar.gz, .tar.xz, .tar.bz2, .tar.zst, .zip), npm:NAME@VERSION or deb:SOURCE=VERSION',
    });
  });
  if (st.isDirectory()) throw new VigilError('E_USAGE', `${spec} is a directory; verify needs a release archive`, { file: spec });
  const files = await readArchive(st.size <= 256 * 1024 * 1024 ? await readFile(path) : path, { strip: 'auto', origin: spec, ...limits });
  return {
    kind: files.files.some((f) => f.path === 'package.json') && /\.tgz$/.test(spec) ? 'npm' : 'tarball',
    subject: spec,
    files,
    ...nameVersionFromFile(spec),
    findings: [],
    problems: [],
    facts: {},
  };
}
