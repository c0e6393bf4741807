/**
 * `vigil diff deb:NAME FROM TO`: two versions of a Debian binary package — each a local .deb file
 * or a version from the configured archive — compared binary by binary (ELF delta) with the
 * changelog entries between them (what the maintainers say changed) beside it.
 */
import type { ArchiveLimits } from '../sources/archive/limits.js';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { VigilError } from '../core/errors.js';
import { finalizeResult, newResult } from '../core/result-builder.js';
import type { ScanResult } from '../core/result.js';
import type { Store } from '../store/types.js';
import { readArchive } from '../sources/archive/read-archive.js';
import { debControl } from '../sources/archive/deb-control.js';
import type { PackageFiles } from '../sources/archive/types.js';
import { readAptSources } from '../formats/debian/apt-sources.js';
import { DebArchiveClient } from '../sources/debian/archive-client.js';
import { selectSuites } from '../sources/debian/archive-data.js';
import { fetchArchiveDeb } from '../sources/debian/binary-package.js';
import { parseChangelog } from '../sources/debian/changelog.js';
import { compareDebianVersions } from '../formats/debian/version.js';
import { debPurl } from '../core/purl.js';
import { binaryFacts, binaryFindings } from '../analyzers/binary/package.js';
import { binaryDelta, deltaFindings } from '../analyzers/binary/delta.js';
import { BINARY_DELTA_FACTS, type DeltaView } from '../analyzers/binary/delta-text.js';
import { putComponentFacts, putResultFacts } from '../core/facts.js';
import { BINARY_FACTS } from '../analyzers/binary/facts.js';
import type { ProxySettings } from '../sources/net/guarded-fetch.js';

export interface DiffDebOptions {
  cwd: string;
  /** Archive limits (`--max-file-mb`). */
  limits?: Partial<ArchiveLimits>;
  store?: Store;
  offline?: boolean;
  mirror?: string;
  suites?: string[];
  arch?: string;
  aptRoot?: string;
  fetch?: typeof globalThis.fetch;
  keyring?: string;
  /** Hosts redirects may go to besides the one asked (--allow-host). */
  allowHosts?: readonly string[];
  /** The run's network deadline (--timeout), epoch ms. */
  deadlineAt?: number;
  /** The proxy of the user's npm configuration. */
  proxy?: ProxySettings;
}

interface Side {
  files: PackageFiles;
  version: string;
  name: string;
  arch: string;
  origin: string;
}

const MAX_CHANGELOG = 8 * 1024 * 1024;

function nativeArch(): string {
  return process.arch === 'arm64' ? 'arm64' : process.arch === 'ia32' ? 'i386' : 'amd64';
}

async function isFile(cwd: string, p: string): Promise<string | undefined> {
  const full = resolve(cwd, p);
  const st = await stat(full).catch(() => undefined);
  return st?.isFile() ? full : undefined;
}

async function loadSide(
  spec: string,
  name: string | undefined,
  o: DiffDebOptions,
  client: () => { client: DebArchiveClient; suites: ReturnType<typeof selectSuites> },
): Promise<Side> {
  const file = await isFile(o.cwd, spec);
  let files: PackageFiles;
  let origin: string;
  if (file) {
    files = await readArchive(file, { origin: spec, ...(o.limits ? { limits: o.limits } : {}) });
    origin = spec;
    if (files.format !== 'deb') throw new VigilError('E_USAGE', `${spec} is not a .deb file`, { file: spec });
  } else {
    if (!name)
      throw new VigilError('E_USAGE', `${spec}: no such .deb file`, {
        hint: 'vigil diff deb:NAME FROM TO (versions or .deb files) | vigil diff OLD.deb NEW.deb',
      });
    const { client: c, suites } = client();
    const got = await fetchArchiveDeb(c, suites, name, spec, o.arch ?? nativeArch());
    origin = got.url;
    files = await readArchive(got.bytes, { origin, ...(o.limits ? { limits: o.limits } : {}) });
  }
  const ctl = debControl(files);
  if (!ctl?.package || !ctl.version)
    throw new VigilError('E_ARCHIVE', `${origin}: no DEBIAN/control with Package and Version`, { file: origin });
  if (name && ctl.package !== name) throw new VigilError('E_USAGE', `${origin} is package ${ctl.package}, not ${name}`, { file: origin });
  return { files, version: ctl.version, name: ctl.package, arch: ctl.architecture ?? '', origin };
}

