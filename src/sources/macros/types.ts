/** The shipped m4 macro catalogue (data/m4-catalogue/catalogue.json): hashes, not contents. */

export interface MacroVersion {
  /** `# serial` value; `''` when the file has none. */
  serial: string;
  /** sha256 of the normalized content (see normalizeM4). */
  sha256: string;
  /** `package version` pairs that ship exactly this content. */
  from: string[];
}

export interface MacroCatalogue {
  schema: 1;
  generated: string;
  /** Packages the catalogue was built from, `package version`. */
  sources: string[];
  /** Per file name (`build-to-host.m4`): every distinct canonical version. */
  macros: Record<string, MacroVersion[]>;
}

/** Canonical texts kept for diff evidence: sha256 → normalized text. */
export type MacroTexts = Record<string, string>;

export type MacroStatus =
  /** Content equals a canonical version. */
  | 'canonical'
  /** Same serial as a canonical version, different content. */
  | 'modified'
  /** A serial newer than any upstream version in the catalogue. */
  | 'unknown-serial'
  /** A serial between known ones, not in the catalogue (an upstream release Debian never shipped). */
  | 'unlisted-serial'
  /** No serial line where every canonical version has one. */
  | 'no-serial'
  /** The file name is not a known third-party macro (the project's own). */
  | 'not-catalogued';

export interface MacroVerdict {
  name: string;
  status: MacroStatus;
  serial?: string;
  sha256: string;
  /** The canonical version used for comparison (same serial, else the nearest serial). */
  nearest?: MacroVersion;
  /** Serials the catalogue knows for this name, ascending. */
  knownSerials: string[];
}
