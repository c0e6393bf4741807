/**
 * Raw packument JSON → normalized Packument, at the boundary. A body that is HTML or not JSON, or a
 * document of the wrong shape, is E_REGISTRY_BODY naming the package. `available` says which
 * optional fields the registry really served; nothing is filled in when it was not.
 */
import { isObj } from '../../core/guards.js';
import { VigilError } from '../../core/errors.js';
import { assessPublishTimes } from './packument-time.js';
import type { NpmPerson, Packument, VersionManifest } from './types.js';

export interface ParsePackumentInput {
  /** The package that was asked for. */
  name: string;
  body: Buffer | string;
  registry: string;
  fetchedAt: string;
  contentType?: string;
  url?: string;
}

type Obj = Record<string, unknown>;

export function parsePackument(input: ParsePackumentInput): Packument {
  const doc = parseJsonBody(input);
  const where = `packument of ${input.name}${input.url ? ` (${input.url})` : ''}`;
  if (typeof doc.name === 'string' && doc.name !== input.name) {
    throw bodyError(input, `${where} is for a different package: "${doc.name}"`);
  }
  const timeRaw = isObj(doc.time) ? doc.time : undefined;
  const unpublished = timeRaw !== undefined && timeRaw.unpublished !== undefined;
  if (!isObj(doc.versions) && !unpublished) throw bodyError(input, `${where} has no "versions" object`);

  const versions: Record<string, VersionManifest> = {};
  for (const [v, raw] of Object.entries(isObj(doc.versions) ? doc.versions : {})) {
    const m = parseVersion(raw, input.name, v);
    if (m) versions[v] = m;
  }
  const time = timeRaw ? stringRecord(timeRaw) : undefined;
  const maintainers = people(doc.maintainers);
  const list = Object.values(versions);
  const timeVerdict = assessPublishTimes(time, Object.keys(versions), input.fetchedAt);
  const available: Packument['available'] = {
    maintainers: maintainers !== undefined && maintainers.length > 0,
    npmUser: list.some((m) => m.npmUser?.name !== undefined),
    time: timeVerdict.real,
    signatures: list.some((m) => Array.isArray(m.dist.signatures) && m.dist.signatures.length > 0),
    attestations: list.some((m) => isObj(m.dist.attestations)),
  };
  const reasons: NonNullable<Packument['unavailableReasons']> = {};
  if (!available.maintainers) reasons.maintainers = 'the registry did not serve the package maintainers';
  if (!available.npmUser) reasons.npmUser = 'the registry did not serve the publisher (`_npmUser`) of any version';
  if (!available.time) reasons.time = timeVerdict.reason ?? 'publish times unavailable';
  if (!available.signatures) reasons.signatures = 'the registry did not serve registry signatures';
  if (!available.attestations) reasons.attestations = 'the registry did not serve provenance attestations';

  const p: Packument = {
    name: input.name,
    distTags: isObj(doc['dist-tags']) ? stringRecord(doc['dist-tags']) : {},
    versions,
    available,
    unavailableReasons: reasons,
    registry: input.registry,
    fetchedAt: input.fetchedAt,
  };
  if (time) p.time = time;
  if (maintainers) p.maintainers = maintainers;
  const repo = repository(doc.repository);
  if (repo !== undefined) p.repository = repo;
  return p;
}

