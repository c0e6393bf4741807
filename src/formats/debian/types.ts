/** Normalized Debian package records (binary packages as installed or as listed in an archive). */
import type { Relation, RelationClause } from './relations.js';

/** dpkg's package state, from the third word of `Status:` (`installed`, `unpacked`...). */
export type DpkgState =
  | 'installed'
  | 'triggers-awaited'
  | 'triggers-pending'
  | 'half-configured'
  | 'unpacked'
  | 'half-installed'
  | 'config-files'
  | 'not-installed';

export interface DebPackage {
  name: string;
  version: string;
  /** `amd64`, `all`... */
  arch: string;
  /** `same`, `foreign`, `allowed` or undefined (= no). */
  multiArch?: string;
  /** Source package name and version (from `Source: name (version)`, defaulting to the binary's). */
  source: string;
  sourceVersion: string;
  priority?: string;
  essential: boolean;
  section?: string;
  maintainer?: string;
  homepage?: string;
  depends: RelationClause[];
  preDepends: RelationClause[];
  recommends: RelationClause[];
  provides: Relation[];
  /** Set for packages read from a status file. */
  want?: string;
  state?: DpkgState;
  /** Where the record was read. */
  file: string;
  line: number;
}
