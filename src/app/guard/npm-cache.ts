/**
 * Packuments in npm's own HTTP cache (cacache, read only): what npm may resolve against instead of
 * the registry. npm (make-fetch-happen) answers a packument request from the newest cache entry whose
 * request headers match when that entry is fresh by HTTP rules, or when the registry answers 304 to
 * its revalidation; only otherwise does it use a new registry answer. guard resolves over the fresh
 * packument AND these copies, so whichever one npm uses, its pick was analysed.
 *
 * Layout (cacache v5 index, v2 content): the index bucket of a key is
 * `index-v5/<sha256(key) as aa/bb/rest>`, one entry per line `<sha1(json)>\t<json>`, appended (the
 * newest last); content lives at `content-v2/<algo>/<hex digest as aa/bb/rest>`. Lines whose hash
 * does not match are ignored, as cacache ignores them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ResolveGap } from './npm-resolve.js';

/** The accept headers npm sends for packuments (pacote): the abbreviated document, or the full one. */
export const CORGI_ACCEPT = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';
export const FULL_ACCEPT = 'application/json';

export interface CachedPackument {
  /** SRI of the cached body (as make-fetch-happen recorded it). */
  integrity: string;
  /** The accept header of the request that stored it, when one of npm's two. */
  accept?: string;
}

/** npm's `cache` setting as npm resolves it: `~` is the home directory, a relative path is from `cwd`. */
export function npmCacheDir(setting: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  const home = env.HOME || env.USERPROFILE || homedir();
  const value = setting ?? (process.platform === 'win32' && env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'npm-cache') : join(home, '.npm'));
  return resolve(cwd, value.replace(/^~(?=$|[/\\])/, home));
}

const sha = (algo: string, data: string | Buffer) => createHash(algo).update(data);

/**
 * The entries of `url` npm could answer from: the newest valid entry for each distinct set of
 * request headers (npm keeps one per set that a request can match). A cached redirect (no content,
 * a status) is a gap: npm would follow it to a document guard has not read.
 */
export function cachedPackuments(cacheDir: string, url: string): CachedPackument[] {
  const key = `make-fetch-happen:request-cache:${url}`;
  const h = sha('sha256', key).digest('hex');
  let text: string;
  try {
    text = readFileSync(join(cacheDir, '_cacache', 'index-v5', h.slice(0, 2), h.slice(2, 4), h.slice(4)), 'utf8');
  } catch (e) {
    if (['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '')) return [];
    throw new ResolveGap(`reading npm's cache index for ${url}: ${(e as Error).message}`);
  }
  const seen = new Set<string>();
  const out: CachedPackument[] = [];
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const tab = lines[i]!.indexOf('\t');
    if (tab < 0) continue;
    const json = lines[i]!.slice(tab + 1);
    if (sha('sha1', json).digest('hex') !== lines[i]!.slice(0, tab)) continue;
    let entry: {
      key?: unknown;
      integrity?: unknown;
      metadata?: { reqHeaders?: Record<string, unknown>; options?: unknown; status?: unknown };
    };
    try {
      entry = JSON.parse(json) as typeof entry;
    } catch {
      continue;
    }
    if (entry.key !== key) continue;
    // Finer than npm's own grouping (host, compress, accept-*): every entry npm can pick is kept.
    const headers = JSON.stringify([
      Object.entries(entry.metadata?.reqHeaders ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)),
      entry.metadata?.options,
    ]);
    if (seen.has(headers)) continue;
    seen.add(headers);
    if (typeof entry.integrity !== 'string') {
      if (entry.metadata?.status !== undefined)
        throw new ResolveGap(`npm's cache holds a ${String(entry.metadata.status)} answer for ${url}`);
      continue;
    }
    const accept = entry.metadata?.reqHeaders?.accept;
    out.push({ integrity: entry.integrity, ...(accept === CORGI_ACCEPT || accept === FULL_ACCEPT ? { accept } : {}) });
  }
  return out;
}

const STRENGTH = ['sha512', 'sha384', 'sha256', 'sha1'];

/** The strongest hash of an SRI string (the one cacache files content under). */
function strongest(integrity: string): { algo: string; digest: Buffer } | undefined {
  const hashes = integrity
    .trim()
    .split(/\s+/)
    .map((t) => /^(sha512|sha384|sha256|sha1)-([A-Za-z0-9+/]+=*)(\?.*)?$/.exec(t))
    .filter((m): m is RegExpExecArray => m !== null);
  hashes.sort((a, b) => STRENGTH.indexOf(a[1]!) - STRENGTH.indexOf(b[1]!));
  const best = hashes[0];
  return best ? { algo: best[1]!, digest: Buffer.from(best[2]!, 'base64') } : undefined;
}

/** Whether `body` is the content `integrity` names (its strongest hash). */
export function matchesIntegrity(body: Buffer, integrity: string): boolean {
  const s = strongest(integrity);
  return s !== undefined && sha(s.algo, body).digest().equals(s.digest);
}

/**
 * The cached body, checked against its integrity; undefined when it is gone or damaged (npm then
 * asks the registry, whose answer guard has).
 */
export function readCachedBody(cacheDir: string, integrity: string): Buffer | undefined {
  const s = strongest(integrity);
  if (!s) return undefined;
  const hex = s.digest.toString('hex');
  let body: Buffer;
  try {
    body = readFileSync(join(cacheDir, '_cacache', 'content-v2', s.algo, hex.slice(0, 2), hex.slice(2, 4), hex.slice(4)));
  } catch (e) {
    if (['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw new ResolveGap(`reading npm's cached packument ${integrity.slice(0, 20)}…: ${(e as Error).message}`);
  }
  return sha(s.algo, body).digest().equals(s.digest) ? body : undefined;
}
