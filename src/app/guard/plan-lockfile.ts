/**
 * `npm install` naming no package, in a project whose lockfile matches package.json: npm installs
 * the lockfile as it is, so the plan is the lockfile itself — no npm run needed. What is new is what
 * node_modules does not hold yet (a fresh clone installs everything; a warm project nothing).
 * Any doubt (workspaces, overrides, a link or non-registry spec, a lock edge npm would re-resolve,
 * an unknown flag) returns undefined and the caller plans with npm as before.
 */
import { join } from 'node:path';
import type { semver as Semver } from '../../vendor/semver.js';
import { isDeepStrictEqual } from 'node:util';
import type { Inventory } from '../../core/types.js';
import { nameFromPath, resolveDep } from '../../inventory/package-lock-v2.js';
import { npmPurl } from '../../core/purl.js';
import { readJsonFile } from './lock-inventory.js';
import { checkKey, type CheckMemo } from './check-memo.js';

/** Flags that change neither what npm resolves nor where it installs. */
export const NEUTRAL_FLAGS =
  /^--(no-)?(audit|fund|progress|color|update-notifier|foreground-scripts|ignore-scripts|prefer-online|prefer-offline)$|^--(silent|quiet|verbose)$|^-(s|q|d)$/;
const DEP_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

export type LockEntry = {
  version?: string;
  optional?: boolean;
  link?: boolean;
  name?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
} & Record<string, unknown>;

const json = readJsonFile;

/** package.json and the lockfile, when the caller has parsed them already. */
export interface ParsedProject {
  manifest?: Record<string, unknown>;
  lock?: Record<string, unknown>;
  /** Where passes of the check are remembered (check-memo.ts); without it the check always runs. */
  memo?: CheckMemo;
}
const field = (o: Record<string, unknown> | undefined, k: string): Record<string, unknown> =>
  (o?.[k] as Record<string, unknown> | undefined) ?? {};

/** The lockfile when `npm install ARGS` would install it unchanged; else undefined. */
export async function lockfileAsPlanned(
  projectDir: string,
  args: string[],
  lockFile: string | undefined,
  parsed: ParsedProject = {},
): Promise<string | undefined> {
  if (!lockFile || args.some((a) => !NEUTRAL_FLAGS.test(a))) return undefined;
  return (await lockfileMatchesManifest(projectDir, lockFile, parsed)) ? lockFile : undefined;
}

/**
 * Whether npm would keep every locked version: no workspaces, overrides or bundled dependencies, the
 * root entry declares what package.json declares, and every locked edge is met by a registry version.
 */
export async function lockfileMatchesManifest(projectDir: string, lockFile: string, parsed: ParsedProject = {}): Promise<boolean> {
  const manifest = parsed.manifest ?? json(join(projectDir, 'package.json'));
  const lock = parsed.lock ?? json(lockFile);
  if (!manifest || !lock) return false;
  const key = parsed.memo ? checkKey('lockfile-matches-manifest', MATCH_CODE, [manifest, lock]) : undefined;
  if (key && parsed.memo?.passed(key)) return true;
  // semver loads only when the check runs: a remembered pass (a warm `npm install`) never needs it.
  const { semver } = await import('../../vendor/semver.js');
  const ok = matches(semver, manifest, lock);
  if (ok && key) parsed.memo?.remember(key);
  return ok;
}

/** The code that decides whether a lockfile matches (the memo's key includes its hash). */
const MATCH_CODE = ['app/guard/plan-lockfile.ts', 'inventory/package-lock-v2.ts', 'vendor'];

