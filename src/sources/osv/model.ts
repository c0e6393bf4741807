/**
 * Normalized advisory model. Raw OSV JSON (https://ossf.github.io/osv-schema/) is parsed at the
 * boundary (`parse.ts`) into these; nothing downstream reads raw OSV.
 */
import type { Severity } from '../../core/types.js';

/** Which version ordering applies to an affected package. `other` is matched only by exact versions. */
export type VersionScheme = 'semver' | 'dpkg' | 'other';

export type RangeEventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

export interface RangeEvent {
  kind: RangeEventKind;
  /** `0` for introduced means "from the beginning"; `*` for limit means "no limit". */
  version: string;
}

export interface AffectedRange {
  type: 'SEMVER' | 'ECOSYSTEM' | 'GIT';
  /** GIT ranges: the repository. GIT ranges are kept for reports but never matched. */
  repo?: string;
  events: RangeEvent[];
}

export interface AffectedPackage {
  /** OSV ecosystem as written (`npm`, `Debian:12`, `Debian`). Empty when only a purl is given. */
  ecosystem: string;
  /** Component ecosystem this matches (`npm`, `deb`), or the purl type for other packages. */
  kind: string;
  /** deb: distribution (`debian`, `ubuntu`) and release (`12`), when the ecosystem names them. */
  distro?: string;
  release?: string;
  name: string;
  purl?: string;
  scheme: VersionScheme;
  ranges: AffectedRange[];
  /** Explicitly enumerated affected versions. */
  versions: string[];
  databaseSpecific?: Record<string, unknown>;
  ecosystemSpecific?: Record<string, unknown>;
}

export interface Reference {
  type: string;
  url: string;
}

export interface Advisory {
  id: string;
  /** Other ids for the same issue (CVE, GHSA, MAL, DSA, DLA...). */
  aliases: string[];
  related: string[];
  summary?: string;
  details?: string;
  /** Severity vectors as published (`CVSS_V3` + vector...). */
  severity: { type: string; score: string }[];
  /** vigil's reading of the severity (CVSS base score, database_specific.severity, or default). */
  level: Severity;
  /** Why `level` is what it is (`CVSS_V3 10.0`, `database_specific.severity HIGH`...). */
  levelSource: string;
  /** A malicious release, not a bug: MAL- id or alias, CWE-506 (embedded malicious code), or a
   *  "Malicious code in" / "Embedded malware in" title as OSSF and GitHub write them. */
  malicious: boolean;
  references: Reference[];
  published?: string;
  modified?: string;
  /** Set when the record was withdrawn: it is kept (to replace older copies) but never matched. */
  withdrawn?: string;
  affected: AffectedPackage[];
  databaseSpecific?: Record<string, unknown>;
  /** Where it was read from: `file`, `file!entry` (zip), or `builtin:file`. */
  origin: string;
}

/** Counts reported by an import or update. */
export interface ImportStats {
  /** Records read and valid (withdrawn included). */
  imported: number;
  /** Of those, withdrawn records. */
  withdrawn: number;
  /** Records that could not be used (malformed, no id...); each has a Problem. */
  skipped: number;
  /** Affected entries in ecosystems vigil cannot order, by ecosystem (kept; matched by exact version only). */
  unsupportedEcosystems: Record<string, number>;
}
