/**
 * Compact digests of archive indexes: only what vigil's analyzers read, memoized in the store keyed
 * by the index's SHA256 (so a warm scan does not decompress 50 MB again). A digest is one string of
 * tab-separated lines, name first, so that reading it back for the few hundred installed names
 * never builds objects for the other 60,000 (JSON-parsing a whole-suite object costs ~1 s).
 */
import { forEachStanza } from '../../formats/debian/control.js';

/** Lines `name\tversion\tarch\tsource` (source empty when equal to the name). */
export type PackagesDigest = string;

export interface SourceInfo {
  version: string;
  maintainer: string;
  uploaders: string[];
  /** `Vcs-Git`, `Vcs-Browser`... (lower-cased keys). */
  vcs: Record<string, string>;
  homepage?: string;
  /** Binary package names built from this source. */
  binaries: string[];
  /** Line of the stanza in the index (evidence). */
  line: number;
  /** Pool directory (`pool/main/x/xz-utils`). */
  directory?: string;
  /** The packaging part of the source (`*.debian.tar.*` or `*.diff.gz`) with its SHA256 from the signed chain. */
  debianFile?: { name: string; sha256: string; size: number };
}

/** Lines `name\t<SourceInfo as JSON>`. */
export type SourcesDigest = string;

const PKG_FIELDS = new Set(['package', 'version', 'architecture', 'source']);
const SRC_FIELDS = new Set([
  'package',
  'version',
  'maintainer',
  'uploaders',
  'homepage',
  'binary',
  'directory',
  'checksums-sha256',
  'vcs-git',
  'vcs-browser',
  'vcs-svn',
  'vcs-bzr',
  'vcs-hg',
  'vcs-darcs',
  'vcs-cvs',
  'vcs-mtn',
  'vcs-arch',
]);

const clean = (v: string | undefined): string => (v ?? '').replace(/[\t\n]/g, ' ');

export function digestPackages(text: string): PackagesDigest {
  const out: string[] = [];
  forEachStanza(
    text,
    (s) => {
      const f = s.fields;
      if (!f.package || !f.version) return;
      const src = f.source && f.source !== f.package ? f.source : '';
      out.push(`${clean(f.package)}\t${clean(f.version)}\t${clean(f.architecture)}\t${clean(src)}`);
    },
    { only: PKG_FIELDS },
  );
  return out.join('\n');
}

/** Lines of a digest whose first column is in `want` (all lines when `want` is undefined). */
export function* digestLines(d: string, want?: ReadonlySet<string>): Generator<[string, string]> {
  let pos = 0;
  while (pos < d.length) {
    let end = d.indexOf('\n', pos);
    if (end < 0) end = d.length;
    const tab = d.indexOf('\t', pos);
    if (tab > pos && tab < end) {
      const name = d.slice(pos, tab);
      if (!want || want.has(name)) yield [name, d.slice(tab + 1, end)];
    }
    pos = end + 1;
  }
}

export function* readPackagesDigest(
  d: string,
  want?: ReadonlySet<string>,
): Generator<{ name: string; version: string; arch: string; source: string }> {
  for (const [name, rest] of digestLines(d, want)) {
    const [version = '', arch = '', source = ''] = rest.split('\t');
    yield { name, version, arch, source: source ? source.split(' ')[0]! : name };
  }
}

export function* readSourcesDigest(d: string, want?: ReadonlySet<string>): Generator<{ name: string; info: SourceInfo }> {
  for (const [name, rest] of digestLines(d, want)) yield { name, info: JSON.parse(rest) as SourceInfo };
}

/** Split `A <a@x>, B <b@y>` into people; commas inside quoted names are kept. */
export function splitPeople(v: string | undefined): string[] {
  if (!v) return [];
  const out = v.replace(/\s*\n\s*/g, ' ').match(/[^,<]*<[^>]*>/g) ?? [];
  return out.map((p) => p.trim()).filter(Boolean);
}

function debianFileOf(list: string | undefined): SourceInfo['debianFile'] {
  for (const l of (list ?? '').split('\n')) {
    const m = /^\s*([0-9a-f]{64})\s+(\d+)\s+(\S+\.(?:debian\.tar\.(?:xz|gz|bz2)|diff\.gz))\s*$/i.exec(l);
    if (m) return { name: m[3]!, sha256: m[1]!.toLowerCase(), size: Number(m[2]) };
  }
  return undefined;
}

export function digestSources(text: string): SourcesDigest {
  const out: string[] = [];
  forEachStanza(
    text,
    (s) => {
      const f = s.fields;
      if (!f.package || !f.version) return;
      const vcs: Record<string, string> = {};
      for (const [k, v] of Object.entries(f)) if (k.startsWith('vcs-')) vcs[k] = v;
      const info: SourceInfo = {
        version: f.version,
        maintainer: (f.maintainer ?? '').trim(),
        uploaders: splitPeople(f.uploaders),
        vcs,
        homepage: f.homepage,
        binaries: (f.binary ?? '').split(/[\s,]+/).filter(Boolean),
        line: s.line,
        directory: f.directory,
        debianFile: debianFileOf(f['checksums-sha256']),
      };
      out.push(`${clean(f.package)}\t${JSON.stringify(info)}`);
    },
    { only: SRC_FIELDS },
  );
  return out.join('\n');
}
