/**
 * The one result model every renderer reads. JSON output is this object; bump SCHEMA_VERSION on any
 * incompatible change and document it in docs/json-schema.md.
 */
import type { Finding, Inventory, Problem, Severity, Unavailable } from './types.js';

export const SCHEMA_VERSION = '1.0';

export interface SuppressionRule {
  rule: string;
  /** purl, purl prefix with `*` wildcard, or package name. */
  subject: string;
  reason: string;
  /** ISO date; after it the suppression no longer applies and is reported as expired. */
  expires?: string;
  /** Where it was declared (config file). */
  source?: string;
  /** Set when `rule` is a retired id: the rules that now report its findings (the suppression applies to them). */
  renamedTo?: string[];
}

export interface ScanChanges {
  previousScanId: number;
  previousAt: string;
  newComponents: string[];
  removedComponents: string[];
  changedVersions: { name: string; from: string; to: string }[];
  newFindings: string[];
  /** Findings of the previous scan that are gone (not merely suppressed). */
  resolvedFindings: string[];
  /** Findings still present that a suppression now silences (absent in results stored before it existed). */
  suppressedFindings?: string[];
}

export interface ScanResult {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'vigil'; version: string };
  command: string;
  startedAt: string;
  finishedAt: string;
  /** What was scanned (directory or file), and the key used to find earlier scans of it. */
  target: { path: string; key: string };
  offline: boolean;
  inventory: Inventory;
  findings: Finding[];
  /** What could not be done: the result is partial where these say. */
  problems: Problem[];
  /** Checks that could not run because a source does not serve a field. */
  unavailable: Unavailable[];
  /** Analyzers skipped for the whole scan and why (offline, no git...). */
  skipped: { analyzer: string; reason: string }[];
  /** `renamed`: suppressions naming a retired rule id (they apply to its successors; the config should be updated). */
  suppressions: { applied: number; unused: SuppressionRule[]; expired: SuppressionRule[]; renamed?: SuppressionRule[] };
  /** Per-analyzer facts kept for scoring and later reports, keyed by analyzer id then subject. */
  facts: Record<string, Record<string, unknown>>;
  changes?: ScanChanges;
  /** Platforms analysed, and the optional components left out because npm would not install them there. */
  platform?: { targets: string[] | 'all'; skipped: { purl: string; reason: string }[] };
  /** Set with `--baseline`: findings already in the baseline are not listed (only new ones are). */
  baseline?: { from: string; at: string; hidden: number };
  summary: {
    components: number;
    findings: Record<Severity, number>;
    suppressed: number;
    /** Components at least one check could not run for (a problem names them). */
    unchecked: number;
    /** Problems in all (inventory and checks): non-zero means the result is partial. */
    problems: number;
  };
}
