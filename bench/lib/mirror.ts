/**
 * One-time download of every packument and tarball a lockfile needs, from the user's configured
 * npm registry (`npm config get registry`), into bench/.work/registry. Later runs reuse it, so the
 * measured runs only talk to the local server.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { currentPlatform, installsOn } from '../../src/engine/platform.js';

export interface LockEntry {
  name: string;
  version: string;
}

type LockPackage = { version?: string; name?: string; link?: boolean; optional?: boolean; os?: string[]; cpu?: string[]; libc?: string[] };

/** The lockfile's packages that install on this machine (npm's os/cpu/libc rules, as `npm ci` and `vigil scan` apply them). */
export function lockEntries(lockPath: string): LockEntry[] {
  const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as { packages: Record<string, LockPackage> };
  const here = currentPlatform();
  const seen = new Map<string, LockEntry>();
  for (const [path, p] of Object.entries(lock.packages)) {
    if (!path || p.link || !p.version) continue;
    if (p.optional && (p.os || p.cpu || p.libc) && !installsOn({ os: p.os, cpu: p.cpu, libc: p.libc }, here)) continue;
    const name = p.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    seen.set(`${name}@${p.version}`, { name, version: p.version });
  }
  return [...seen.values()];
}

export const fileSafe = (name: string) => name.replace('/', '__');

/** fetch with a few retries: a mirror of thousands of files meets the odd dropped connection. */
async function fetchRetry(url: string, init?: RequestInit): Promise<Response> {
  for (let i = 0; ; i++) {
    try {
      return await fetch(url, init);
    } catch (e) {
      if (i >= 3) throw e;
      await new Promise((r) => setTimeout(r, 1000 * (i + 1)));
    }
  }
}

export async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>) {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

export async function ensureMirror(entries: LockEntry[], dir: string): Promise<void> {
  mkdirSync(join(dir, 'packuments'), { recursive: true });
  mkdirSync(join(dir, 'tarballs'), { recursive: true });
  const upstream = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim().replace(/\/?$/, '/');
  const names = [...new Set(entries.map((e) => e.name))];
  let fetched = 0;
  await pool(names, 12, async (name) => {
    const f = join(dir, 'packuments', `${fileSafe(name)}.json`);
    if (existsSync(f)) return;
    const res = await fetchRetry(`${upstream}${name.replace('/', '%2f')}`, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`packument ${name}: HTTP ${res.status}`);
    writeFileSync(f, Buffer.from(await res.arrayBuffer()));
    fetched++;
  });
  // The scan compares each locked version with the release before it: mirror those too.
  const wanted = [...entries];
  for (const e of entries) {
    const prev = previousOf(join(dir, 'packuments', `${fileSafe(e.name)}.json`), e.version);
    if (prev) wanted.push({ name: e.name, version: prev });
  }
  await pool(wanted, 12, async (e) => {
    const f = join(dir, 'tarballs', `${fileSafe(e.name)}-${e.version}.tgz`);
    if (existsSync(f)) return;
    const p = JSON.parse(readFileSync(join(dir, 'packuments', `${fileSafe(e.name)}.json`), 'utf8'));
    const url = p.versions?.[e.version]?.dist?.tarball;
    if (!url) throw new Error(`no tarball for ${e.name}@${e.version}`);
    const res = await fetchRetry(url);
    if (!res.ok) throw new Error(`tarball ${e.name}@${e.version}: HTTP ${res.status}`);
    writeFileSync(f, Buffer.from(await res.arrayBuffer()));
    fetched++;
  });
  if (fetched) process.stderr.write(`bench: mirrored ${fetched} files into ${dir}\n`);
}

/** The highest non-prerelease version below `version` (what `vigil scan` compares against). */
function previousOf(packumentFile: string, version: string): string | undefined {
  const p = JSON.parse(readFileSync(packumentFile, 'utf8')) as { versions?: Record<string, unknown> };
  const below = Object.keys(p.versions ?? {}).filter((v) => semver.valid(v) && !semver.prerelease(v) && semver.lt(v, version));
  return below.sort(semver.rcompare)[0];
}
