/**
 * Latest-version tarballs of a list of package names, from the user's configured npm registry
 * (`npm config get registry`), cached under a folder (bench/.work/…): later runs reuse them.
 * Returns the paths of the tarballs present and the names that could not be fetched.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileSafe, pool } from './mirror.js';

export interface LatestTarball {
  name: string;
  version: string;
  file: string;
}

export async function ensureLatestTarballs(
  names: string[],
  dir: string,
  opts: {
    concurrency?: number;
    log?: (s: string) => void;
    /** Skip releases whose dist.unpackedSize is larger. */ maxUnpackedBytes?: number;
  } = {},
): Promise<{ tarballs: LatestTarball[]; failed: { name: string; reason: string }[] }> {
  mkdirSync(dir, { recursive: true });
  const indexFile = join(dir, 'index.json');
  const index: Record<string, { version: string; file: string }> = existsSync(indexFile) ? JSON.parse(readFileSync(indexFile, 'utf8')) : {};
  const upstream = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim().replace(/\/?$/, '/');
  const failed: { name: string; reason: string }[] = [];
  let fetched = 0;
  await pool(names, opts.concurrency ?? 6, async (name) => {
    const known = index[name];
    if (known && existsSync(join(dir, known.file))) return;
    try {
      const res = await fetch(`${upstream}${name.replace('/', '%2f')}`, { headers: { accept: 'application/vnd.npm.install-v1+json' } });
      if (!res.ok) throw new Error(`packument: HTTP ${res.status}`);
      const p = (await res.json()) as {
        'dist-tags'?: { latest?: string };
        versions?: Record<string, { dist?: { tarball?: string; unpackedSize?: number } }>;
      };
      const version = p['dist-tags']?.latest;
      const url = version ? p.versions?.[version]?.dist?.tarball : undefined;
      if (!version || !url) throw new Error('no latest version with a tarball');
      const size = p.versions?.[version]?.dist?.unpackedSize;
      if (opts.maxUnpackedBytes !== undefined && size !== undefined && size > opts.maxUnpackedBytes)
        throw new Error(`unpacked size ${size} over the limit`);
      const tb = await fetch(url);
      if (!tb.ok) throw new Error(`tarball: HTTP ${tb.status}`);
      const file = `${fileSafe(name)}-${version}.tgz`;
      writeFileSync(join(dir, file), Buffer.from(await tb.arrayBuffer()));
      index[name] = { version, file };
      if (++fetched % 50 === 0) {
        writeFileSync(indexFile, JSON.stringify(index, null, 1));
        opts.log?.(`fetched ${fetched} tarballs`);
      }
    } catch (e) {
      failed.push({ name, reason: (e as Error).message });
    }
  });
  writeFileSync(indexFile, JSON.stringify(index, null, 1));
  const tarballs = names
    .filter((n) => index[n] && existsSync(join(dir, index[n].file)))
    .map((n) => ({ name: n, version: index[n]!.version, file: join(dir, index[n]!.file) }));
  return { tarballs, failed };
}

/** CLI: prefetch only (`node --import tsx bench/lib/latest-tarballs.ts LIST DIR`). */
if (process.argv[1]?.endsWith('latest-tarballs.ts')) {
  const [list, dir] = process.argv.slice(2);
  const names = readFileSync(list!, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const r = await ensureLatestTarballs(names, dir!, { log: (s) => console.error(s) });
  console.log(`${r.tarballs.length} tarballs in ${dir}; failed: ${r.failed.map((f) => `${f.name} (${f.reason})`).join(', ') || 'none'}`);
}
