/**
 * Core domain types shared by every stage (inventory → sources → analyzers → scoring → reports).
 * Raw file/registry shapes live next to their parsers; these are the normalized forms.
 * purl is the identity of a component everywhere (input, store, output).
 */

export type Ecosystem = 'npm' | 'deb' | 'git' | 'github' | 'generic' | (string & {});

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
export type Confidence = 'low' | 'medium' | 'high';

/** Where something was read from: a file and (when known) a 1-based line. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export interface Component {
  /** Package URL, e.g. `pkg:npm/%40babel/core@7.24.0`. The identity of the component. */
  purl: string;
  ecosystem: Ecosystem;
  /** Full name as the ecosystem writes it (npm: `@scope/name`). */
  name: string;
  version: string;
}

export type DependencyKind = 'prod' | 'dev' | 'optional' | 'peer';

export interface InventoryComponent extends Component {
  /** Where this component was declared (lockfile entry, SBOM element...). */
  locations: SourceLocation[];
  /** Download URL as locked, if the input records one. */
  resolved?: string;
  /** SRI integrity string as locked (`sha512-...`, `sha1-...`). */
  integrity?: string;
  /** Reachable only through dev dependencies. */
  dev: boolean;
  /** Reachable only through optional dependencies. */
  optional: boolean;
  /** Install paths (npm: `node_modules/a/node_modules/b`), for reports. */
  paths?: string[];
  /** Extra ecosystem facts (deb: arch, source package...). */
  meta?: Record<string, unknown>;
  /** When set, the component is kept in the inventory but no analyzer looks at it yet. */
  notAnalyzed?: string;
  /** The os/cpu/libc the package declares (npm records them in the lockfile); absent: every platform. */
  platform?: PlatformConstraint;
}

/** package.json `os`/`cpu`/`libc` lists (`!` negates), as npm checks them before installing. */
export interface PlatformConstraint {
  os?: string[];
  cpu?: string[];
  libc?: string[];
}

export interface Edge {
  /** purl of the dependent component, or a root id (`root:<name>`). */
  from: string;
  /** purl of the dependency. */
  to: string;
  kind: DependencyKind;
  /** The range or spec as declared by the dependent. */
  spec?: string;
}

export interface Root {
  /** `root:<workspace name or path>` */
  id: string;
  name: string;
  /** Workspace path relative to the project (`.` for the top). */
  path: string;
  version?: string;
}

export interface InventorySource {
  file: string;
  format: string;
  /** Versions were resolved from ranges, not locked (bare package.json). */
  resolvedNotLocked?: boolean;
  note?: string;
}

export interface Inventory {
  sources: InventorySource[];
  roots: Root[];
  components: InventoryComponent[];
  edges: Edge[];
  /** Things that could not be read; the inventory is partial where these say. */
  problems: Problem[];
}

/** A concrete, checkable piece of evidence. Only the fields that apply are set. */
export interface Evidence {
  kind: 'file' | 'metadata' | 'commit' | 'path' | 'digest' | 'text' | 'message' | 'advisory' | 'url';
  /** Short human label: "install script", "integrity (lockfile)". */
  label?: string;
  file?: string;
  line?: number;
  /** A short excerpt (a line or a few), never a whole file. */
  excerpt?: string;
  commit?: string;
  /** Metadata field name (`scripts.postinstall`, `_npmUser`). */
  field?: string;
  before?: unknown;
  after?: unknown;
  value?: unknown;
  /** Dependency path from a root, as purls or names. */
  path?: string[];
  url?: string;
  /** Message id / date for discussion evidence. */
  messageId?: string;
  date?: string;
}

export interface AnalyzerRef {
  id: string;
  version: string;
}

export interface Finding {
  /** Rule id from the catalogue, e.g. `npm/install-script`. */
  rule: string;
  severity: Severity;
  confidence: Confidence;
  /** purl, or `repo@commit`, or an artifact path. */
  subject: string;
  title: string;
  evidence: Evidence[];
  explanation: string;
  remediation?: string;
  /** Who saw it. */
  analyzer: AnalyzerRef;
  /** Stable across re-scans; computed by the engine from rule + subject + key evidence. */
  fingerprint?: string;
  /** Set when a suppression matched; suppressed findings are kept but do not count. */
  suppressed?: { reason: string; expires?: string };
}

/**
 * Something that could not be done: the result is partial where a problem says so.
 * Never thrown away; reports list them under "what is missing".
 */
export interface Problem {
  code: string;
  message: string;
  /** purl, file or URL this is about. */
  subject?: string;
  /** A summary of many alike problems (e.g. offline misses of a huge lockfile): the subjects it stands for. */
  subjects?: string[];
  file?: string;
  line?: number;
  hint?: string;
}

/** A fact that a check could not run because the source does not provide it. */
export interface Unavailable {
  subject: string;
  /** e.g. `maintainers`, `_npmUser`, `time`, `attestations`. */
  field: string;
  reason: string;
}
