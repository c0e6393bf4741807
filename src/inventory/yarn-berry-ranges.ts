/**
 * Ranges a Berry workspace declares are not always the descriptors the lockfile keys use:
 * `catalog:` ranges come from `.yarnrc.yml` catalogs, and root `resolutions` force other ranges.
 * This gives the candidate ranges to try, in order, for one declared dependency.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isRecord, stringMap } from './json-input.js';
import type { Manifest } from './manifest.js';

export interface BerryRanges {
  catalogs: Map<string, Record<string, string>>;
  resolutions: Record<string, string>;
}

export function loadBerryRanges(projectDir: string, rootManifest: Manifest | undefined): BerryRanges {
  const catalogs = new Map<string, Record<string, string>>();
  const rc = join(projectDir, '.yarnrc.yml');
  if (existsSync(rc)) {
    try {
      const y: unknown = parse(readFileSync(rc, 'utf8'), { maxAliasCount: 100 });
      if (isRecord(y)) {
        catalogs.set('', stringMap(y.catalog));
        if (isRecord(y.catalogs)) for (const [k, v] of Object.entries(y.catalogs)) catalogs.set(k, stringMap(v));
      }
    } catch {
      // an unreadable .yarnrc.yml only costs the catalog lookups; the name fallback still applies
    }
  }
  return { catalogs, resolutions: stringMap(rootManifest?.raw.resolutions) };
}

/**
 * `name` matches a resolutions key `name@range` (the declared range), `name`, `parent/name` or
 * `**\/name` (not the scope of a scoped key).
 */
function resolutionFor(r: Record<string, string>, name: string, range: string): string | undefined {
  const bare = range.startsWith('npm:') ? range.slice(4) : range;
  for (const k of [`${name}@${range}`, `${name}@${bare}`, name]) if (r[k] !== undefined) return r[k];
  for (const [k, v] of Object.entries(r)) {
    if (!k.endsWith(`/${name}`)) continue;
    const prefix = k.slice(0, -(name.length + 1));
    if (!/^@[^/]+$/.test(prefix)) return v;
  }
  return undefined;
}

export function candidateRanges(ctx: BerryRanges, name: string, range: string): string[] {
  const out = [range];
  const cat = /^catalog:(.*)$/.exec(range);
  if (cat) {
    const r = ctx.catalogs.get(cat[1] ?? '')?.[name];
    if (r) out.push(r);
  }
  const forced = resolutionFor(ctx.resolutions, name, range);
  if (forced) out.push(forced);
  return out;
}
