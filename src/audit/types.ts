/**
 * Audit records: someone looked at a package version (or the delta between two versions) against
 * named criteria. The raw TOML shapes live in `files.ts`; these are the normalized forms every other
 * audit module reads. A package is keyed `ecosystem:name` (`npm:left-pad`), as the CLI spells specs.
 */

/** Where an entry came from: `local` (this repository) or the name of an import. */
export type Origin = 'local' | (string & {});

export interface CriteriaDef {
  name: string;
  description: string;
  /** Criteria this one implies (auditing for it also certifies them). */
  implies: string[];
}

interface EntryBase {
  package: string;
  criteria: string[];
  who: string;
  date?: string;
  notes?: string;
  origin: Origin;
}

export interface FullAudit extends EntryBase {
  kind: 'full';
  version: string;
}
export interface DeltaAudit extends EntryBase {
  kind: 'delta';
  from: string;
  to: string;
}
/** The versions in `range` (a semver range) FAIL the criteria: a report that they are unsafe. */
export interface Violation extends EntryBase {
  kind: 'violation';
  range: string;
}
export type AuditEntry = FullAudit | DeltaAudit | Violation;

/** Where to fund a reviewer, declared beside their audits: `[reviewers."Name <email>"] funding = "URL"`. */
export interface ReviewerInfo {
  who: string;
  funding: string;
  origin: Origin;
}

export interface AuditSet {
  criteria: CriteriaDef[];
  entries: AuditEntry[];
  /** Reviewers' funding channels (absent when the file declares none). */
  reviewers?: ReviewerInfo[];
}

export interface Exemption {
  package: string;
  version: string;
  criteria: string[];
  reason: string;
  /** ISO date; after it the exemption no longer covers the version and is reported. */
  expires?: string;
}

/** Another organisation's audits, pinned by hash, trusted for some criteria and packages. */
export interface ImportSpec {
  name: string;
  /** A file path (relative to the supply-chain folder) or an http(s) URL. */
  url: string;
  /** sha256 hex of the fetched file; `vigil audit fetch` refuses other bytes. */
  sha256?: string;
  /** Criteria of theirs we accept (built-in names mean the same thing everywhere). Empty = all built-in. */
  criteria: string[];
  /** Package patterns we accept from them (`npm:*`, `npm:@scope/*`, `npm:left-pad`). Empty = all. */
  packages: string[];
}

export interface AuditPolicy {
  /** Required for dependencies reachable in production. */
  criteria: string;
  /** Required for dependencies reachable only through dev dependencies. */
  devCriteria: string;
}

export interface SupplyChain {
  /** The supply-chain folder. */
  dir: string;
  policy: AuditPolicy;
  local: AuditSet;
  exemptions: Exemption[];
  imports: ImportSpec[];
  /** Fetched imports (from imports.lock), by import name. Missing ones are reported. */
  imported: Map<string, AuditSet>;
}
