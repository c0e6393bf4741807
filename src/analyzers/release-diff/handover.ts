/**
 * Who holds the package now, and since when: the publisher of a release, when they first published
 * it, and what the package looked like just before (a long silence, a single previous owner). A
 * handover is not a finding by itself — most are ordinary (bench/diff-false-alarms.ts) — it is the
 * "who" half of a takeover story that the correlation layer (src/correlate/) joins with what the
 * new owner shipped. Needs `_npmUser` (and real `time` for the day counts).
 */
import type { Packument } from '../../sources/npm/types.js';
import { personKey, type HistoryIndex } from './history-index.js';
import { DORMANT_DAYS } from './weights.js';

const DAY = 86_400_000;
/** A handover this recent (before the analyzed release) still belongs to the release's story. */
export const RECENT_HANDOVER_DAYS = 180;
/** Without real publish times: within this many releases. */
const RECENT_HANDOVER_RELEASES = 3;

export interface HandoverFacts {
  /** The account that published the analyzed release. */
  publisher: string;
  /** Their first release of this package, and when. */
  firstRelease: string;
  firstPublishedAt?: string;
  /** From their first release to the analyzed one. */
  daysSinceFirst?: number;
  releasesSinceFirst: number;
  /** Listed as a maintainer before their first release (a co-maintainer, not an outsider). */
  wasMaintainerBefore: boolean;
  /** Silence before their first release (days), when times are real. */
  dormantDaysBefore?: number;
  /** Accounts that published the package before them. */
  previousPublishers: string[];
}

/**
 * The handover behind `version`, when its publisher is not the package's first publisher and took
 * over recently; undefined otherwise (or when the registry does not serve publishers).
 */
export function recentHandover(p: Packument, version: string, h: HistoryIndex): HandoverFacts | undefined {
  if (!p.available.npmUser) return undefined;
  const idx = h.indexOf.get(version);
  const pub = personKey(p.versions[version]?.npmUser);
  if (idx === undefined || pub === undefined) return undefined;
  const first = h.firstPublish.get(pub);
  if (first === undefined || first <= h.firstWithPublisher || first > idx) return undefined;
  const firstRelease = h.order[first] as string;
  const t = h.timeOf(version);
  const t0 = h.timeOf(firstRelease);
  const days = t !== undefined && t0 !== undefined ? Math.round((t - t0) / DAY) : undefined;
  if (days !== undefined ? days > RECENT_HANDOVER_DAYS : idx - first > RECENT_HANDOVER_RELEASES) return undefined;
  const before = h.order[first - 1];
  const tb = before !== undefined ? h.timeOf(before) : undefined;
  const gap = t0 !== undefined && tb !== undefined ? Math.round((t0 - tb) / DAY) : undefined;
  const previous = new Set<string>();
  for (let i = 0; i < first; i++) {
    const k = personKey(p.versions[h.order[i] as string]?.npmUser);
    if (k !== undefined) previous.add(k);
  }
  return {
    publisher: pub,
    firstRelease,
    ...(t0 !== undefined ? { firstPublishedAt: new Date(t0).toISOString() } : {}),
    ...(days !== undefined ? { daysSinceFirst: days } : {}),
    releasesSinceFirst: idx - first,
    wasMaintainerBefore: (h.firstMaintainer.get(pub) ?? Infinity) < first,
    ...(gap !== undefined ? { dormantDaysBefore: gap } : {}),
    previousPublishers: [...previous].sort(),
  };
}

export const isDormantGap = (f: HandoverFacts): boolean => (f.dormantDaysBefore ?? 0) >= DORMANT_DAYS;
