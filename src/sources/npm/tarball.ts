/**
 * Tarball addresses and integrity. Bytes are verified with ssri BEFORE anything caches them: the
 * strongest algorithm in the expected SRI is checked (sha512 over sha1). A mismatch is an
 * IntegrityError (E_INTEGRITY) carrying both digests.
 */
import ssri from 'ssri';
import { VigilError } from '../../core/errors.js';
import { registryFor, type RegistryConfig } from './config.js';
import { IntegrityError } from './http-errors.js';

/** `${registry}${name}/-/${basename}-${version}.tgz`; scoped names keep `@scope/name` in the path. */
export function tarballUrl(registry: string, name: string, version: string): string {
  const base = registry.endsWith('/') ? registry : `${registry}/`;
  const basename = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
  return `${base}${name}/-/${basename}-${encodeURIComponent(version)}.tgz`;
}

/**
 * Where to download name@version. With a lockfile `resolved` http(s) URL that is used (rewritten to
 * the configured registry when npm's `replace-registry-host` says so); without one (npm configured
 * with omit-lockfile-registry-resolved) it is derived from the scope's registry.
 */
export function resolveTarballUrl(config: RegistryConfig, name: string, version: string, resolved?: string): string {
  const registry = registryFor(config, name);
  if (!resolved) return tarballUrl(registry, name, version);
  let u: URL;
  try {
    u = new URL(resolved);
  } catch {
    throw new VigilError('E_UNSUPPORTED', `${name}@${version}: resolved "${resolved}" is not a URL`, { subject: `${name}@${version}` });
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new VigilError('E_UNSUPPORTED', `${name}@${version} is resolved from ${u.protocol} (${resolved}), not from a registry`, {
      subject: `${name}@${version}`,
    });
  }
  const replace = config.replaceRegistryHost?.value;
  const registryShaped = u.pathname.includes(`/${name}/-/`);
  if (registryShaped && replace && replace !== 'never' && (replace === 'always' || replace === u.hostname)) {
    return tarballUrl(registry, name, version);
  }
  return resolved;
}

/** The expected SRI from a packument dist: `integrity`, else sha1 `shasum` (hex) as SRI. */
export function distIntegrity(dist: { integrity?: string; shasum?: string }): string | undefined {
  if (dist.integrity && usableIntegrity(dist.integrity)) return dist.integrity;
  if (dist.shasum && /^[0-9a-f]{40}$/i.test(dist.shasum)) return ssri.fromHex(dist.shasum, 'sha1').toString();
  return undefined;
}

/** True when ssri can read at least one hash of a supported algorithm from the string. */
export function usableIntegrity(sri: string): boolean {
  try {
    const algo = ssri.parse(sri).pickAlgorithm();
    return typeof algo === 'string' && algo.length > 0;
  } catch {
    return false;
  }
}

/** The single hash (strongest algorithm) an SRI string is checked by; used as the cache key. */
export function integrityKey(sri: string): string {
  const parsed = ssri.parse(sri);
  const algo = parsed.pickAlgorithm();
  const hashes = (parsed as unknown as Record<string, { digest: string }[]>)[algo];
  const first = hashes?.[0];
  if (!first) throw new VigilError('E_INTEGRITY', `unusable integrity "${sri}"`);
  return `${algo}-${first.digest}`;
}

export interface VerifyContext {
  name: string;
  version: string;
  url: string;
  expectedFrom: 'lockfile' | 'packument';
}

/** Throws IntegrityError unless `bytes` match `expected`; returns the matching SRI hash. */
export function verifyIntegrity(bytes: Buffer, expected: string, ctx: VerifyContext): string {
  const parsed = ssri.parse(expected);
  const algo = parsed.pickAlgorithm();
  const ok = ssri.checkData(bytes, parsed);
  if (ok) return integrityKey(expected);
  throw new IntegrityError({
    ...ctx,
    expected: integrityKey(expected),
    actual: ssri.fromData(bytes, { algorithms: [algo] }).toString(),
    actualSha512: sha512(bytes),
  });
}

export function sha512(bytes: Buffer): string {
  return ssri.fromData(bytes, { algorithms: ['sha512'] }).toString();
}

/** E_ARCHIVE for a downloaded tarball that is not gzip (checked after its integrity). */
export function notGzipError(ctx: VerifyContext): VigilError {
  const subject = `${ctx.name}@${ctx.version}`;
  return new VigilError('E_ARCHIVE', `tarball of ${subject} from ${ctx.url} is not gzip-compressed`, { subject });
}

/** gzip magic (RFC 1952): npm tarballs are always gzip-compressed tar. */
export function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
