/**
 * Analyzer plugin interface. Analyzers are registered in one explicit list (`registry.ts`).
 * `appliesTo` must be cheap; `needs` tells the engine what to fetch first and lets offline runs
 * skip (and report) analyzers that need the network.
 */
import type { SourcePolicy } from '../sources/npm/source-policy.js';
import type { Finding, Inventory, InventoryComponent, Problem, Unavailable } from '../core/types.js';
import type { RuleInfo } from '../core/rule.js';
import type { Packument, VersionManifest } from '../sources/npm/types.js';
import type { PackageFiles } from '../sources/archive/types.js';
import type { DebArchiveData } from '../sources/debian/archive-data.js';
import type { Store } from '../store/types.js';
import type { ContentFactsService } from './content/facts-service.js';

export interface AnalyzerNeeds {
  /** Needs live network access (not satisfiable from the cache alone). */
  network?: boolean;
  /** Needs the registry packument (full metadata). */
  packument?: boolean;
  /** Needs the files of the release (tarball contents). */
  tarball?: boolean;
  /** Needs the files of the previous release too. */
  previousTarball?: boolean;
  /** Needs a git repository. */
  git?: boolean;
}

export interface AnalyzerOutput {
  findings: Finding[];
  /**
   * The analyzer's declared fact type (see facts.ts), stored by the engine exactly as produced:
   * `result.facts[analyzer id][purl]` for component analyzers, `result.facts[analyzer id]` for
   * inventory analyzers.
   */
  facts?: object;
  unavailable?: Unavailable[];
  problems?: Problem[];
  /**
   * The analysis stopped at a resource limit (time or memory); its problems say what is missing.
   * Stored like any output, so a rescan reports the same gap without repeating the work; the engine
   * runs it again once the stored output is older than a bound, or when the user asks (--retry-failed).
   */
  gaveUp?: boolean;
}

/**
 * The services of one scan, typed: whoever runs analyzers (the engine, a per-command pipeline, a
 * test) provides them; an absent optional one means "not available in this run".
 */
export interface AnalyzerServices {
  /** Content facts per release, computed once per scan (in the worker pool on large scans). */
  contentFacts: ContentFactsService;
  /** Registry metadata of other packages (age and size of new dependencies); absent offline. */
  packuments?: (name: string) => Promise<Packument>;
  /** The store: advisories imported with `vigil advisories update` join the built-in set. */
  store?: Store;
  /** Debian archive data (maintainers, uploads) for host analyses. */
  debianArchive?: DebArchiveData;
}

/** Everything a component analyzer may look at. Optional fields are present when `needs` asked. */
export interface ComponentContext {
  component: InventoryComponent;
  inventory: Inventory;
  packument?: Packument;
  manifest?: VersionManifest;
  files?: PackageFiles;
  /** `filesSkipped`: the previous release's files were not fetched, by choice (not a failure). */
  previous?: { version: string; manifest?: VersionManifest; files?: PackageFiles; filesSkipped?: boolean };
  /** Hosts lockfile URLs are expected on (configured registries, --allow-host), when known. */
  sourcePolicy?: SourcePolicy;
  services: AnalyzerServices;
  offline: boolean;
}

/**
 * What produced an analyzer's output: `code` lists the source folders/files (relative to src/, or
 * `../data/...`) whose content hash keys its cached outputs (core/code-hash.ts), so a changed rule
 * is never answered from an older run. `version` is a label for people, not a cache key.
 */
export interface AnalyzerIdentity {
  id: string;
  version: string;
  code: readonly string[];
}

export interface ComponentAnalyzer extends AnalyzerIdentity {
  kind: 'component';
  needs: AnalyzerNeeds;
  rules: RuleInfo[];
  appliesTo(component: InventoryComponent): boolean;
  /**
   * With `needs.previousTarball`: why this component's previous release is worth downloading (given
   * the findings of the analyzers that ran before), or undefined to compare metadata only. Absent:
   * always download. `--deep` always downloads.
   */
  wantsPreviousFiles?(ctx: ComponentContext, findings: readonly Finding[]): string | undefined;
  analyze(ctx: ComponentContext): Promise<AnalyzerOutput> | AnalyzerOutput;
}

export interface InventoryContext {
  inventory: Inventory;
  offline: boolean;
  services: AnalyzerServices;
}

/** Runs once over the whole inventory (advisory matching, criticality, graph-level checks). */
export interface InventoryAnalyzer extends AnalyzerIdentity {
  kind: 'inventory';
  needs: AnalyzerNeeds;
  rules: RuleInfo[];
  analyze(ctx: InventoryContext): Promise<AnalyzerOutput> | AnalyzerOutput;
}

export type Analyzer = ComponentAnalyzer | InventoryAnalyzer;
