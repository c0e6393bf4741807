/**
 * `vigil audit fetch`: bring each import's audits file (a path relative to the supply-chain folder, or
 * an http(s) URL), check it against the sha256 pinned in config.toml, validate it, and keep it in
 * imports.lock. An unpinned import is refused (trust on first use must be explicit: `--update-pins`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { VigilError } from '../core/errors.js';
import { guardedFetch, type GuardOptions } from '../sources/net/guarded-fetch.js';
import { describeNetworkError } from '../sources/net/network-error.js';
import { readCapped } from '../sources/net/read-capped.js';
import { parseAuditSet } from './parse.js';
import { parseToml } from './toml-io.js';
import type { ImportSpec } from './types.js';
import type { LockedImport } from './files.js';

/** An audits file larger than this is refused (a hostile import must not exhaust memory). */
export const MAX_IMPORT_BYTES = 16 << 20;

export type FetchBytes = (url: string) => Promise<Buffer>;

/**
 * Fetches an import URL like every non-registry source: the host in config.toml is asked, a
 * redirect is followed only on that host or an `--allow-host` host (never an internal address),
 * the run's `--timeout` deadline and the proxy settings apply, and the body is read with its cap.
 */
export function importFetcher(o: GuardOptions = {}): FetchBytes {
  const fetch = guardedFetch(o);
  return async (url) => {
    const res = await fetch(url, { signal: AbortSignal.timeout(60_000) }).catch((e: unknown) => {
      if (e instanceof VigilError) throw e;
      throw new VigilError('E_NETWORK', `${url}: ${describeNetworkError(e)}`, { subject: url, cause: e });
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      throw new VigilError('E_REGISTRY_HTTP', `${url} answered ${res.status}`, { subject: url });
    }
    return readCapped(res, url, MAX_IMPORT_BYTES, { what: 'the cap for an audits import', code: 'E_ARCHIVE_LIMIT' });
  };
}

export const defaultFetchBytes: FetchBytes = importFetcher();

function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

export interface FetchedImport extends LockedImport {
  name: string;
  /** The pin changed (only with updatePins). */
  repinned: boolean;
}

export async function fetchImport(
  dir: string,
  spec: ImportSpec,
  o: { fetchBytes?: FetchBytes; updatePins?: boolean; now?: Date } = {},
): Promise<FetchedImport> {
  let bytes: Buffer;
  if (isUrl(spec.url)) {
    bytes = await (o.fetchBytes ?? defaultFetchBytes)(spec.url);
  } else {
    const path = isAbsolute(spec.url) ? spec.url : join(dir, spec.url);
    try {
      bytes = readFileSync(path);
    } catch (e) {
      throw new VigilError('E_INPUT_NOT_FOUND', `import "${spec.name}": cannot read ${path}: ${(e as Error).message}`, {
        file: path,
        cause: e,
      });
    }
    if (bytes.length > MAX_IMPORT_BYTES)
      throw new VigilError('E_ARCHIVE_LIMIT', `import "${spec.name}": ${path} is over ${MAX_IMPORT_BYTES} bytes`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (spec.sha256 !== sha256 && !o.updatePins) {
    throw new VigilError(
      'E_INTEGRITY',
      spec.sha256
        ? `import "${spec.name}": ${spec.url} has sha256 ${sha256}, but config.toml pins ${spec.sha256}`
        : `import "${spec.name}" is not pinned: its content has sha256 ${sha256}`,
      {
        file: join(dir, 'config.toml'),
        hint: `review what changed, then set sha256 = "${sha256}" under [imports.${spec.name}] (or run \`vigil audit fetch --update-pins\`)`,
      },
    );
  }
  const set = parseAuditSet(parseToml(bytes.toString('utf8'), spec.url), spec.url, spec.name);
  return { name: spec.name, url: spec.url, sha256, fetched: (o.now ?? new Date()).toISOString(), set, repinned: spec.sha256 !== sha256 };
}