function matches(semver: typeof Semver, manifest: Record<string, unknown>, lock: Record<string, unknown>): boolean {
  if (manifest.workspaces || manifest.overrides || manifest.bundleDependencies || manifest.bundledDependencies) return false;
  const packages = lock.packages as Record<string, LockEntry> | undefined;
  if (!packages || typeof packages !== 'object' || !packages['']) return false;
  for (const k of DEP_FIELDS) if (!isDeepStrictEqual(field(manifest, k), field(packages[''], k))) return false;
  const entries = new Map(Object.entries(packages));
  const meets = rangeChecker(semver);
  for (const [key, e] of entries) {
    if (key === '') continue;
    if (e.link || !e.version || !key.includes('node_modules/') || !semver.valid(e.version)) return false;
    const deps = { ...e.peerDependencies, ...e.optionalDependencies, ...e.dependencies };
    for (const [name, range] of Object.entries(deps)) {
      if (!meets.valid(range)) return false;
      const to = resolveDep(entries, key, name);
      const optional = name in (e.optionalDependencies ?? {}) || e.peerDependenciesMeta?.[name]?.optional === true;
      if (!to) {
        if (optional || name in (e.peerDependencies ?? {})) continue;
        return false;
      }
      const v = entries.get(to)?.version;
      if (!v || !meets.satisfies(v, range)) return false;
    }
  }
  // The root's own edges: each declared dependency resolves to a locked version in its range.
  for (const k of DEP_FIELDS) {
    for (const [name, range] of Object.entries(field(manifest, k))) {
      if (typeof range !== 'string' || !meets.valid(range)) return false;
      const v = entries.get(`node_modules/${name}`)?.version;
      if (!v) {
        if (k === 'optionalDependencies' || k === 'peerDependencies') continue;
        return false;
      }
      if (!meets.satisfies(v, range)) return false;
    }
  }
  return true;
}

/**
 * semver's validRange/satisfies with each distinct range and version parsed once: a lockfile repeats
 * the same few hundred ranges thousands of times, and parsing them again is most of this check's time.
 */
function rangeChecker(semver: typeof Semver) {
  const ranges = new Map<string, Semver.Range | null>();
  const versions = new Map<string, Semver.SemVer | null>();
  const range = (r: string) => {
    let x = ranges.get(r);
    if (x === undefined) {
      try {
        x = new semver.Range(r, { includePrerelease: true });
      } catch {
        x = null;
      }
      ranges.set(r, x);
    }
    return x;
  };
  const version = (v: string) => {
    let x = versions.get(v);
    if (x === undefined) {
      try {
        x = new semver.SemVer(v);
      } catch {
        x = null;
      }
      versions.set(v, x);
    }
    return x;
  };
  return {
    valid: (r: string) => range(r) !== null,
    satisfies: (v: string, r: string) => {
      const rr = range(r);
      const vv = version(v);
      return rr !== null && vv !== null && rr.test(vv);
    },
  };
}

/** What node_modules holds of a lockfile. */
export interface InstalledState {
  /** purls of lockfile entries whose folder in node_modules holds that very version. */
  installed: Set<string>;
  /** Lockfile entries whose folder does not (absent, another version, unreadable). */
  missing: { key: string; entry: LockEntry; purl: string }[];
}

/** Reads the package.json of every lockfile entry's folder: what is there, not what a lockfile says. */
export function installedState(projectDir: string, lockFile: string, lock = json(lockFile)): InstalledState {
  const installed = new Set<string>();
  const missing: InstalledState['missing'] = [];
  const packages = (lock?.packages ?? {}) as Record<string, LockEntry>;
  for (const key in packages) {
    const e = packages[key]!;
    const name = e.name ?? nameFromPath(key);
    if (!key || !name || !e.version) continue;
    const purl = npmPurl(name, e.version);
    if (json(`${projectDir}/${key}/package.json`)?.version === e.version) installed.add(purl);
    else missing.push({ key, entry: e, purl });
  }
  return { installed, missing };
}

/** The inventory restricted to what is installed (the "before" of a lockfile-as-planned install). */
export function installedPart(inv: Inventory, installed: Set<string>): Inventory {
  return { ...inv, components: inv.components.filter((c) => installed.has(c.purl)) };
}