/** Changelog entries of `to` newer than `fromVersion`, from usr/share/doc/NAME/changelog.Debian.gz. */
export function changelogDelta(to: Side, fromVersion: string): DeltaView['source'] {
  const doc = to.files.files.find((f) =>
    new RegExp(`^usr/share/doc/${to.name.replace(/[.+]/g, '\\$&')}/changelog\\.Debian(\\.gz)?$`).test(f.path),
  );
  if (!doc?.data)
    return {
      kind: 'Debian changelog',
      entries: [],
      note: `no changelog.Debian in ${to.origin} (it may be a symlink to another package's doc directory)`,
    };
  let text: string;
  try {
    text = (doc.path.endsWith('.gz') ? gunzipSync(doc.data, { maxOutputLength: MAX_CHANGELOG }) : doc.data).toString('utf8');
  } catch (e) {
    return { kind: 'Debian changelog', entries: [], note: `${doc.path}: cannot decompress (${(e as Error).message})` };
  }
  const lines = text.split(/\r?\n/);
  const all = parseChangelog(text);
  const entries = all
    .map((e, i) => ({ e, body: lines.slice(e.line, (all[i + 1]?.line ?? lines.length + 1) - 1) }))
    .filter(({ e }) => compareDebianVersions(e.version, fromVersion) > 0)
    .map(({ e, body }) => ({
      version: `${e.version} (${e.distribution}) — ${e.name}${e.date ? `, ${e.date.slice(0, 10)}` : ''}`,
      lines: body.filter((l) => !l.startsWith(' -- ') && /^\s+[*\-[]|^\s{4,}\S/.test(l)).map((l) => l.trim()),
    }));
  return { kind: 'Debian changelog', entries, ...(entries.length ? {} : { note: `no changelog entry newer than ${fromVersion}` }) };
}

export async function diffDeb(positionals: string[], o: DiffDebOptions): Promise<ScanResult> {
  const [first, a, b] = positionals;
  let name: string | undefined;
  let fromSpec: string | undefined;
  let toSpec: string | undefined;
  if (first?.startsWith('deb:')) {
    name = first.slice(4);
    if (!/^[a-z0-9][a-z0-9.+-]+$/.test(name)) throw new VigilError('E_USAGE', `invalid Debian package name in "${first}"`);
    [fromSpec, toSpec] = [a, b];
  } else [fromSpec, toSpec] = [first, a];
  if (!fromSpec || !toSpec)
    throw new VigilError('E_USAGE', 'diff of Debian packages needs two versions or two .deb files', {
      hint: 'vigil diff deb:liblzma5 OLD_VERSION NEW_VERSION | vigil diff OLD.deb NEW.deb',
    });
  let cached: { client: DebArchiveClient; suites: ReturnType<typeof selectSuites> } | undefined;
  const problems: ScanResult['problems'] = [];
  const archive = () => {
    if (cached) return cached;
    if (!o.store) throw new VigilError('E_STORE', 'reading versions from the Debian archive needs the store (cache of verified indexes)');
    const apt = readAptSources(o.aptRoot ?? '/');
    problems.push(...apt.problems);
    const suites = selectSuites(apt.sources, { mirror: o.mirror, suites: o.suites });
    if (!suites.length)
      throw new VigilError('E_CONFIG', 'no Debian archive configured: no `deb` line in the apt sources and no --mirror/--suite given', {
        hint: 'pass --mirror URL --suite SUITE, or give .deb files',
      });
    cached = {
      client: new DebArchiveClient({
        store: o.store,
        fetch: o.fetch,
        offline: o.offline,
        keyring: o.keyring,
        allowHosts: o.allowHosts,
        deadlineAt: o.deadlineAt,
        proxy: o.proxy,
      }),
      suites,
    };
    return cached;
  };
  const from = await loadSide(fromSpec, name, o, archive);
  const to = await loadSide(toSpec, name ?? from.name, o, archive);
  const subject = debPurl(to.name, to.version, to.arch || undefined);
  const result = newResult('diff', `deb:${to.name} ${from.version} ${to.version}`);
  result.offline = o.offline === true;
  result.inventory.components.push({
    purl: subject,
    ecosystem: 'deb',
    name: to.name,
    version: to.version,
    locations: [{ file: to.origin }],
    dev: false,
    optional: false,
    meta: { arch: to.arch, previous: from.version },
  });
  result.inventory.sources.push({ file: from.origin, format: '.deb package' }, { file: to.origin, format: '.deb package' });
  const before = binaryFacts(from.files);
  const after = binaryFacts(to.files);
  const delta = binaryDelta(before, after, from.version, to.version);
  const source = changelogDelta(to, from.version);
  const sourceNote = source.entries.length
    ? `The changelog lists ${source.entries.length} upload(s) between the versions: check whether they explain this.`
    : `${source.note ?? ''}.`;
  result.findings.push(
    ...binaryFindings(after, { subject, ecosystem: 'deb' }),
    ...deltaFindings(delta, after, before, subject, sourceNote),
  );
  for (const u of [...before.unreadable, ...after.unreadable])
    result.problems.push({ code: 'E_ARCHIVE', subject, file: u.path, message: `${u.path}: ELF file not analysed: ${u.reason}` });
  result.problems.push(...problems, ...(from.files.problems ?? []), ...(to.files.problems ?? []), ...(cached?.client.problems ?? []));
  result.unavailable.push(...(cached?.client.unavailable ?? []));
  const view: DeltaView = { delta, source };
  putResultFacts(result, BINARY_DELTA_FACTS, view);
  putComponentFacts(result, BINARY_FACTS, subject, after);
  putComponentFacts(result, BINARY_FACTS, `${subject}#previous`, before);
  return finalizeResult(result);
}
