/**
 * What scoring reads besides the inventory, findings and facts of a ScanResult. Every field is
 * optional: a signal whose data is absent is reported "unknown", never guessed.
 */
import type { PackageMetadata } from '../core/package-metadata.js';

/** The part of the history analyzer's HistoryFacts scoring reads (tolerantly). */
export interface HistoryLike {
  truckFactor?: { value: number; removed?: { name?: string }[] } | number;
  fragility?: {
    topMaintainer?: { name?: string; share?: number; decline?: { peakYear: number; peakCommits: number; lastTwoYears: number } };
  };
}

export interface ScoringExtra {
  /** npm packuments by package name (maintainers, publish times, funding and deprecation of the locked version). */
  packuments?: ReadonlyMap<string, PackageMetadata>;
  /** Funding channels found per purl (any source; [] = looked, found none). Absent purls fall back to the packument's manifest, else unknown. */
  funding?: ReadonlyMap<string, readonly unknown[]>;
  /** Ecosystem-wide dependents per purl, only from real data (imported dependents counts, Debian archive). */
  ecosystem?: ReadonlyMap<string, { dependents: number; source: string }>;
  /** History facts per purl, when the component's repository was analyzed. */
  history?: ReadonlyMap<string, HistoryLike>;
  /** Clock for release age (tests pin it). */
  now?: Date;
}
