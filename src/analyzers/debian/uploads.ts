/**
 * Upload history of a source package from its debian/changelog: who uploaded, how often, how many
 * non-maintainer uploads, and newcomers (a person whose first upload is recent in a long history —
 * the pattern of a trust transfer, to be read by a human, not an accusation).
 */
import type { ChangelogEntry } from '../../sources/debian/changelog.js';

export interface UploadHistory {
  uploads: number;
  first?: string;
  last?: string;
  /** Uploads in the 2 years before the last upload. */
  recent: number;
  nmus: number;
  people: { name: string; email: string; uploads: number; first?: string; last?: string }[];
  /** People whose first upload falls in the last 2 years of a history longer than 5 years. */
  newcomers: { name: string; email: string; first: string; uploads: number }[];
}

const YEAR = 365.25 * 86400e3;

export function summarizeUploads(entries: ChangelogEntry[]): UploadHistory {
  const dated = entries.filter((e) => e.date);
  const times = dated.map((e) => Date.parse(e.date!));
  const last = times.length ? Math.max(...times) : undefined;
  const first = times.length ? Math.min(...times) : undefined;
  const people = new Map<string, UploadHistory['people'][number]>();
  for (const e of entries) {
    const k = e.email.toLowerCase() || e.name;
    const p = people.get(k) ?? people.set(k, { name: e.name, email: e.email, uploads: 0 }).get(k)!;
    p.uploads++;
    if (e.date && (!p.first || e.date < p.first)) p.first = e.date;
    if (e.date && (!p.last || e.date > p.last)) p.last = e.date;
  }
  const long = first !== undefined && last !== undefined && last - first > 5 * YEAR;
  const newcomers = long
    ? [...people.values()]
        .filter((p) => p.first && last! - Date.parse(p.first) < 2 * YEAR)
        .map((p) => ({ name: p.name, email: p.email, first: p.first!, uploads: p.uploads }))
    : [];
  return {
    uploads: entries.length,
    first: first !== undefined ? new Date(first).toISOString() : undefined,
    last: last !== undefined ? new Date(last).toISOString() : undefined,
    recent: last !== undefined ? times.filter((t) => last - t < 2 * YEAR).length : 0,
    nmus: entries.filter((e) => e.nmu).length,
    people: [...people.values()].sort((a, b) => b.uploads - a.uploads),
    newcomers,
  };
}
