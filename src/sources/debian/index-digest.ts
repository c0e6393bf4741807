/**
 * Compact digests of archive indexes: only what vigil's analyzers read, small enough to memoize
 * in the store keyed by the index's SHA256 (so a warm scan does not decompress 50 MB again).
 */
import { forEachStanza } from './control.js';

/** Binary package name → [version, arch, source-or-empty][] (source empty when equal to the name). */
export type PackagesDigest = Record<string, [string, string, string][]>;

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
}

/** Source package name → its stanzas (usually one per suite/component). */
export type SourcesDigest = Record<string, SourceInfo[]>;

const PKG_FIELDS = new Set(['package', 'version', 'architecture', 'source']);
const SRC_FIELDS = new Set(['package', 'version', 'maintainer', 'uploaders', 'homepage', 'binary', 'vcs-git', 'vcs-browser', 'vcs-svn', 'vcs-bzr', 'vcs-hg', 'vcs-darcs', 'vcs-cvs', 'vcs-mtn', 'vcs-arch']);

export function digestPackages(text: string): PackagesDigest {
  const out: PackagesDigest = Object.create(null) as PackagesDigest;
  forEachStanza(text, (s) => {
    const f = s.fields;
    if (!f.package || !f.version) return;
    const src = f.source && f.source !== f.package ? f.source : '';
    (out[f.package] ??= []).push([f.version, f.architecture ?? '', src]);
  }, { only: PKG_FIELDS });
  return out;
}

/** Split `A <a@x>, B <b@y>` into people; commas inside quoted names are kept. */
export function splitPeople(v: string | undefined): string[] {
  if (!v) return [];
  const out = v.replace(/\s*\n\s*/g, ' ').match(/[^,<]*<[^>]*>/g) ?? [];
  return out.map((p) => p.trim()).filter(Boolean);
}

export function digestSources(text: string): SourcesDigest {
  const out: SourcesDigest = Object.create(null) as SourcesDigest;
  forEachStanza(text, (s) => {
    const f = s.fields;
    if (!f.package || !f.version) return;
    const vcs: Record<string, string> = {};
    for (const [k, v] of Object.entries(f)) if (k.startsWith('vcs-')) vcs[k] = v;
    (out[f.package] ??= []).push({
      version: f.version,
      maintainer: (f.maintainer ?? '').trim(),
      uploaders: splitPeople(f.uploaders),
      vcs,
      homepage: f.homepage,
      binaries: (f.binary ?? '').split(/[\s,]+/).filter(Boolean),
      line: s.line,
    });
  }, { only: SRC_FIELDS });
  return out;
}
