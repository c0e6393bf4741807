/**
 * The next reviews, most worth doing first: importance (criticality × fragility from the scan's
 * scores when known, else how much of the graph depends on it) divided by the cost of the review
 * (a delta from an already-audited version is cheaper than a full audit; bytes to read when the
 * registry told us the unpacked sizes).
 */
import type { AuditItem } from './coverage.js';

export type Importance = (purl: string) => number | undefined;
/** Unpacked size in bytes of `package@version`, when known. */
export type SizeOf = (pkg: string, version: string) => number | undefined;

export interface ReviewSuggestion {
  purl: string;
  package: string;
  version: string;
  required: string;
  dev: boolean;
  kind: 'delta' | 'full';
  /** For a delta: the audited version to review from. */
  from?: string;
  /** Estimated bytes to read (unpacked size, or size difference for a delta), when known. */
  reviewBytes?: number;
  importance: number;
  /** importance / cost; higher first. */
  priority: number;
  /** The command that opens this review. */
  command: string;
}

function cost(kind: 'delta' | 'full', bytes: number | undefined): number {
  const size = bytes === undefined ? 4 : Math.log10(bytes + 10);
  return (kind === 'delta' ? 1 : 2) * size;
}

export function rankReviews(items: readonly AuditItem[], importance?: Importance, sizeOf?: SizeOf): ReviewSuggestion[] {
  const out = items.map((i): ReviewSuggestion => {
    const from = i.coverage.status === 'unaudited' ? i.coverage.nearest : undefined;
    const kind = from ? 'delta' : 'full';
    const to = sizeOf?.(i.package, i.version);
    const base = from ? sizeOf?.(i.package, from) : undefined;
    const reviewBytes = to === undefined ? undefined : kind === 'delta' ? (base === undefined ? undefined : Math.abs(to - base)) : to;
    const imp = importance?.(i.purl) ?? 1;
    const command =
      kind === 'delta'
        ? `vigil audit delta ${i.package} ${from} ${i.version} --criteria ${i.required}`
        : `vigil audit record ${i.package}@${i.version} --criteria ${i.required}`;
    return {
      purl: i.purl,
      package: i.package,
      version: i.version,
      required: i.required,
      dev: i.dev,
      kind,
      from,
      reviewBytes,
      importance: imp,
      priority: imp / cost(kind, reviewBytes),
      command,
    };
  });
  return out.sort((a, b) => b.priority - a.priority || a.package.localeCompare(b.package) || a.version.localeCompare(b.version));
}
