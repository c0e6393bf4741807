/**
 * Which watched projects would take a version: every declared range on the package (the project's
 * own dependency or a dependency's) that the version satisfies. A range that already resolves to a
 * newer version still counts: the next fresh install or lockfile update picks the highest match.
 */
import semver from 'semver';
import type { Inventory } from '../core/types.js';
import type { Exposure } from './types.js';

export interface WatchedProject {
  /** Display name (the path given or stored). */
  name: string;
  inventory: Inventory;
}

export function exposureOf(projects: readonly WatchedProject[], pkg: string, version: string): Exposure[] {
  const out: Exposure[] = [];
  for (const p of projects) {
    const byPurl = new Map(p.inventory.components.map((c) => [c.purl, c]));
    const seen = new Set<string>();
    for (const e of p.inventory.edges) {
      const to = byPurl.get(e.to);
      if (!to || to.name !== pkg || !e.spec) continue;
      if (!semver.validRange(e.spec) || !semver.satisfies(version, e.spec)) continue;
      const from = byPurl.get(e.from);
      const via = from ? `${from.name}@${from.version}` : e.from;
      const key = `${via}|${e.spec}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ project: p.name, via, range: e.spec });
    }
  }
  return out;
}

/** Every package name worth polling: all components of all watched projects (npm only). */
export function watchedNames(projects: readonly WatchedProject[]): string[] {
  const names = new Set<string>();
  for (const p of projects) for (const c of p.inventory.components) if (c.ecosystem === 'npm' && !c.notAnalyzed) names.add(c.name);
  return [...names].sort();
}