function parseJsonBody(input: ParsePackumentInput): Obj {
  const text = typeof input.body === 'string' ? input.body : input.body.toString('utf8');
  const head = text.trimStart().slice(0, 64).toLowerCase();
  if ((input.contentType ?? '').includes('text/html') || head.startsWith('<!doctype') || head.startsWith('<html') || head.startsWith('<')) {
    throw bodyError(
      input,
      `registry served HTML instead of the packument of ${input.name}${input.url ? ` (${input.url})` : ''}`,
      'a proxy, captive portal or login page answered; check the registry URL and credentials',
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw bodyError(input, `packument of ${input.name} is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObj(doc)) throw bodyError(input, `packument of ${input.name} is not a JSON object`);
  return doc;
}

/**
 * The dependency maps and scripts of each version that something reads. Not `devDependencies`,
 * `files` or `license`: nothing reads them from the registry (a release's own package.json is read
 * from its tarball), and the dev maps of a framework's thousands of canary releases were most of
 * its parsed packument (next, 2,628 versions: 24 of 34 MiB).
 */
const MANIFEST_MAPS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'scripts'] as const;

function parseVersion(raw: unknown, name: string, key: string): VersionManifest | undefined {
  if (!isObj(raw) || !isObj(raw.dist) || typeof raw.dist.tarball !== 'string') return undefined;
  const d = raw.dist;
  const m: VersionManifest = {
    name: typeof raw.name === 'string' ? raw.name : name,
    version: typeof raw.version === 'string' ? raw.version : key,
    dist: { tarball: d.tarball as string },
    raw: kept(raw),
  };
  if (typeof d.integrity === 'string') m.dist.integrity = d.integrity;
  if (typeof d.shasum === 'string') m.dist.shasum = d.shasum;
  if (typeof d.fileCount === 'number') m.dist.fileCount = d.fileCount;
  if (typeof d.unpackedSize === 'number') m.dist.unpackedSize = d.unpackedSize;
  if (Array.isArray(d.signatures)) m.dist.signatures = d.signatures;
  if (d.attestations !== undefined && d.attestations !== null) m.dist.attestations = d.attestations;
  for (const k of MANIFEST_MAPS) {
    if (isObj(raw[k])) m[k] = stringRecord(raw[k] as Obj);
  }
  const bundled = raw.bundleDependencies ?? raw.bundledDependencies;
  if (Array.isArray(bundled)) m.bundleDependencies = bundled.filter((x): x is string => typeof x === 'string');
  if (typeof raw.bin === 'string') m.bin = raw.bin;
  else if (isObj(raw.bin)) m.bin = stringRecord(raw.bin);
  const repo = repository(raw.repository);
  if (repo !== undefined) m.repository = repo;
  for (const k of ['homepage', 'deprecated', 'gitHead', 'main'] as const) {
    if (typeof raw[k] === 'string') m[k] = raw[k] as string;
  }
  if (raw.funding !== undefined) m.funding = raw.funding;
  const npmUser = person(raw._npmUser);
  if (npmUser) m.npmUser = npmUser;
  const maintainers = people(raw.maintainers);
  if (maintainers) m.maintainers = maintainers;
  if (typeof raw.hasInstallScript === 'boolean') m.hasInstallScript = raw.hasInstallScript;
  return m;
}

/**
 * The unparsed fields analyzers read (platform restrictions, package.json people). The rest of each
 * version document is dropped here: whole documents made a packument with thousands of releases
 * weigh tens of megabytes in memory.
 */
const KEPT_RAW = ['os', 'cpu', 'libc', 'author', 'contributors'] as const;

function kept(raw: Obj): Obj {
  const out: Obj = {};
  for (const k of KEPT_RAW) if (raw[k] !== undefined) out[k] = raw[k];
  return out;
}

function person(x: unknown): NpmPerson | undefined {
  if (typeof x === 'string') {
    // "Name <email> (url)"
    const m = /^\s*([^<(]*?)\s*(?:<([^>]*)>)?\s*(?:\([^)]*\))?\s*$/.exec(x);
    const p: NpmPerson = {};
    if (m?.[1]) p.name = m[1];
    if (m?.[2]) p.email = m[2];
    return p.name || p.email ? p : undefined;
  }
  if (!isObj(x)) return undefined;
  const p: NpmPerson = {};
  if (typeof x.name === 'string' && x.name) p.name = x.name;
  if (typeof x.email === 'string' && x.email) p.email = x.email;
  return p.name || p.email ? p : undefined;
}

function people(x: unknown): NpmPerson[] | undefined {
  if (!Array.isArray(x)) return undefined;
  return x.map(person).filter((p): p is NpmPerson => p !== undefined);
}

function repository(x: unknown): VersionManifest['repository'] | undefined {
  if (typeof x === 'string') return x;
  if (!isObj(x)) return undefined;
  const r: { type?: string; url?: string; directory?: string } = {};
  if (typeof x.type === 'string') r.type = x.type;
  if (typeof x.url === 'string') r.url = x.url;
  if (typeof x.directory === 'string') r.directory = x.directory;
  return r;
}

/**
 * The string-valued entries of `o`. When every value is a string (nearly always: dependency maps,
 * scripts, publish times of thousands of releases) that is `o` itself, freshly parsed and owned by
 * nobody else, so it is not copied; otherwise a copy without the other entries. A `__proto__` key
 * is dropped, as assigning it to a copy always did.
 */
function stringRecord(o: Obj): Record<string, string> {
  for (const k in o) if (typeof o[k] !== 'string') return copyStrings(o);
  return Object.hasOwn(o, '__proto__') ? copyStrings(o) : (o as Record<string, string>);
}

function copyStrings(o: Obj): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (typeof v === 'string') out[k] = v;
  return out;
}

function bodyError(input: ParsePackumentInput, message: string, hint?: string): VigilError {
  return new VigilError('E_REGISTRY_BODY', message, { subject: input.name, ...(hint ? { hint } : {}) });
}
